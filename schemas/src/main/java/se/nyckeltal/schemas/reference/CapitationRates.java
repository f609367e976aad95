package se.nyckeltal.schemas.reference;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import se.nyckeltal.schemas.contract.AgeBand;
import se.nyckeltal.schemas.contract.ColumnSpec;
import se.nyckeltal.schemas.contract.Gender;
import se.nyckeltal.schemas.contract.ListingContract;
import se.nyckeltal.schemas.text.DecimalText;
import se.nyckeltal.schemas.text.ExtractFormatException;
import se.nyckeltal.schemas.text.TextTable;

/**
 * capitation_rates.csv ({@code year;ownership;component;key;rate}, SPEC §3): the listing compensation
 * per month, per year and ownership. Keys are normalised so the catalogue can join them to the listings:
 * AGE_SEX {@code K:0-4} (gender K|M, a canonical {@link AgeBand}), CNI the factor without its
 * {@code CNI_} prefix, upper case; ACG and ACTIVE_LISTED have no key.
 */
final class CapitationRates {
    private static final ColumnSpec YEAR = ColumnSpec.required("year", "år");
    private static final ColumnSpec OWNERSHIP = ColumnSpec.required("ownership", "driftform");
    private static final ColumnSpec COMPONENT = ColumnSpec.required("component", "komponent");
    private static final ColumnSpec KEY = ColumnSpec.optional("key", "nyckel");
    private static final ColumnSpec RATE = ColumnSpec.required("rate", "ersättning", "belopp");
    private static final Pattern FACTOR = Pattern.compile("[A-Z0-9_]+");
    /** Rates are kr per month; more than 6 decimals is a typo. */
    private static final int RATE_SCALE = 6;

    private CapitationRates() {}

    static List<CapitationRate> parse(TextTable t) {
        ReferenceData.Rows rows = new ReferenceData.Rows(t, List.of(YEAR, OWNERSHIP, COMPONENT, KEY, RATE));
        List<CapitationRate> rates = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        for (TextTable.Row row : t.rows()) {
            CapitationRate rate = rows.parse(row, r -> {
                int year = ReferenceData.year(r.nonEmpty(YEAR));
                Ownership ownership;
                CapitationComponent component;
                try {
                    ownership = Ownership.parse(r.nonEmpty(OWNERSHIP));
                    component = CapitationComponent.parse(r.nonEmpty(COMPONENT));
                } catch (IllegalArgumentException e) {
                    throw new ExtractFormatException(e.getMessage());
                }
                String key = key(component, r.get(KEY));
                BigDecimal value = DecimalText.parse(r.nonEmpty(RATE));
                if (value.signum() < 0) {
                    throw new ExtractFormatException("rate " + r.get(RATE) + " is negative; a compensation is 0 or more kr");
                }
                if (value.stripTrailingZeros().scale() > RATE_SCALE) {
                    throw new ExtractFormatException("rate " + r.get(RATE) + " has more than " + RATE_SCALE + " decimals");
                }
                return new CapitationRate(year, ownership, component, key, value);
            });
            String id = rate.year() + " " + rate.ownership() + " " + rate.component()
                    + (rate.key().isEmpty() ? "" : " " + rate.key());
            Long earlier = seen.putIfAbsent(id, row.lineNumber());
            if (earlier != null) {
                throw new ExtractFormatException(t.fileName() + " line " + row.lineNumber() + ": the rate for " + id
                        + " is already defined on line " + earlier + "; keep one row per year, ownership, component and key");
            }
            rates.add(rate);
        }
        return rates;
    }

    private static String key(CapitationComponent component, String text) {
        String key = text.strip();
        switch (component) {
            case ACG, ACTIVE_LISTED -> {
                if (!key.isEmpty()) {
                    throw new ExtractFormatException("component " + component + " has no key, found '" + key
                            + "'; leave key empty");
                }
                return "";
            }
            case AGE_SEX -> {
                int colon = key.indexOf(':');
                if (colon < 0) {
                    throw new ExtractFormatException("AGE_SEX key '" + key + "' must be gender:age band, e.g. K:0-4");
                }
                try {
                    Gender gender = Gender.parse(key.substring(0, colon));
                    return gender.name() + ":" + AgeBand.parse(key.substring(colon + 1));
                } catch (IllegalArgumentException e) {
                    throw new ExtractFormatException("AGE_SEX key '" + key + "': " + e.getMessage());
                }
            }
            case CNI -> {
                String factor = key.toUpperCase(Locale.ROOT);
                if (factor.startsWith(ListingContract.CNI_PREFIX)) {
                    factor = factor.substring(ListingContract.CNI_PREFIX.length());
                }
                if (!FACTOR.matcher(factor).matches()) {
                    throw new ExtractFormatException("CNI key '" + key + "' must be the factor's code (letters, digits,"
                            + " _), as in the listings' CNI_<FACTOR> measure, e.g. UNEMPLOYED");
                }
                return factor;
            }
            default -> throw new IllegalStateException(component.name());
        }
    }

    /** The rates as canonical CSV lines, header first. */
    static List<String> canonical(List<CapitationRate> rates) {
        List<String> lines = new ArrayList<>();
        lines.add("year;ownership;component;key;rate");
        for (CapitationRate r : rates) {
            lines.add(r.year() + ";" + r.ownership() + ";" + r.component() + ";" + r.key() + ";"
                    + r.rate().toPlainString());
        }
        return lines;
    }
}

package se.nyckeltal.schemas.reference;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The weight of each contact type in each year (viktade vårdtjänster): the row of contact_types.csv
 * for that year when there is one, else the row without a year. A contact type with neither, or
 * whose applicable row has no weight, is not part of weighted care services that year.
 */
public final class ContactWeights {
    private final Set<String> codes = new LinkedHashSet<>();
    /** code → weight of the row without a year (the value may be null: not weighted). */
    private final Map<String, BigDecimal> defaults = new HashMap<>();
    /** code → year → weight of that year's row (the value may be null). */
    private final Map<String, Map<Integer, BigDecimal>> byYear = new HashMap<>();

    private ContactWeights(List<ContactType> rows) {
        for (ContactType row : rows) {
            codes.add(row.code());
            if (row.year() == null) {
                defaults.put(row.code(), row.weight());
            } else {
                byYear.computeIfAbsent(row.code(), c -> new HashMap<>()).put(row.year(), row.weight());
            }
        }
    }

    public static ContactWeights of(List<ContactType> rows) {
        return new ContactWeights(rows);
    }

    /** Whether contact_types.csv defines the code at all (else it is reported under UNMAPPED). */
    public boolean isKnown(String code) {
        return codes.contains(code);
    }

    /** The weight that applies to a contact type in a year; empty = not part of weighted care services. */
    public Optional<BigDecimal> weight(String code, int year) {
        Map<Integer, BigDecimal> years = byYear.get(code);
        if (years != null && years.containsKey(year)) {
            return Optional.ofNullable(years.get(year));
        }
        return Optional.ofNullable(defaults.get(code));
    }

    /**
     * Every weight that applies in a year, by code, trailing zeros stripped so that 1,0 and 1 are the
     * same weight: two reference versions weigh a year alike exactly when these maps are equal.
     */
    public Map<String, BigDecimal> forYear(int year) {
        Map<String, BigDecimal> weights = new TreeMap<>();
        for (String code : codes) {
            weight(code, year).ifPresent(w -> weights.put(code, w.stripTrailingZeros()));
        }
        return weights;
    }
}

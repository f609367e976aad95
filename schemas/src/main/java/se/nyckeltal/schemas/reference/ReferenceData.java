package se.nyckeltal.schemas.reference;


import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import se.nyckeltal.schemas.contract.ColumnSpec;
import se.nyckeltal.schemas.text.DecimalText;
import se.nyckeltal.schemas.text.ExtractFormatException;
import se.nyckeltal.schemas.text.HeaderMatcher;
import se.nyckeltal.schemas.text.HeaderMatcher.ColumnMapping;
import se.nyckeltal.schemas.text.PeriodText;
import se.nyckeltal.schemas.text.TextTable;

/**
 * The region's reference data (SPEC §3): org structure, account mapping, contact types, yearly
 * parameters and KPI targets. Shipped defaults describe the demo region; a file of the same name in
 * {@code <landing>/reference/} replaces its default wholesale. A load requires the region's own
 * {@link #REQUIRED_FILE_NAMES}; only the others fall back to the defaults there.
 */
public record ReferenceData(
        List<OrgUnitVersion> orgUnits,
        List<AccountLine> accounts,
        List<ContactType> contactTypes,
        List<YearParameters> parameters,
        List<KpiTarget> kpiTargets,
        List<Indicator> indicators,
        List<IndicatorGroup> indicatorGroups,
        List<CapitationRate> capitationRates) {

    public static final String ORG_UNITS = "org_units.csv";
    public static final String ACCOUNTS = "accounts.csv";
    public static final String CONTACT_TYPES = "contact_types.csv";
    public static final String PARAMETERS = "parameters.csv";
    public static final String KPI_TARGETS = "kpi_targets.csv";
    public static final String INDICATORS = "indicators.csv";
    public static final String INDICATOR_GROUPS = "indicator_groups.csv";
    public static final String CAPITATION_RATES = "capitation_rates.csv";
    public static final List<String> FILE_NAMES = List.of(ORG_UNITS, ACCOUNTS, CONTACT_TYPES, PARAMETERS, KPI_TARGETS,
            INDICATORS, INDICATOR_GROUPS, CAPITATION_RATES);

    /**
     * The files a region's load must bring in {@code <landing>/reference/}: the shipped org units and
     * chart of accounts are the demo region's, never a real region's (the demo and the generator
     * write them into the landing zones they create).
     */
    public static final List<String> REQUIRED_FILE_NAMES = List.of(ORG_UNITS, ACCOUNTS);

    /** The norm behind the published FTE figures when parameters.csv has no row for a year. */
    public static final BigDecimal DEFAULT_FTE_NORM_HOURS = new BigDecimal("1725");

    private static final String DEFAULTS = "/se/nyckeltal/schemas/reference/default/";

    public ReferenceData {
        orgUnits = List.copyOf(orgUnits);
        accounts = List.copyOf(accounts);
        contactTypes = List.copyOf(contactTypes);
        parameters = List.copyOf(parameters);
        kpiTargets = List.copyOf(kpiTargets);
        indicators = List.copyOf(indicators);
        indicatorGroups = List.copyOf(indicatorGroups);
        capitationRates = List.copyOf(capitationRates);
    }

    public static ReferenceData defaults() {
        return load(null);
    }

    /**
     * Defaults, each replaced by the file of the same name in {@code overrideDir} when there is one.
     *
     * @throws ExtractFormatException naming file, line and problem when a file is malformed
     */
    public static ReferenceData load(Path overrideDir) {
        Function<String, TextTable> table = name -> TextTable.read(name, bytes(overrideDir, name));
        return new ReferenceData(
                orgUnits(table.apply(ORG_UNITS)),
                accounts(table.apply(ACCOUNTS)),
                contactTypes(table.apply(CONTACT_TYPES)),
                parameters(table.apply(PARAMETERS)),
                kpiTargets(table.apply(KPI_TARGETS)),
                indicators(table.apply(INDICATORS)),
                indicatorGroups(table.apply(INDICATOR_GROUPS)),
                CapitationRates.parse(table.apply(CAPITATION_RATES)));
    }

    /** The indicator of indicators.csv with this code (upper case), if any. */
    public Optional<Indicator> indicator(String code) {
        return indicators.stream().filter(i -> i.code().equals(code)).findFirst();
    }

    /** The shipped default of a reference file (the demo region's), byte for byte. */
    public static byte[] shippedDefault(String name) {
        if (!FILE_NAMES.contains(name)) {
            throw new IllegalArgumentException("no reference file " + name + " (files: " + FILE_NAMES + ")");
        }
        return bytes(null, name);
    }

    /** Which files came from the override folder rather than the defaults. */
    public static List<String> overridden(Path overrideDir) {
        if (overrideDir == null) {
            return List.of();
        }
        return FILE_NAMES.stream().filter(n -> Files.isRegularFile(overrideDir.resolve(n))).toList();
    }

    /** The account line an account maps to: the narrowest range that holds it, ties to the earlier row. */
    public Optional<AccountLine> lineFor(String account) {
        long number;
        try {
            number = Long.parseLong(account.strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return accounts.stream()
                .filter(a -> a.accountFrom() <= number && number <= a.accountTo())
                .min(Comparator.comparingLong((AccountLine a) -> a.accountTo() - a.accountFrom())
                        .thenComparingInt(AccountLine::ordinal));
    }

    /** The version of a unit valid on a day; where two overlap on it, the later valid_from wins. */
    public Optional<OrgUnitVersion> unitOn(String unitId, LocalDate day) {
        return orgUnits.stream()
                .filter(u -> u.unitId().equals(unitId) && u.validOn(day))
                .max(Comparator.comparing(OrgUnitVersion::validFrom));
    }

    public BigDecimal fteNormHours(int year) {
        return parameters.stream().filter(p -> p.year() == year).map(YearParameters::fteNormHours).findFirst()
                .orElse(DEFAULT_FTE_NORM_HOURS);
    }

    /** The weight of each contact type in each year: a year's own row, else the row without a year. */
    public ContactWeights contactWeights() {
        return ContactWeights.of(contactTypes);
    }

    /** Writes the effective reference data as canonical UTF-8 CSVs (';', '.' decimals) into dir. */
    public void writeCanonical(Path dir) {
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, List<String>> file : canonicalFiles().entrySet()) {
                Files.write(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write reference data to " + dir, e);
        }
    }

    /**
     * SHA-256 (hex) of the canonical CSVs {@link #writeCanonical} writes, names included: equal for reference
     * data that is equal, whatever encoding, order or overrides the landing files had.
     */
    public String canonicalSha256() {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, List<String>> file : canonicalFiles().entrySet()) {
                digest.update((file.getKey() + "\n").getBytes(StandardCharsets.UTF_8));
                for (String line : file.getValue()) {
                    digest.update((line + "\n").getBytes(StandardCharsets.UTF_8));
                }
                digest.update((byte) 0);
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The canonical CSVs by file name, in {@link #FILE_NAMES}' order of writing. */
    private Map<String, List<String>> canonicalFiles() {
        Map<String, List<String>> files = new java.util.LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        lines.add("unit_id;unit_name;area_id;area_name;valid_from;valid_to;ownership;unit_type");
        orgUnits.forEach(u -> lines.add(csv(u.unitId(), u.unitName(), u.areaId(), u.areaName(),
                u.validFrom().toString(), u.validTo() == null ? "" : u.validTo().toString(),
                u.ownership() == null ? "" : u.ownership().name(), u.unitType() == null ? "" : u.unitType())));
        files.put(ORG_UNITS, List.copyOf(lines));
        lines.clear();
        lines.add("account_from;account_to;line_id;line_name;kind;flags");
        accounts.forEach(a -> lines.add(csv(String.valueOf(a.accountFrom()), String.valueOf(a.accountTo()),
                a.lineId(), a.lineName(), a.kind().name(),
                String.join(",", a.flags().stream().map(AccountFlag::csvName).sorted().toList()))));
        files.put(ACCOUNTS, List.copyOf(lines));
        lines.clear();
        lines.add("contact_type;name;category;weight;year");
        contactTypes.forEach(c -> lines.add(csv(c.code(), c.name(), c.category(),
                c.weight() == null ? "" : c.weight().toPlainString(), c.year() == null ? "" : c.year().toString())));
        files.put(CONTACT_TYPES, List.copyOf(lines));
        lines.clear();
        lines.add("year;fte_norm_hours");
        parameters.forEach(p -> lines.add(csv(String.valueOf(p.year()), p.fteNormHours().toPlainString())));
        files.put(PARAMETERS, List.copyOf(lines));
        lines.clear();
        lines.add("kpi_id;year;target");
        kpiTargets.forEach(t -> lines.add(csv(t.kpiId(), String.valueOf(t.year()), t.target().toPlainString())));
        files.put(KPI_TARGETS, List.copyOf(lines));
        lines.clear();
        lines.add("indicator;name;unit;good_direction;scale;ytd");
        indicators.forEach(i -> lines.add(csv(i.code(), i.name(), i.unit(), i.goodDirection(),
                i.scale().toPlainString(), i.ytd().csvName())));
        files.put(INDICATORS, List.copyOf(lines));
        lines.clear();
        lines.add("group_id;group_name;kpi_id;measure");
        indicatorGroups.forEach(g -> lines.add(csv(g.groupId(), g.groupName(), g.kpiId(), g.measure())));
        files.put(INDICATOR_GROUPS, List.copyOf(lines));
        files.put(CAPITATION_RATES, List.copyOf(CapitationRates.canonical(capitationRates)));
        return files;
    }

    private static String csv(String... fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                line.append(';');
            }
            String f = fields[i];
            if (f.indexOf(';') >= 0 || f.indexOf('"') >= 0 || f.indexOf(',') >= 0) {
                line.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                line.append(f);
            }
        }
        return line.toString();
    }

    // --- parsing -----------------------------------------------------------------------------

    private static final ColumnSpec UNIT_ID = ColumnSpec.required("unit_id");
    private static final ColumnSpec UNIT_NAME = ColumnSpec.required("unit_name");
    private static final ColumnSpec AREA_ID = ColumnSpec.required("area_id");
    private static final ColumnSpec AREA_NAME = ColumnSpec.required("area_name");
    private static final ColumnSpec VALID_FROM = ColumnSpec.required("valid_from");
    private static final ColumnSpec VALID_TO = ColumnSpec.optional("valid_to");
    /** Optional (vårdval): PUBLIC or PRIVATE for a care-choice unit. */
    private static final ColumnSpec OWNERSHIP = ColumnSpec.optional("ownership", "driftform");
    /** Optional: VC, BVC, BMM, BUP, … */
    private static final ColumnSpec UNIT_TYPE = ColumnSpec.optional("unit_type", "enhetstyp");

    private static List<OrgUnitVersion> orgUnits(TextTable t) {
        List<ColumnSpec> specs = List.of(UNIT_ID, UNIT_NAME, AREA_ID, AREA_NAME, VALID_FROM, VALID_TO, OWNERSHIP,
                UNIT_TYPE);
        Rows rows = new Rows(t, specs);
        List<OrgUnitVersion> units = new ArrayList<>();
        for (TextTable.Row row : t.rows()) {
            OrgUnitVersion unit = rows.parse(row, r -> {
                LocalDate from = PeriodText.parseDate(r.get(VALID_FROM));
                String toText = r.get(VALID_TO);
                LocalDate to = toText.isEmpty() ? null : PeriodText.parseDate(toText);
                if (to != null && to.isBefore(from)) {
                    throw new ExtractFormatException("valid_to " + to + " is before valid_from " + from);
                }
                Ownership ownership = null;
                if (!r.get(OWNERSHIP).isEmpty()) {
                    try {
                        ownership = Ownership.parse(r.get(OWNERSHIP));
                    } catch (IllegalArgumentException e) {
                        throw new ExtractFormatException(e.getMessage());
                    }
                }
                String unitType = r.get(UNIT_TYPE).isEmpty() ? null : r.get(UNIT_TYPE).toUpperCase(Locale.ROOT);
                return new OrgUnitVersion(r.nonEmpty(UNIT_ID), r.nonEmpty(UNIT_NAME), r.nonEmpty(AREA_ID),
                        r.nonEmpty(AREA_NAME), from, to, ownership, unitType);
            });
            for (OrgUnitVersion other : units) {
                if (other.unitId().equals(unit.unitId()) && overlapsStrictly(other, unit)) {
                    throw new ExtractFormatException(t.fileName() + " line " + row.lineNumber() + ": unit "
                            + unit.unitId() + " has two versions valid at the same time (" + other.validFrom() + "–"
                            + (other.validTo() == null ? "" : other.validTo()) + " and " + unit.validFrom() + "–"
                            + (unit.validTo() == null ? "" : unit.validTo()) + "); close the old version first");
                }
            }
            units.add(unit);
        }
        return units;
    }

    /**
     * Two versions overlap when they share more than a boundary day: a version may end on the day
     * the next begins (valid_to read as exclusive), or the day before (inclusive).
     */
    private static boolean overlapsStrictly(OrgUnitVersion a, OrgUnitVersion b) {
        if (a.validFrom().equals(b.validFrom())) {
            return true; // even two one-day versions: both would be valid on that day
        }
        LocalDate aEnd = a.validTo() == null ? LocalDate.MAX : a.validTo();
        LocalDate bEnd = b.validTo() == null ? LocalDate.MAX : b.validTo();
        return a.validFrom().isBefore(bEnd) && b.validFrom().isBefore(aEnd);
    }

    private static final ColumnSpec ACCOUNT_FROM = ColumnSpec.required("account_from");
    private static final ColumnSpec ACCOUNT_TO = ColumnSpec.required("account_to");
    private static final ColumnSpec LINE_ID = ColumnSpec.required("line_id");
    private static final ColumnSpec LINE_NAME = ColumnSpec.required("line_name");
    private static final ColumnSpec KIND = ColumnSpec.required("kind");
    private static final ColumnSpec FLAGS = ColumnSpec.optional("flags");

    private static List<AccountLine> accounts(TextTable t) {
        Rows rows = new Rows(t, List.of(ACCOUNT_FROM, ACCOUNT_TO, LINE_ID, LINE_NAME, KIND, FLAGS));
        List<AccountLine> lines = new ArrayList<>();
        for (TextTable.Row row : t.rows()) {
            int ordinal = lines.size();
            lines.add(rows.parse(row, r -> {
                long from = account(r.nonEmpty(ACCOUNT_FROM));
                long to = account(r.nonEmpty(ACCOUNT_TO));
                if (to < from) {
                    throw new ExtractFormatException("account_to " + to + " is below account_from " + from);
                }
                LineKind kind;
                try {
                    kind = LineKind.valueOf(r.nonEmpty(KIND).toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new ExtractFormatException("kind '" + r.get(KIND) + "' must be REVENUE or COST");
                }
                Set<AccountFlag> flags = EnumSet.noneOf(AccountFlag.class);
                for (String flag : r.get(FLAGS).split(",")) {
                    if (!flag.isBlank()) {
                        try {
                            flags.add(AccountFlag.parse(flag));
                        } catch (IllegalArgumentException e) {
                            throw new ExtractFormatException(e.getMessage());
                        }
                    }
                }
                return new AccountLine(from, to, r.nonEmpty(LINE_ID), r.nonEmpty(LINE_NAME), kind, flags, ordinal);
            }));
        }
        return lines;
    }

    private static long account(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ExtractFormatException("account '" + text + "' must be a whole number");
        }
    }

    private static final ColumnSpec CONTACT_TYPE = ColumnSpec.required("contact_type");
    private static final ColumnSpec NAME = ColumnSpec.required("name");
    private static final ColumnSpec CATEGORY = ColumnSpec.required("category");
    private static final ColumnSpec WEIGHT = ColumnSpec.optional("weight");
    /** Optional: the year a row's weight applies to; empty = every year without a row of its own. */
    private static final ColumnSpec WEIGHT_YEAR = ColumnSpec.optional("year", "år");
    /** Weights multiply volumes of 4 decimals into DECIMAL(18,4); more than 6 decimals is a typo. */
    private static final int WEIGHT_SCALE = 6;

    private static List<ContactType> contactTypes(TextTable t) {
        Rows rows = new Rows(t, List.of(CONTACT_TYPE, NAME, CATEGORY, WEIGHT, WEIGHT_YEAR));
        List<ContactType> types = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        for (TextTable.Row row : t.rows()) {
            ContactType type = rows.parse(row, r -> new ContactType(r.nonEmpty(CONTACT_TYPE).toUpperCase(Locale.ROOT),
                    r.nonEmpty(NAME), r.get(CATEGORY), r.get(WEIGHT).isEmpty() ? null : weight(r.get(WEIGHT)),
                    r.get(WEIGHT_YEAR).isEmpty() ? null : year(r.get(WEIGHT_YEAR))));
            String key = type.code() + (type.year() == null ? "" : " for " + type.year());
            Long earlier = seen.putIfAbsent(key, row.lineNumber());
            if (earlier != null) {
                throw new ExtractFormatException(t.fileName() + " line " + row.lineNumber() + ": contact type "
                        + key + " is already defined on line " + earlier
                        + (type.year() == null ? "; give the other rows a year" : "; keep one row per contact type and year"));
            }
            types.add(type);
        }
        return types;
    }

    private static BigDecimal weight(String text) {
        BigDecimal weight = DecimalText.parse(text);
        if (weight.signum() < 0) {
            throw new ExtractFormatException("weight " + text + " is negative; leave it empty for a contact type that is"
                    + " not part of weighted care services");
        }
        if (weight.stripTrailingZeros().scale() > WEIGHT_SCALE) {
            throw new ExtractFormatException("weight " + text + " has more than " + WEIGHT_SCALE + " decimals");
        }
        return weight;
    }

    private static final ColumnSpec YEAR = ColumnSpec.required("year");
    private static final ColumnSpec FTE_NORM_HOURS = ColumnSpec.required("fte_norm_hours");

    private static List<YearParameters> parameters(TextTable t) {
        Rows rows = new Rows(t, List.of(YEAR, FTE_NORM_HOURS));
        List<YearParameters> result = new ArrayList<>();
        Map<Integer, Long> seen = new HashMap<>();
        for (TextTable.Row row : t.rows()) {
            YearParameters parameters = rows.parse(row, r -> {
                BigDecimal norm = DecimalText.parse(r.nonEmpty(FTE_NORM_HOURS));
                if (norm.signum() <= 0) {
                    throw new ExtractFormatException("fte_norm_hours must be positive");
                }
                return new YearParameters(year(r.nonEmpty(YEAR)), norm);
            });
            // Two norms for one year would silently use the first (SPEC §4: nothing silently lost).
            Long earlier = seen.putIfAbsent(parameters.year(), row.lineNumber());
            if (earlier != null) {
                throw new ExtractFormatException(t.fileName() + " line " + row.lineNumber() + ": year "
                        + parameters.year() + " is already defined on line " + earlier + "; keep one row per year");
            }
            result.add(parameters);
        }
        return result;
    }

    private static final ColumnSpec KPI_ID = ColumnSpec.required("kpi_id");
    private static final ColumnSpec TARGET = ColumnSpec.required("target");

    private static List<KpiTarget> kpiTargets(TextTable t) {
        Rows rows = new Rows(t, List.of(KPI_ID, YEAR, TARGET));
        List<KpiTarget> result = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        for (TextTable.Row row : t.rows()) {
            KpiTarget target = rows.parse(row, r -> new KpiTarget(r.nonEmpty(KPI_ID), year(r.nonEmpty(YEAR)),
                    DecimalText.parse(r.nonEmpty(TARGET))));
            // Two targets for one KPI and year would make target_value ambiguous.
            Long earlier = seen.putIfAbsent(target.kpiId() + " " + target.year(), row.lineNumber());
            if (earlier != null) {
                throw new ExtractFormatException(t.fileName() + " line " + row.lineNumber() + ": target for "
                        + target.kpiId() + " " + target.year() + " is already defined on line " + earlier
                        + "; keep one row per KPI and year");
            }
            result.add(target);
        }
        return result;
    }

    private static final ColumnSpec INDICATOR = ColumnSpec.required("indicator", "indikator");
    private static final ColumnSpec INDICATOR_UNIT = ColumnSpec.required("unit", "enhet");
    private static final ColumnSpec GOOD_DIRECTION = ColumnSpec.required("good_direction");
    private static final ColumnSpec SCALE = ColumnSpec.required("scale", "skala");
    private static final ColumnSpec YTD = ColumnSpec.optional("ytd");
    private static final List<String> DIRECTIONS = List.of("up", "down", "neutral");

    private static List<Indicator> indicators(TextTable t) {
        Rows rows = new Rows(t, List.of(INDICATOR, NAME, INDICATOR_UNIT, GOOD_DIRECTION, SCALE, YTD));
        List<Indicator> result = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        for (TextTable.Row row : t.rows()) {
            Indicator indicator = rows.parse(row, r -> {
                String code = r.nonEmpty(INDICATOR).toUpperCase(Locale.ROOT);
                if (!code.matches("[A-Z0-9_]+")) {
                    throw new ExtractFormatException("indicator '" + r.get(INDICATOR) + "' may hold only letters A–Z,"
                            + " digits and _ (it becomes the KPI id indicator." + code + ")");
                }
                String direction = r.nonEmpty(GOOD_DIRECTION).toLowerCase(Locale.ROOT);
                if (!DIRECTIONS.contains(direction)) {
                    throw new ExtractFormatException("good_direction '" + r.get(GOOD_DIRECTION)
                            + "' must be up, down or neutral");
                }
                BigDecimal scale = DecimalText.parse(r.nonEmpty(SCALE));
                if (scale.signum() <= 0) {
                    throw new ExtractFormatException("scale " + r.get(SCALE) + " must be positive: 100 for a share in %,"
                            + " 1 for a mean");
                }
                Indicator.Ytd ytd;
                switch (r.get(YTD).toLowerCase(Locale.ROOT)) {
                    case "", "sum" -> ytd = Indicator.Ytd.SUM;
                    case "last" -> ytd = Indicator.Ytd.LAST;
                    default -> throw new ExtractFormatException("ytd '" + r.get(YTD) + "' must be sum (pool the months)"
                            + " or last (the last month with data)");
                }
                return new Indicator(code, r.nonEmpty(NAME), r.get(INDICATOR_UNIT), direction, scale, ytd);
            });
            Long earlier = seen.putIfAbsent(indicator.code(), row.lineNumber());
            if (earlier != null) {
                throw new ExtractFormatException(t.fileName() + " line " + row.lineNumber() + ": indicator "
                        + indicator.code() + " is already defined on line " + earlier + "; keep one row per indicator");
            }
            result.add(indicator);
        }
        return result;
    }

    private static final ColumnSpec GROUP_ID = ColumnSpec.required("group_id");
    private static final ColumnSpec GROUP_NAME = ColumnSpec.required("group_name");
    private static final ColumnSpec MEASURE = ColumnSpec.optional("measure");
    private static final List<String> MEASURES = List.of("value", "budget_value", "previous_year_value",
            "target_value", "deviation_budget_pct", "deviation_previous_year_pct", "forecast_full_year_value");

    private static List<IndicatorGroup> indicatorGroups(TextTable t) {
        Rows rows = new Rows(t, List.of(GROUP_ID, GROUP_NAME, KPI_ID, MEASURE));
        List<IndicatorGroup> result = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        for (TextTable.Row row : t.rows()) {
            int ordinal = result.size();
            IndicatorGroup group = rows.parse(row, r -> {
                String measure = r.get(MEASURE).isEmpty() ? "value" : r.get(MEASURE).toLowerCase(Locale.ROOT);
                if (!MEASURES.contains(measure)) {
                    throw new ExtractFormatException("measure '" + r.get(MEASURE) + "' must be a value column of"
                            + " kpi.kpi_values: " + String.join(", ", MEASURES));
                }
                return new IndicatorGroup(r.nonEmpty(GROUP_ID), r.nonEmpty(GROUP_NAME), r.nonEmpty(KPI_ID), measure,
                        ordinal);
            });
            String earlierName = names.putIfAbsent(group.groupId(), group.groupName());
            if (earlierName != null && !earlierName.equals(group.groupName())) {
                throw new ExtractFormatException(t.fileName() + " line " + row.lineNumber() + ": group "
                        + group.groupId() + " is named '" + earlierName + "' above; give every row of a group the same"
                        + " group_name");
            }
            result.add(group);
        }
        return result;
    }

    static int year(String text) {
        try {
            int year = Integer.parseInt(text);
            if (year >= 1900 && year <= 2199) {
                return year;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new ExtractFormatException("year '" + text + "' must be a four-digit year");
    }

    private static byte[] bytes(Path overrideDir, String name) {
        try {
            if (overrideDir != null && Files.isRegularFile(overrideDir.resolve(name))) {
                return Files.readAllBytes(overrideDir.resolve(name));
            }
            try (InputStream in = ReferenceData.class.getResourceAsStream(DEFAULTS + name)) {
                if (in == null) {
                    throw new IllegalStateException("default reference file " + name + " missing from the build");
                }
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read reference file " + name, e);
        }
    }

    /** Row access by contract column, with file and line in every error. */
    static final class Rows {
        private final TextTable table;
        private final ColumnMapping mapping;

        Rows(TextTable table, List<ColumnSpec> specs) {
            this.table = table;
            try {
                this.mapping = HeaderMatcher.match(table.header(), specs);
            } catch (ExtractFormatException e) {
                throw new ExtractFormatException(table.fileName() + ": " + e.getMessage());
            }
        }

        <T> T parse(TextTable.Row row, Function<Fields, T> parser) {
            try {
                if (row.fields().size() != mapping.fieldCount()) {
                    throw new ExtractFormatException("expected " + mapping.fieldCount() + " fields like the header,"
                            + " found " + row.fields().size());
                }
                return parser.apply(new Fields(row.fields(), mapping));
            } catch (ExtractFormatException e) {
                throw new ExtractFormatException(table.fileName() + " line " + row.lineNumber() + ": " + e.getMessage()
                        + " — fix the reference file and load again");
            }
        }
    }

    record Fields(List<String> values, ColumnMapping mapping) {
        String get(ColumnSpec column) {
            int index = mapping.indexOf(column);
            return index < 0 ? "" : values.get(index).strip();
        }

        String nonEmpty(ColumnSpec column) {
            String value = get(column);
            if (value.isEmpty()) {
                throw new ExtractFormatException(column.canonical() + " is empty");
            }
            return value;
        }
    }

}

package se.nyckeltal.etl.hr;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import se.nyckeltal.etl.extract.CsvExtract;
import se.nyckeltal.etl.extract.ExtractLine;
import se.nyckeltal.etl.extract.MeasureField;
import se.nyckeltal.schemas.contract.ColumnSpec;
import se.nyckeltal.schemas.contract.Gender;
import se.nyckeltal.schemas.contract.HourType;
import se.nyckeltal.schemas.contract.HrContract;
import se.nyckeltal.schemas.contract.Profession;
import se.nyckeltal.schemas.contract.Scenario;
import se.nyckeltal.schemas.contract.StaffCategory;
import se.nyckeltal.schemas.text.ExtractFormatException;
import se.nyckeltal.schemas.text.HeaderMatcher.ColumnMapping;
import se.nyckeltal.schemas.text.PeriodText;

/**
 * Validates one HR row (SPEC §3, §4) and pseudonymises its employee id: a valid line carries the
 * pseudonym, never the id. Every problem of a row becomes part of one reason; a reason never quotes
 * the employee id. Runs on Spark executors, one line at a time. Rules that need several rows (24 hours
 * of one type per employee and day) are {@link DailyHoursLimit}'s.
 */
final class HrRowParser implements CsvExtract.RowParser {
    private static final long serialVersionUID = 1L;
    private static final int HOURS_SCALE = 4;
    private static final int MAX_CACHED = 200_000;

    private final PseudonymKey key;
    private final int date;
    private final int employee;
    private final int costCenter;
    private final int staffCategory;
    private final int profession;
    private final int gender;
    private final int birthYear;
    private final int hourType;
    private final int hours;
    /**
     * The same few thousand ids, codes and dates repeat on every row of an extract: each is worked out
     * once per task, by field index and text (no key string made per line). Per parser instance, and
     * Spark gives every task its own.
     */
    private transient Map<Integer, Map<String, Object>> seen;

    HrRowParser(ColumnMapping mapping, PseudonymKey key) {
        this.key = requireNonNull(key, "key");
        this.date = mapping.indexOf(HrContract.DATE);
        this.employee = mapping.indexOf(HrContract.EMPLOYEE_ID);
        this.costCenter = mapping.indexOf(HrContract.COST_CENTER);
        this.staffCategory = mapping.indexOf(HrContract.STAFF_CATEGORY);
        this.profession = mapping.indexOf(HrContract.PROFESSION);
        this.gender = mapping.indexOf(HrContract.GENDER);
        this.birthYear = mapping.indexOf(HrContract.BIRTH_YEAR);
        this.hourType = mapping.indexOf(HrContract.HOUR_TYPE);
        this.hours = mapping.indexOf(HrContract.HOURS);
    }

    @Override
    public ExtractLine parse(long lineNumber, String text, List<String> fields) {
        List<String> problems = new ArrayList<>(2);
        // The hours first: even on a line rejected for another reason they count in the file total.
        BigDecimal value = hours(fields.get(hours), problems);
        LocalDate day = null;
        String dateText = fields.get(date);
        if (dateText.isBlank()) {
            problems.add("date is empty; write YYYY-MM-DD (datum)");
        } else {
            Object parsed = cached(date, dateText, () -> {
                try {
                    return PeriodText.parseDate(dateText);
                } catch (ExtractFormatException e) {
                    return "date " + e.getMessage();
                }
            });
            if (parsed instanceof LocalDate date) {
                day = date;
            } else {
                problems.add((String) parsed);
            }
        }
        String employeeId = fields.get(employee).strip();
        String pseudonym = null;
        if (!employeeId.isEmpty()) {
            pseudonym = (String) cached(employee, employeeId, () -> key.pseudonym(employeeId));
        }
        if (employeeId.isEmpty()) {
            problems.add("employee_id is empty; every row needs an employee id (anställningsnummer)");
        }
        String costCenterValue = fields.get(costCenter).strip();
        if (costCenterValue.isEmpty()) {
            problems.add("cost_center is empty; every row needs a cost centre (kostnadsställe)");
        }
        StaffCategory category = coded(fields, staffCategory, HrContract.STAFF_CATEGORY, StaffCategory::parse, problems);
        Profession professionValue = coded(fields, profession, HrContract.PROFESSION, Profession::parse, problems);
        Gender genderValue = coded(fields, gender, HrContract.GENDER, Gender::parse, problems);
        HourType type = coded(fields, hourType, HrContract.HOUR_TYPE, HourType::parse, problems);
        Integer born = birthYear(fields.get(birthYear), day, problems);
        if (!problems.isEmpty()) {
            String reason = String.join("; ", problems);
            if (!employeeId.isEmpty()) {
                // A shifted column can put the id where another value belongs: never quote it.
                reason = reason.replace("'" + employeeId + "'", "'" + EmployeeIdMask.MASK + "'");
            }
            return ExtractLine.rejected(lineNumber, reason, text, value);
        }
        return ExtractLine.valid(lineNumber, Scenario.ACTUAL.name(), day.getYear() * 100 + day.getMonthValue(),
                value.setScale(HOURS_SCALE, RoundingMode.UNNECESSARY), pseudonym, day, costCenterValue,
                category.name(), professionValue.name(), genderValue.name(), born, type.name());
    }

    private static BigDecimal hours(String text, List<String> problems) {
        return MeasureField.parse(text, "hours", "hours is empty; every row needs its hours (timmar)",
                HrRowParser::hoursProblem, problems);
    }

    private static String hoursProblem(BigDecimal value, String shown) {
        if (value.signum() < 0) {
            return "hours '" + shown + "' are negative; hours are never below zero (deliver the corrected month"
                    + " as a new file instead of a correction row)";
        }
        if (value.compareTo(BigDecimal.valueOf(HrContract.MAX_HOURS_PER_DAY)) > 0) {
            return "hours '" + shown + "' are more than " + HrContract.MAX_HOURS_PER_DAY + " in one day";
        }
        if (value.stripTrailingZeros().scale() > HOURS_SCALE) {
            return "hours '" + shown + "' have more than " + HOURS_SCALE + " decimals; round in the export";
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private <T> T coded(List<String> fields, int index, ColumnSpec column, Function<String, T> parse,
            List<String> problems) {
        String text = fields.get(index);
        if (text.isBlank()) {
            problems.add(column.canonical() + " is empty (" + column.aliases().get(0) + ")");
            return null;
        }
        Object value = cached(index, text, () -> {
            try {
                return parse.apply(text);
            } catch (IllegalArgumentException e) {
                return new Problem(e.getMessage());
            }
        });
        if (value instanceof Problem problem) {
            problems.add(problem.reason());
            return null;
        }
        return (T) value;
    }

    /** A value that did not parse, remembered with its reason. */
    private record Problem(String reason) {}

    /** The value worked out for {@code text} in field {@code field}, once per task and field. */
    private Object cached(int field, String text, Supplier<Object> compute) {
        if (seen == null) {
            seen = new HashMap<>();
        }
        Map<String, Object> values = seen.get(field);
        if (values == null || values.size() > MAX_CACHED) {
            values = new HashMap<>();
            seen.put(field, values);
        }
        Object value = values.get(text);
        if (value == null) {
            value = compute.get();
            values.put(text, value);
        }
        return value;
    }

    /** A four-digit year giving an age of {@value HrContract#MIN_AGE}–{@value HrContract#MAX_AGE} in the row's year. */
    private static Integer birthYear(String text, LocalDate day, List<String> problems) {
        String shown = text.strip();
        if (shown.isEmpty()) {
            problems.add("birth_year is empty (födelseår)");
            return null;
        }
        if (!fourDigits(shown)) {
            problems.add("birth_year '" + shown + "' is not a year: write four digits, e.g. 1978");
            return null;
        }
        int year = Integer.parseInt(shown);
        if (day != null) {
            int age = day.getYear() - year;
            if (age < HrContract.MIN_AGE || age > HrContract.MAX_AGE) {
                problems.add("birth_year '" + shown + "' gives an age of " + age + " in " + day.getYear() + "; ages "
                        + HrContract.MIN_AGE + "–" + HrContract.MAX_AGE + " are accepted");
                return null;
            }
        }
        return year;
    }

    private static boolean fourDigits(String text) {
        if (text.length() != 4) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}

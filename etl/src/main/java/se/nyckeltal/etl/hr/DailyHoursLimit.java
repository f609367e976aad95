package se.nyckeltal.etl.hr;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import se.nyckeltal.etl.extract.DeliveryRule;
import se.nyckeltal.etl.extract.ExtractLine;
import se.nyckeltal.schemas.contract.HrContract;

/**
 * No employee has more than 24 hours of one hour type on one day: the rows of the same employee, day
 * and hour type in one delivery are summed, and when the sum is over 24 every one of those rows goes
 * to quarantine (which of them is wrong cannot be told). A rule across the lines of one delivery,
 * checked in the Spark task that reads the file, before anything is counted.
 *
 * <p>The quarantined text of such a row is rebuilt from its validated values with the employee masked:
 * the line as delivered is not kept once it has passed the row rules.
 */
final class DailyHoursLimit implements DeliveryRule.Check {
    static final DeliveryRule RULE = DailyHoursLimit::new;
    private static final BigDecimal LIMIT = BigDecimal.valueOf(HrContract.MAX_HOURS_PER_DAY);
    /** Indexes in a line's values (HrLines.SCHEMA). */
    private static final int EMPLOYEE = 0;
    private static final int WORK_DATE = 1;
    private static final int HOUR_TYPE = 7;

    private final Map<SameDay, BigDecimal> totals = new HashMap<>();
    private boolean anyOver;

    private DailyHoursLimit() {}

    @Override
    public void see(ExtractLine line) {
        if (line.kind() == ExtractLine.Kind.VALID) {
            BigDecimal total = totals.merge(SameDay.of(line), line.measure(), BigDecimal::add);
            anyOver |= total.compareTo(LIMIT) > 0;
        }
    }

    @Override
    public boolean anyBroken() {
        return anyOver;
    }

    @Override
    public ExtractLine judge(ExtractLine line) {
        BigDecimal total = line.kind() == ExtractLine.Kind.VALID ? totals.get(SameDay.of(line)) : null;
        return total == null || total.compareTo(LIMIT) <= 0 ? line
                : HrLines.SCHEMA.reject(line, reason(line, total), rebuilt(line));
    }

    private static String reason(ExtractLine line, BigDecimal total) {
        return "the rows of this employee for " + line.values().get(HOUR_TYPE) + " on " + line.values().get(WORK_DATE)
                + " sum to " + total.setScale(2, RoundingMode.HALF_UP).toPlainString() + " hours; at most "
                + HrContract.MAX_HOURS_PER_DAY + " hours of one type per day: correct the day's rows";
    }

    /** The row from its validated values, the employee masked: date;employee;cost_center;…;hour_type;hours. */
    private static String rebuilt(ExtractLine line) {
        StringBuilder text = new StringBuilder().append(line.values().get(WORK_DATE)) // YYYY-MM-DD
                .append(';').append(EmployeeIdMask.MASK);
        for (int i = WORK_DATE + 1; i < line.values().size(); i++) {
            text.append(';').append(line.values().get(i));
        }
        return text.append(';').append(line.measure().setScale(HrLines.SCHEMA.measureType().scale(),
                RoundingMode.UNNECESSARY).toPlainString()).toString();
    }

    /** One employee's hours of one type on one day. */
    private record SameDay(Object employee, LocalDate day, Object hourType) {
        static SameDay of(ExtractLine line) {
            return new SameDay(line.values().get(EMPLOYEE), (LocalDate) line.values().get(WORK_DATE),
                    line.values().get(HOUR_TYPE));
        }
    }
}

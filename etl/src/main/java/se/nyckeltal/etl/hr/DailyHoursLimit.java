package se.nyckeltal.etl.hr;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import se.nyckeltal.etl.extract.ExtractLine;
import se.nyckeltal.schemas.contract.HrContract;

/**
 * No employee has more than 24 hours of one hour type on one day: the rows of the same employee, day
 * and hour type in one delivery are summed, and when the sum is over 24 every one of those rows goes
 * to quarantine (which of them is wrong cannot be told). A rule across rows, so it runs on the
 * validated lines of the whole load, per delivery, before anything is counted.
 *
 * <p>The days over the limit are found first and are few (usually none); only their rows are then
 * marked, so a clean load pays one aggregation and nothing more. The quarantined text of such a row is
 * rebuilt from its validated values with the employee masked: the line as delivered is not kept once it
 * has passed the row rules.
 */
final class DailyHoursLimit {
    private static final String DAY_TOTAL = "_day_total";
    private static final String[] SAME_DAY = {ExtractLine.FILE, HrLines.EMPLOYEE, HrLines.WORK_DATE, HrLines.HOUR_TYPE};

    private DailyHoursLimit() {}

    /** @param lines the validated lines of the load, cached: they are read twice */
    static Dataset<Row> apply(Dataset<Row> lines) {
        // Only valid lines carry hours and an employee; the others sum to NULL and stay as they are.
        Dataset<Row> overLimit = lines.filter(col(HrLines.EMPLOYEE).isNotNull())
                .groupBy(SAME_DAY[0], Arrays.copyOfRange(SAME_DAY, 1, SAME_DAY.length))
                .agg(sum(col(HrLines.HOURS)).as(DAY_TOTAL))
                .filter(col(DAY_TOTAL).gt(HrContract.MAX_HOURS_PER_DAY));
        List<Row> days = overLimit.collectAsList();
        if (days.isEmpty()) {
            return lines;
        }
        Dataset<Row> marked = lines.join(broadcast(lines.sparkSession().createDataFrame(days, overLimit.schema())),
                SAME_DAY, "left");
        Column total = col(DAY_TOTAL);
        Column reason = format_string("the rows of this employee for %s on %s sum to %s hours; at most "
                        + HrContract.MAX_HOURS_PER_DAY + " hours of one type per day: correct the day's rows",
                col(HrLines.HOUR_TYPE), date_format(col(HrLines.WORK_DATE), "yyyy-MM-dd"),
                total.cast("decimal(18,2)").cast("string"));
        Column rebuilt = concat_ws(";", date_format(col(HrLines.WORK_DATE), "yyyy-MM-dd"), lit(EmployeeIdMask.MASK),
                col(HrLines.COST_CENTER), col(HrLines.STAFF_CATEGORY), col(HrLines.PROFESSION), col(HrLines.GENDER),
                col(HrLines.BIRTH_YEAR).cast("string"), col(HrLines.HOUR_TYPE), col(HrLines.HOURS).cast("string"));
        return HrLines.SCHEMA.reject(marked, total.isNotNull(), reason, rebuilt)
                .drop(DAY_TOTAL)
                .select(Arrays.stream(lines.columns()).map(functions::col).toArray(Column[]::new));
    }
}

package se.nyckeltal.etl.hr;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.last;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.storage.StorageLevel;

/**
 * Sick spells (sjukfall) and the day number of each sick day in its spell, SPEC §5.
 *
 * <p>A spell is a run of days with SICK hours of one employee. A day with neither SICK nor SCHEDULED
 * hours (a weekend, a day off, a month without data) bridges it; a day with SCHEDULED hours and no
 * SICK hours ends it. A partly sick day (some SICK hours beside SCHEDULED ones) is a sick day. The
 * day number is the calendar days since the spell's first day + 1, across months and years.
 *
 * <p>Day numbers depend on everything before, never on anything after: a load derives the months
 * from its earliest delivered month on, starting from the spells still open at the end of the month
 * before (the state a previous load wrote, {@code hr_spell_state}). So an incremental month continues
 * a spell that began months or years earlier, and a restated month renumbers every later month.
 */
final class SickSpells {
    static final String EMPLOYEE = "employee";
    static final String WORK_DATE = "work_date";
    static final String SICK_HOURS = "sick_hours";
    static final String SCHEDULED_HOURS = "scheduled_hours";
    static final String SPELL_START = "spell_start";
    static final String DAY_NUMBER = "day_number";
    static final String PERIOD = "period";

    private static final String IS_SICK = "_is_sick";
    private static final String IS_SEED = "_is_seed";
    private static final String SPELL_NO = "_spell_no";
    private static final String OPEN_START = "_open_start";
    /** The seed's pseudo-period: before every real one. */
    private static final int SEED_PERIOD = 0;

    private final Dataset<Row> timeline;

    /**
     * @param employeeDays one row per employee and day: {@value #EMPLOYEE}, {@value #WORK_DATE} (DATE),
     *     {@value #SICK_HOURS} and {@value #SCHEDULED_HOURS} summed over the day's rows (NULL = none)
     * @param openBefore spells open at the end of the month before the first day:
     *     {@value #EMPLOYEE}, {@value #SPELL_START}
     */
    SickSpells(Dataset<Row> employeeDays, Dataset<Row> openBefore) {
        Column sick = col(SICK_HOURS);
        Column scheduled = col(SCHEDULED_HOURS);
        Dataset<Row> relevant = employeeDays
                .filter(sick.gt(0).or(scheduled.gt(0)))
                .select(col(EMPLOYEE), col(WORK_DATE), sick.gt(0).and(sick.isNotNull()).as(IS_SICK),
                        lit(false).as(IS_SEED));
        // An open spell enters as a sick day on its first day: the days after continue its numbering.
        Dataset<Row> seeds = openBefore.select(col(EMPLOYEE), col(SPELL_START).as(WORK_DATE), lit(true).as(IS_SICK),
                lit(true).as(IS_SEED));
        WindowSpec byDay = Window.partitionBy(col(EMPLOYEE)).orderBy(col(WORK_DATE), col(IS_SEED).desc());
        Column previousSick = lag(col(IS_SICK), 1).over(byDay);
        Column starts = col(IS_SICK).and(previousSick.isNull().or(not(previousSick)));
        Dataset<Row> numbered = relevant.unionByName(seeds)
                .withColumn(SPELL_NO, sum(when(starts, 1).otherwise(0))
                        .over(byDay.rowsBetween(Window.unboundedPreceding(), Window.currentRow())));
        WindowSpec bySpell = Window.partitionBy(col(EMPLOYEE), col(SPELL_NO));
        this.timeline = numbered
                .withColumn(SPELL_START, min(when(col(IS_SICK), col(WORK_DATE))).over(bySpell))
                .withColumn(PERIOD, when(col(IS_SEED), lit(SEED_PERIOD))
                        .otherwise(year(col(WORK_DATE)).multiply(100).plus(month(col(WORK_DATE)))))
                .persist(StorageLevel.MEMORY_AND_DISK());
    }

    /**
     * The day number of every sick day (not the open spells passed in): {@value #EMPLOYEE},
     * {@value #WORK_DATE}, {@value #SPELL_START}, {@value #DAY_NUMBER}.
     */
    Dataset<Row> sickDays() {
        return timeline.filter(col(IS_SICK).and(not(col(IS_SEED))))
                .select(col(EMPLOYEE), col(WORK_DATE), col(SPELL_START),
                        datediff(col(WORK_DATE), col(SPELL_START)).plus(1).as(DAY_NUMBER));
    }

    /**
     * The spells still open at the end of each of {@code periods}: {@value #PERIOD}, {@value #EMPLOYEE},
     * {@value #SPELL_START}. A spell is open when the employee's last day with SICK or SCHEDULED hours
     * up to the month's end was a sick day; a month without such days leaves it as it was.
     */
    Dataset<Row> openAtMonthEnd(SparkSession spark, List<Integer> periods) {
        Column lastDay = max(struct(col(WORK_DATE), when(col(IS_SICK), col(SPELL_START)).as(OPEN_START)));
        Dataset<Row> monthEnds = timeline.groupBy(col(EMPLOYEE), col(PERIOD))
                .agg(lastDay.getField(OPEN_START).as(OPEN_START))
                .withColumn("_has_days", lit(true));
        Dataset<Row> targets = spark.createDataset(periods, Encoders.INT()).toDF(PERIOD);
        Dataset<Row> grid = monthEnds.select(col(EMPLOYEE)).distinct().crossJoin(targets);
        WindowSpec upToMonth = Window.partitionBy(col(EMPLOYEE)).orderBy(col(PERIOD))
                .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        // The latest month with days decides; its open start may be NULL (the spell ended).
        Column carried = last(when(col("_has_days"), struct(col(OPEN_START))), true).over(upToMonth);
        return grid.join(monthEnds, new String[] {EMPLOYEE, PERIOD}, "full_outer")
                .withColumn("_carried", carried.getField(OPEN_START))
                .filter(col(PERIOD).isin(periods.toArray()).and(col("_carried").isNotNull()))
                .select(col(PERIOD), col(EMPLOYEE), col("_carried").as(SPELL_START));
    }

    /** Releases the cached timeline. */
    void release() {
        timeline.unpersist();
    }
}

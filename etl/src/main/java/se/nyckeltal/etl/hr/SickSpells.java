package se.nyckeltal.etl.hr;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.unix_date;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;

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
 *
 * <p>What decides a spell is, per employee and month, which days have SICK hours and which have SICK or
 * SCHEDULED hours: two bit masks of the month's days. Spark's tasks reduce their days to those masks and
 * the driver ORs the tasks' masks together (one job, no shuffle); the timeline itself is walked here, on
 * the driver, employee by employee in date order — a few hundred thousand employee months at most, where
 * a window over every day would sort millions of rows.
 */
final class SickSpells {
    static final String EMPLOYEE = "employee";
    static final String WORK_DATE = "work_date";
    static final String SICK_HOURS = "sick_hours";
    static final String SCHEDULED_HOURS = "scheduled_hours";
    static final String SPELL_START = "spell_start";
    static final String PERIOD = "period";

    /** No spell open: an epoch day no date has. */
    private static final long NONE = Long.MIN_VALUE;

    /** Every employee month with SICK or SCHEDULED days, by employee, then period. */
    private final List<MonthDays> months;
    /** Spells open before the first day: epoch day of the start by employee. */
    private final Map<String, Long> openBefore;
    /** {@link #walk()}'s result, once asked for. */
    private List<Walked> walked;

    /**
     * @param employeeDays rows of {@value #EMPLOYEE}, {@value #WORK_DATE} (DATE), {@value #SICK_HOURS} and
     *     {@value #SCHEDULED_HOURS} (NULL = none); several rows of one employee and day count as their sums
     *     would — hours are never negative, so a day's sum is above zero exactly when one of its rows is
     * @param openBefore spells open at the end of the month before the first day:
     *     {@value #EMPLOYEE}, {@value #SPELL_START}
     */
    SickSpells(Dataset<Row> employeeDays, Dataset<Row> openBefore) {
        StructType days = employeeDays.select(col(EMPLOYEE), col(WORK_DATE), col(SICK_HOURS), col(SCHEDULED_HOURS))
                .schema();
        DecimalType sickType = (DecimalType) days.apply(SICK_HOURS).dataType();
        DecimalType scheduledType = (DecimalType) days.apply(SCHEDULED_HOURS).dataType();
        // Each task ORs its days into masks per employee month; the driver ORs the tasks' masks together:
        // one job, no shuffle (the masks of one employee month may come from several tasks).
        List<TaskMasks> tasks = employeeDays.select(col(EMPLOYEE), col(WORK_DATE), col(SICK_HOURS), col(SCHEDULED_HOURS))
                .queryExecution().toRdd().toJavaRDD()
                .mapPartitions(rows -> List.of(TaskMasks.of(rows, sickType, scheduledType)).iterator())
                .collect();
        Map<String, String> employees = new HashMap<>(); // one String per employee, not one per month
        Map<EmployeeMonth, int[]> masks = new HashMap<>();
        for (TaskMasks task : tasks) {
            for (int i = 0; i < task.employees().length; i++) {
                String employee = employees.computeIfAbsent(task.employees()[i], e -> e);
                int[] mask = masks.computeIfAbsent(new EmployeeMonth(employee, task.periods()[i]), k -> new int[2]);
                mask[0] |= task.sick()[i];
                mask[1] |= task.days()[i];
            }
        }
        List<MonthDays> collected = new ArrayList<>(masks.size());
        masks.forEach((month, mask) -> collected.add(new MonthDays(month.employee(), month.period(), mask[0], mask[1])));
        collected.sort(Comparator.comparing(MonthDays::employee).thenComparingInt(MonthDays::period));
        this.months = collected;
        this.openBefore = new HashMap<>();
        for (Row row : openBefore.select(col(EMPLOYEE), unix_date(col(SPELL_START))).collectAsList()) {
            this.openBefore.put(row.getString(0), (long) row.getInt(1));
        }
    }

    private record EmployeeMonth(String employee, int period) {}

    /**
     * One task's employee months with SICK or SCHEDULED days, as parallel arrays: the days with SICK hours
     * ({@code sick}) and with SICK or SCHEDULED hours ({@code days}), bit d − 1 for day d. A day's hours are never
     * negative, so a day of several rows has hours above zero exactly when one of its rows has.
     */
    record TaskMasks(String[] employees, int[] periods, int[] sick, int[] days) implements Serializable {
        static TaskMasks of(Iterator<InternalRow> rows, DecimalType sickType, DecimalType scheduledType) {
            Map<EmployeeMonth, int[]> masks = new HashMap<>();
            while (rows.hasNext()) {
                InternalRow row = rows.next();
                boolean sick = positive(row, 2, sickType);
                if (!sick && !positive(row, 3, scheduledType)) {
                    continue;
                }
                LocalDate date = LocalDate.ofEpochDay(row.getInt(1));
                int bit = 1 << (date.getDayOfMonth() - 1);
                int[] mask = masks.computeIfAbsent(new EmployeeMonth(row.getUTF8String(0).toString(),
                        date.getYear() * 100 + date.getMonthValue()), k -> new int[2]);
                if (sick) {
                    mask[0] |= bit;
                }
                mask[1] |= bit;
            }
            int n = masks.size();
            TaskMasks task = new TaskMasks(new String[n], new int[n], new int[n], new int[n]);
            int i = 0;
            for (Map.Entry<EmployeeMonth, int[]> entry : masks.entrySet()) {
                task.employees[i] = entry.getKey().employee();
                task.periods[i] = entry.getKey().period();
                task.sick[i] = entry.getValue()[0];
                task.days[i] = entry.getValue()[1];
                i++;
            }
            return task;
        }

        private static boolean positive(InternalRow row, int column, DecimalType type) {
            if (row.isNullAt(column)) {
                return false;
            }
            Decimal hours = row.getDecimal(column, type.precision(), type.scale());
            return type.precision() <= Decimal.MAX_LONG_DIGITS() ? hours.toUnscaledLong() > 0
                    : hours.toJavaBigDecimal().signum() > 0;
        }
    }

    /** One employee's days of one month with SICK hours ({@code sick}) and with SICK or SCHEDULED hours ({@code days}), bit d − 1 for day d. */
    private record MonthDays(String employee, int period, int sick, int days) {}

    /** The day numbers of one employee's sick days in one month. */
    record SickMonth(String employee, int period, int[] dayNumbers) {
        /** The day number of day {@code day} of the month (1–31), 0 when it is no sick day. */
        int dayNumber(int day) {
            return dayNumbers[day - 1];
        }
    }

    /**
     * One employee's timeline walked: the sick months with their day numbers, and after each month with
     * days the spell's start then ({@code NONE} when none was open).
     */
    private record Walked(String employee, long openBefore, List<SickMonth> sick, int[] periods, long[] openAfter) {
        /** The spell open at the end of {@code period}: the latest month up to it with days decides. */
        long openAt(int period) {
            long open = openBefore;
            for (int i = 0; i < periods.length && periods[i] <= period; i++) {
                open = openAfter[i];
            }
            return open;
        }
    }

    /** Every employee's timeline, walked on first use. */
    private List<Walked> walked() {
        if (walked == null) {
            walked = walk();
        }
        return walked;
    }

    /**
     * Walks every employee's timeline in date order: employees with days in these months, and those with
     * a spell open before them (their spell stays open while no day ends it).
     */
    private List<Walked> walk() {
        List<Walked> walked = new ArrayList<>();
        TreeSet<String> onlyOpenBefore = new TreeSet<>(openBefore.keySet());
        int i = 0;
        while (i < months.size()) {
            String employee = months.get(i).employee();
            onlyOpenBefore.remove(employee);
            long before = openBefore.getOrDefault(employee, NONE);
            long open = before;
            int from = i;
            while (i < months.size() && months.get(i).employee().equals(employee)) {
                i++;
            }
            int[] periods = new int[i - from];
            long[] openAfter = new long[i - from];
            List<SickMonth> sick = new ArrayList<>();
            for (int m = from; m < i; m++) {
                MonthDays month = months.get(m);
                YearMonth yearMonth = YearMonth.of(month.period() / 100, month.period() % 100);
                long first = yearMonth.atDay(1).toEpochDay();
                int[] numbers = month.sick() == 0 ? null : new int[31];
                for (int day = 1; day <= yearMonth.lengthOfMonth(); day++) {
                    int bit = 1 << (day - 1);
                    if ((month.days() & bit) == 0) {
                        continue; // a day with neither SICK nor SCHEDULED hours bridges
                    }
                    if ((month.sick() & bit) == 0) {
                        open = NONE; // scheduled, not sick: the spell ends
                        continue;
                    }
                    long date = first + day - 1;
                    if (open == NONE) {
                        open = date;
                    }
                    numbers[day - 1] = Math.toIntExact(date - open + 1);
                }
                if (numbers != null) {
                    sick.add(new SickMonth(employee, month.period(), numbers));
                }
                periods[m - from] = month.period();
                openAfter[m - from] = open;
            }
            walked.add(new Walked(employee, before, sick, periods, openAfter));
        }
        for (String employee : onlyOpenBefore) {
            walked.add(new Walked(employee, openBefore.get(employee), List.of(), new int[0], new long[0]));
        }
        return walked;
    }

    /** The day numbers of every employee month with sick days (not of the open spells passed in). */
    List<SickMonth> sickMonths() {
        List<SickMonth> sick = new ArrayList<>();
        walked().forEach(employee -> sick.addAll(employee.sick()));
        return sick;
    }

    /**
     * The spells still open at the end of each of {@code periods}: rows of period (INT), employee and
     * spell start (DATE). A spell is open when the employee's last day with SICK or SCHEDULED hours up to
     * the month's end was a sick day; a month without such days leaves it as it was.
     */
    List<Row> openAtMonthEnd(List<Integer> periods) {
        List<Row> rows = new ArrayList<>();
        for (Walked employee : walked()) {
            for (int period : periods) {
                long open = employee.openAt(period);
                if (open != NONE) {
                    rows.add(RowFactory.create(period, employee.employee(), LocalDate.ofEpochDay(open)));
                }
            }
        }
        return rows;
    }

    /** Releases what the spells hold on the driver. */
    void release() {
        months.clear();
        openBefore.clear();
        walked = null;
    }
}

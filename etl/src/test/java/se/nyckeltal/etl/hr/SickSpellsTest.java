package se.nyckeltal.etl.hr;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.nyckeltal.etl.testing.SharedSpark;

/**
 * The sick-spell rule of SPEC §5 on hand-made employee days: days with neither SICK nor SCHEDULED hours
 * bridge a spell, a scheduled day without SICK ends it, the day number counts calendar days from the
 * spell's first day, across months and years.
 */
@ExtendWith(SharedSpark.class)
class SickSpellsTest {
    private static final StructType DAYS = DataTypes.createStructType(List.of(
            DataTypes.createStructField("employee", DataTypes.StringType, false),
            DataTypes.createStructField("work_date", DataTypes.DateType, false),
            DataTypes.createStructField("sick_hours", DataTypes.createDecimalType(18, 4), true),
            DataTypes.createStructField("scheduled_hours", DataTypes.createDecimalType(18, 4), true)));
    private static final StructType OPEN = DataTypes.createStructType(List.of(
            DataTypes.createStructField("employee", DataTypes.StringType, false),
            DataTypes.createStructField("spell_start", DataTypes.DateType, false)));

    private final SparkSession spark;
    private final List<Row> days = new ArrayList<>();
    private final List<Row> open = new ArrayList<>();

    SickSpellsTest(SparkSession spark) {
        this.spark = spark;
    }

    private SickSpellsTest day(String employee, String date, String sick, String scheduled) {
        days.add(RowFactory.create(employee, LocalDate.parse(date), sick == null ? null : new BigDecimal(sick),
                scheduled == null ? null : new BigDecimal(scheduled)));
        return this;
    }

    /** A full sick weekday: 8 h scheduled, 8 h sick. */
    private SickSpellsTest sick(String employee, String date) {
        return day(employee, date, "8", "8");
    }

    private SickSpells spells() {
        return new SickSpells(spark.createDataFrame(days, DAYS), spark.createDataFrame(open, OPEN));
    }

    /** "employee date day_number" of every sick day, in date order. */
    private List<String> dayNumbers() {
        SickSpells spells = spells();
        try {
            List<String> numbers = new ArrayList<>();
            for (SickSpells.SickMonth month : spells.sickMonths()) {
                LocalDate first = LocalDate.of(month.period() / 100, month.period() % 100, 1);
                for (int day = 1; day <= first.lengthOfMonth(); day++) {
                    if (month.dayNumber(day) > 0) {
                        numbers.add(month.employee() + " " + first.plusDays(day - 1L) + " " + month.dayNumber(day));
                    }
                }
            }
            return numbers.stream().sorted().toList();
        } finally {
            spells.release();
        }
    }

    @Test
    void aSpellRunsAcrossTheYearEndInCalendarDays() {
        // Thu 28 and Fri 29 Dec sick; 30, 31 Dec (weekend) and 1 Jan (holiday) nothing scheduled; Tue 2 Jan sick.
        // 28 Dec = day 1, 29 Dec = 2, 30 = 3, 31 = 4, 1 Jan = 5, 2 Jan = 6.
        sick("A", "2023-12-28").sick("A", "2023-12-29").sick("A", "2024-01-02");

        assertThat(dayNumbers()).containsExactly("A 2023-12-28 1", "A 2023-12-29 2", "A 2024-01-02 6");
    }

    @Test
    void aWeekendWithoutScheduledHoursBridgesTheSpell() {
        // Fri 8 March sick, Sat 9 and Sun 10 no rows, Mon 11 sick: 8 = day 1, 11 = day 4.
        // A weekend day with only worked hours (an extra shift, no SCHEDULED) bridges too.
        sick("B", "2024-03-08").sick("B", "2024-03-11");
        sick("C", "2024-03-08").day("C", "2024-03-09", null, null).sick("C", "2024-03-11");

        assertThat(dayNumbers()).containsExactly("B 2024-03-08 1", "B 2024-03-11 4", "C 2024-03-08 1",
                "C 2024-03-11 4");
    }

    @Test
    void aScheduledDayWithoutSickHoursEndsTheSpell() {
        // Mon 4 March sick, Tue 5 at work (8 h scheduled, no sick), Wed 6 sick again: a new spell, day 1.
        // A scheduled day with a SICK row of 0 hours ends it as well (D on Thu 7).
        sick("D", "2024-03-04").day("D", "2024-03-05", null, "8").sick("D", "2024-03-06")
                .day("D", "2024-03-07", "0", "8").sick("D", "2024-03-08");

        assertThat(dayNumbers()).containsExactly("D 2024-03-04 1", "D 2024-03-06 1", "D 2024-03-08 1");
    }

    @Test
    void partlySickDaysAreSickDaysOfTheSpell() {
        // Mon 4 March 4 of 8 h sick, Tue 5 8 of 8, Wed 6 2 of 8: one spell, days 1, 2, 3.
        day("E", "2024-03-04", "4", "8").day("E", "2024-03-05", "8", "8").day("E", "2024-03-06", "2", "8");

        assertThat(dayNumbers()).containsExactly("E 2024-03-04 1", "E 2024-03-05 2", "E 2024-03-06 3");
    }

    @Test
    void aSpellOverAYearKeepsCounting() {
        // Sick every weekday from Mon 2 Jan 2023 to Thu 29 Feb 2024, weekends without rows.
        // 2 Jan 2023 + 365 days = 2 Jan 2024 (2023 has 365 days): day 366.
        // 2 Jan 2024 → 29 Feb 2024 is 31 + 27 = 58 days more: day 366 + 58 = 424.
        for (LocalDate d = LocalDate.of(2023, 1, 2); !d.isAfter(LocalDate.of(2024, 2, 29)); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                sick("F", d.toString());
            }
        }

        List<String> numbers = dayNumbers();
        assertThat(numbers).startsWith("F 2023-01-02 1").endsWith("F 2024-02-29 424")
                .contains("F 2023-12-29 362", "F 2024-01-02 366");
        // 2023 has 260 weekdays (1 Jan was a Sunday), January 2024 23, February 2024 21.
        assertThat(numbers).hasSize(260 + 23 + 21);
    }

    @Test
    void aSpellOpenBeforeTheFirstDayContinuesItsNumbering() {
        // The state says G's spell began on 20 Nov 2023. G is sick on Thu 1 and Fri 2 Feb 2024:
        // 20 Nov → 30 Nov = 10 days, December 31, January 31, → 1 Feb 1: 73 days, so day 74, then 75.
        // H's spell began on 15 Jan but H is back at work on 1 Feb: it ended, H's sick 2 Feb is day 1.
        open.add(RowFactory.create("G", LocalDate.of(2023, 11, 20)));
        open.add(RowFactory.create("H", LocalDate.of(2024, 1, 15)));
        sick("G", "2024-02-01").sick("G", "2024-02-02");
        day("H", "2024-02-01", null, "8").sick("H", "2024-02-02");

        assertThat(dayNumbers()).containsExactly("G 2024-02-01 74", "G 2024-02-02 75", "H 2024-02-02 1");
    }

    @Test
    void spellsOpenAtEachMonthEndAreTheStateOfTheNextLoad() {
        // I: sick Wed 31 Jan and Thu 1 Feb, back at work Fri 2 Feb → open at the end of January only.
        // J: open since 1 Dec 2023 (state), no rows at all → still open at every month's end.
        // K: sick Thu 29 Feb, nothing in March → open at the end of February and of March (nothing ended it).
        open.add(RowFactory.create("J", LocalDate.of(2023, 12, 1)));
        sick("I", "2024-01-31").sick("I", "2024-02-01").day("I", "2024-02-02", null, "8");
        day("K", "2024-02-28", null, "8").sick("K", "2024-02-29");

        SickSpells spells = spells();
        try {
            List<String> state = spells.openAtMonthEnd(List.of(202401, 202402, 202403)).stream()
                    .map(r -> r.get(0) + " " + r.get(1) + " " + r.get(2)).sorted().toList();
            assertThat(state).containsExactly("202401 I 2024-01-31", "202401 J 2023-12-01", "202402 J 2023-12-01",
                    "202402 K 2024-02-29", "202403 J 2023-12-01", "202403 K 2024-02-29");
        } finally {
            spells.release();
        }
    }
}

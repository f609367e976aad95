package se.nyckeltal.etl.hr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.etl.extract.IngestResult;
import se.nyckeltal.etl.extract.IngestSettings;
import se.nyckeltal.etl.extract.LandingFile;
import se.nyckeltal.etl.spark.SparkPaths;
import se.nyckeltal.etl.testing.Landing;
import se.nyckeltal.etl.testing.SharedSpark;
import se.nyckeltal.schemas.fact.FactSchema;
import se.nyckeltal.schemas.warehouse.FactPartition;
import se.nyckeltal.schemas.warehouse.FileOutcome;
import se.nyckeltal.schemas.warehouse.LoadedFile;
import se.nyckeltal.schemas.warehouse.Snapshot;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;

/**
 * HR deliveries through the shared extract into restricted day rows and the derived facts: where
 * things are written, what quarantine shows, the 24-hour rule, and sick spells across loads.
 */
@ExtendWith(SharedSpark.class)
class HrIngestTest {
    private static final String KEY = "a key for the HR ingest tests";

    private final SparkSession spark;
    private Landing landing;
    private WarehouseLayout layout;
    private Snapshot snapshot = Snapshot.empty();
    private int loads;

    HrIngestTest(SparkSession spark) {
        this.spark = spark;
    }

    @BeforeEach
    void folders(@TempDir Path dir) {
        landing = new Landing(dir.resolve("landing"));
        layout = new WarehouseLayout(dir.resolve("warehouse"));
    }

    /** Ingests the files against the current snapshot and makes the result the next snapshot. */
    private IngestResult load(BigDecimal threshold, LandingFile... files) {
        String loadId = "L" + (++loads);
        IngestResult result = new HrIngest(spark, new IngestSettings(threshold), snapshot,
                new PseudonymKeySource(null, KEY)).ingest(List.of(files), layout, loadId);
        if (!result.anyRejected()) {
            snapshot = snapshot.with(loadId, Instant.EPOCH, loadId, result.partitions(),
                    result.outcomes().stream().map(o -> new LoadedFile(o.sha256(), o.path(), loadId)).toList(), null);
        }
        return result;
    }

    private IngestResult load(LandingFile... files) {
        return load(IngestSettings.DEFAULT_REJECT_THRESHOLD, files);
    }

    private Dataset<Row> read(FactSchema fact) {
        return spark.read().parquet(snapshot.files(fact.table()).stream()
                .map(f -> SparkPaths.input(layout.resolve(f))).toArray(String[]::new));
    }

    /** Σ of one hour column of the restricted employee months of a period. */
    private BigDecimal employeeMonth(int period, String column) {
        Row row = read(FactSchema.HR_EMPLOYEE_MONTH).filter("period = " + period).agg(
                org.apache.spark.sql.functions.sum(column)).first();
        return row.isNullAt(0) ? null : row.getDecimal(0).stripTrailingZeros();
    }

    private List<Row> quarantine(String loadId) {
        return spark.read().parquet(SparkPaths.input(layout.quarantineDir(loadId))).orderBy("line_number").collectAsList();
    }

    @Test
    void employeeLevelRowsLiveOnlyUnderRestrictedAndCarryPseudonyms() throws IOException {
        LandingFile file = landing.write("hr/tid-2024-03.csv", new HrCsv()
                .atWork("19870412-0042", "2024-03-04")
                .row("2024-03-04", "19870412-0042", "OVERTIME", "1,5")
                .sickWeekdays("19750101-1234", "2024-03-04", "2024-03-05").toString());

        IngestResult result = load(file);

        FileOutcome outcome = result.outcomes().get(0);
        assertThat(outcome.status()).isEqualTo(FileOutcome.Status.LOADED);
        // 8 + 8 + 1,5 + 2 × (8 + 8) = 49,5 hours, all loaded
        assertThat(outcome.amountTotal()).isEqualByComparingTo("49.5");
        assertThat(outcome.amountLoaded()).isEqualByComparingTo("49.5");
        assertThat(result.partitions()).extracting(FactPartition::table)
                .containsExactlyInAnyOrder("hr_day", "hr_employee_month", "hr_time", "hr_spell_state");
        for (FactPartition p : result.partitions()) {
            boolean restricted = !p.table().equals("hr_time");
            assertThat(p.files()).allSatisfy(f -> assertThat(f.startsWith("restricted/")).as(f).isEqualTo(restricted));
        }
        List<String> employees = read(FactSchema.HR_DAY).select("employee").distinct().collectAsList().stream()
                .map(r -> r.getString(0)).toList();
        assertThat(employees).hasSize(2).allSatisfy(e -> assertThat(e).matches("[0-9a-f]{32}"));
        // Nothing outside restricted/ holds an id or a pseudonym.
        try (Stream<Path> files = Files.walk(layout.root())) {
            for (Path parquet : files.filter(f -> f.toString().endsWith(".parquet"))
                    .filter(f -> !f.startsWith(layout.restrictedDir())).toList()) {
                String rows = spark.read().parquet(SparkPaths.input(parquet)).collectAsList().toString();
                assertThat(rows).as(parquet.toString()).doesNotContain("19870412-0042", "19750101-1234",
                        employees.get(0), employees.get(1));
            }
        }
        // and nothing employee-level was left in the shared staging folder either
        try (Stream<Path> staged = Files.walk(layout.stagingRoot())) {
            assertThat(staged.filter(Files::isRegularFile).toList()).isEmpty();
        }
    }

    @Test
    void rejectedRowsGoToQuarantineWithTheEmployeeIdMasked() {
        LandingFile file = landing.write("hr/tid-2024-03.csv", new HrCsv()
                .atWork("4711", "2024-03-04")
                .row("2024-03-05", "4711", "WORKED", "−2,00")          // line 4: negative
                .row("2024-03-05", "4711", "FIKA", "1")                // line 5: unknown hour type
                .row("2024-03-05", "4711;extra", "WORKED", "8")        // line 6: a field too many
                .row("2024-03-06", "4711", "1010", "konsult", "NURSE", "K", "1980", "WORKED", "8") // line 7
                .toString());

        IngestResult result = load(new BigDecimal("0.9"), file);

        List<Row> rejected = quarantine("L1");
        assertThat(rejected).extracting(r -> r.getLong(r.fieldIndex("line_number"))).containsExactly(4L, 5L, 6L, 7L);
        assertThat(rejected).extracting(r -> r.getString(r.fieldIndex("raw_line"))).containsExactly(
                "2024-03-05;***;1010;OWN;NURSE;K;1980;WORKED;−2,00",
                "2024-03-05;***;1010;OWN;NURSE;K;1980;FIKA;1",
                "[line withheld: it does not split into the header's 9 fields, so the employee id in it cannot be"
                        + " masked; see line 6 of the delivered file]",
                "2024-03-06;***;1010;konsult;NURSE;K;1980;WORKED;8");
        assertThat(rejected).allSatisfy(r -> {
            assertThat(r.getString(r.fieldIndex("source"))).isEqualTo("hr");
            assertThat(r.mkString("|")).doesNotContain("4711");
        });
        // 16 + (−2) + 1 + 8 = 23 parseable hours; line 6 has none it could read. Loaded 16.
        FileOutcome outcome = result.outcomes().get(0);
        assertThat(outcome.amountTotal()).isEqualByComparingTo("23");
        assertThat(outcome.amountLoaded()).isEqualByComparingTo("16");
        assertThat(outcome.amountQuarantined()).isEqualByComparingTo("7");
        assertThat(outcome.reconciled()).isTrue();
    }

    @Test
    void moreThanTwentyFourHoursOfOneTypeOnOneDayQuarantinesEveryRowOfThatDay() {
        LandingFile file = landing.write("hr/tid-2024-03.csv", new HrCsv()
                .row("2024-03-04", "A", "WORKED", "14")              // line 2 ┐ A, 4 March, WORKED: 14 + 12 = 26 > 24
                .row("2024-03-04", "A", "1020", "OWN", "NURSE", "K", "1980", "WORKED", "12") // line 3 ┘ (other unit)
                .row("2024-03-04", "A", "ON_CALL", "10")             // line 4: another type, fine
                .row("2024-03-04", "B", "WORKED", "12")              // line 5 ┐ B: 12 + 12 = 24, the limit: loads
                .row("2024-03-04", "B", "WORKED", "12")              // line 6 ┘
                .row("2024-03-05", "A", "WORKED", "14")              // line 7: another day, fine
                .toString());

        IngestResult result = load(new BigDecimal("0.5"), file);

        List<Row> rejected = quarantine("L1");
        assertThat(rejected).extracting(r -> r.getLong(r.fieldIndex("line_number"))).containsExactly(2L, 3L);
        assertThat(rejected.get(0).getString(rejected.get(0).fieldIndex("reason"))).isEqualTo(
                "the rows of this employee for WORKED on 2024-03-04 sum to 26.00 hours; at most 24 hours of one type"
                        + " per day: correct the day's rows");
        assertThat(rejected).extracting(r -> r.getString(r.fieldIndex("raw_line"))).containsExactly(
                "2024-03-04;***;1010;OWN;NURSE;K;1980;WORKED;14.0000",
                "2024-03-04;***;1020;OWN;NURSE;K;1980;WORKED;12.0000");
        // total 14 + 12 + 10 + 12 + 12 + 14 = 74 = loaded 48 + quarantined 26
        FileOutcome outcome = result.outcomes().get(0);
        assertThat(outcome.rowsQuarantined()).isEqualTo(2);
        assertThat(outcome.amountLoaded()).isEqualByComparingTo("48");
        assertThat(outcome.amountQuarantined()).isEqualByComparingTo("26");
        assertThat(outcome.reconciled()).isTrue();
    }

    @Test
    void anIncrementalMonthContinuesASpellThatBeganInAnEarlierLoad() {
        // E is sick every weekday from Mon 22 January to Fri 9 February 2024 (8 h of 8 scheduled).
        // Load 1 delivers January, load 2 February. Day numbers: 22 Jan = 1 … 1 Feb = 11, 2 Feb = 12,
        // 5 Feb = 15 … 9 Feb = 19. February: 1, 2 Feb on days 1–14 = 16 h; 5–9 Feb on days 15–90 = 40 h.
        LandingFile january = landing.write("hr/tid-2024-01.csv", new HrCsv().sickWeekdays("E", "2024-01-22", "2024-01-31")
                .toString());
        LandingFile february = landing.write("hr/tid-2024-02.csv", new HrCsv().sickWeekdays("E", "2024-02-01", "2024-02-09")
                .atWork("E", "2024-02-12").toString());

        load(january);
        List<Row> state = read(FactSchema.HR_SPELL_STATE).filter("employee IS NOT NULL").collectAsList();
        assertThat(state).extracting(r -> r.getAs("period") + " " + r.getAs("spell_start"))
                .containsExactly("202401 2024-01-22");
        load(february);

        assertThat(employeeMonth(202402, "sick_hours")).isEqualByComparingTo("56");
        assertThat(employeeMonth(202402, "sick_hours_days_1_14")).isEqualByComparingTo("16");
        assertThat(employeeMonth(202402, "sick_hours_days_15_90")).isEqualByComparingTo("40");
        assertThat(employeeMonth(202402, "sick_hours_day_60_plus")).isEqualByComparingTo("0");
        // January: 22–26, 29–31 = 8 sick days on days 1–10, all in 1–14
        assertThat(employeeMonth(202401, "sick_hours_days_1_14")).isEqualByComparingTo("64");
        // the spell ended on 12 February: nothing open at February's end
        assertThat(read(FactSchema.HR_SPELL_STATE).filter("period = 202402 AND employee IS NOT NULL").count()).isZero();
    }

    @Test
    void aRestatedMonthInTheMiddleOfASpellRenumbersTheMonthsAfterIt() {
        // F is sick every weekday from Mon 29 January to Fri 1 March 2024. Delivered in one load:
        // 1 March is day 33 (29 Jan → 1 Mar = 2 + 29 + 1 = 32 days), so its 8 h fall on days 15–90.
        LandingFile january = landing.write("hr/tid-2024-01.csv", new HrCsv().sickWeekdays("F", "2024-01-29", "2024-01-31")
                .toString());
        LandingFile february = landing.write("hr/tid-2024-02.csv", new HrCsv().sickWeekdays("F", "2024-02-01", "2024-02-29")
                .toString());
        LandingFile march = landing.write("hr/tid-2024-03.csv", new HrCsv().sickWeekdays("F", "2024-03-01", "2024-03-01")
                .atWork("F", "2024-03-04").toString());
        IngestResult first = load(january, february, march);
        // The derived facts are written as their Spark partitions hold them (clustered by period and scenario,
        // no shuffle before the write): still one file per fact partition.
        assertThat(first.partitions()).filteredOn(p -> !p.table().equals("hr_day"))
                .extracting(FactPartition::table, FactPartition::period, p -> p.files().size())
                .containsExactlyInAnyOrder(
                        tuple("hr_employee_month", 202401, 1), tuple("hr_employee_month", 202402, 1),
                        tuple("hr_employee_month", 202403, 1), tuple("hr_time", 202401, 1), tuple("hr_time", 202402, 1),
                        tuple("hr_time", 202403, 1), tuple("hr_spell_state", 202401, 1),
                        tuple("hr_spell_state", 202402, 1), tuple("hr_spell_state", 202403, 1));
        assertThat(employeeMonth(202403, "sick_hours_days_15_90")).isEqualByComparingTo("8");
        assertThat(employeeMonth(202403, "sick_hours_days_1_14")).isEqualByComparingTo("0");

        // February is restated: F was at work on Tue 20 February. A new spell starts on Wed 21 February,
        // so 1 March is day 10 (21 Feb → 1 Mar = 9 days): March's 8 h move to days 1–14, though March
        // itself was not delivered again.
        LandingFile restated = landing.write("hr/tid-2024-02-rattad.csv", new HrCsv()
                .sickWeekdays("F", "2024-02-01", "2024-02-19").atWork("F", "2024-02-20")
                .sickWeekdays("F", "2024-02-21", "2024-02-29").toString());
        IngestResult result = load(restated);

        assertThat(result.partitions()).filteredOn(p -> p.table().equals("hr_employee_month"))
                .extracting(FactPartition::period).containsExactly(202402, 202403);
        assertThat(employeeMonth(202403, "sick_hours_days_1_14")).isEqualByComparingTo("8");
        assertThat(employeeMonth(202403, "sick_hours_days_15_90")).isEqualByComparingTo("0");
        // February: 1–19 Feb = 13 weekdays, days 4–22 of the old spell: 1, 2, 5, 6, 7, 8, 9 Feb are days 4–12
        // (7 days, 56 h in 1–14), 12–16, 19 Feb days 15–22 (6 days, 48 h); 21–29 Feb = 7 weekdays, days 1–9 (56 h).
        assertThat(employeeMonth(202402, "sick_hours_days_1_14")).isEqualByComparingTo("112");
        assertThat(employeeMonth(202402, "sick_hours_days_15_90")).isEqualByComparingTo("48");
        assertThat(snapshot.partitions("hr_day")).extracting(FactPartition::sourceFile)
                .containsExactly("hr/tid-2024-01.csv", "hr/tid-2024-02-rattad.csv", "hr/tid-2024-03.csv");
    }

    @Test
    void aDifferentKeyThanTheDataWasPseudonymisedWithIsRefused() {
        load(landing.write("hr/tid-2024-01.csv", new HrCsv().atWork("A", "2024-01-02").toString()));

        LandingFile february = landing.write("hr/tid-2024-02.csv", new HrCsv().atWork("A", "2024-02-01").toString());
        IngestResult result = new HrIngest(spark, IngestSettings.defaults(), snapshot,
                new PseudonymKeySource(null, "quite another key, long enough")).ingest(List.of(february), layout, "L9");

        assertThat(result.anyRejected()).isTrue();
        assertThat(result.partitions()).isEmpty();
        assertThat(result.outcomes().get(0).message()).contains("is not the key this warehouse's HR data was"
                + " pseudonymised with");
    }

    @Test
    void hrTimeHidesSickHoursOfGroupsOfTenOrFewer() {
        // 11 nurses on 1010 with scheduled hours, one of them sick 8 h; 10 doctors on 1010, one sick 4 h.
        HrCsv csv = new HrCsv();
        List<String> nurses = new ArrayList<>();
        for (int i = 1; i <= 11; i++) {
            nurses.add("N" + i);
            csv.atWork("N" + i, "2024-03-05");
        }
        csv.row("2024-03-04", "N1", "SCHEDULED", "8").row("2024-03-04", "N1", "SICK", "8");
        for (int i = 1; i <= 10; i++) {
            csv.row("2024-03-05", "D" + i, "1010", "OWN", "DOCTOR", "K", "1980", "SCHEDULED", "8");
        }
        csv.row("2024-03-05", "D1", "1010", "OWN", "DOCTOR", "K", "1980", "SICK", "4");
        load(landing.write("hr/tid-2024-03.csv", csv.toString()));

        List<String> rows = read(FactSchema.HR_TIME).orderBy("profession").collectAsList().stream()
                .map(r -> r.getAs("profession") + " " + r.getAs("employees_with_scheduled_hours") + " "
                        + r.getAs("sick_suppressed") + " " + r.getAs("sick_hours") + " " + r.getAs("scheduled_hours"))
                .toList();
        // nurses: 11 × 8 + 8 = 96 scheduled; doctors 10 × 8 = 80 scheduled, sick hidden
        assertThat(rows).containsExactly("DOCTOR 10 true null 80.0000", "NURSE 11 false 8.0000 96.0000");
    }
}

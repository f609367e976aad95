package se.nyckeltal.jobs.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.nyckeltal.etl.spark.SparkSessions;
import se.nyckeltal.etl.testing.SharedSpark;
import se.nyckeltal.jobs.load.LoadJob;
import se.nyckeltal.jobs.load.LoadProgress;
import se.nyckeltal.jobs.load.LoadSettings;
import se.nyckeltal.jobs.load.ReferenceFixtures;
import se.nyckeltal.schemas.reference.ReferenceData;
import se.nyckeltal.schemas.warehouse.LoadRecord;

/**
 * The same two hostile lines in every source's extract (issue 16, item 7): an ACTUAL month after the
 * month following the business date (2025-03-14, so 2025-05 on), and a text field of 20 000
 * characters. Each is quarantined with its line number and a reason; the limits are the same for every
 * source because every source's lines pass through one {@code LineGuard}.
 */
@ExtendWith(SharedSpark.class)
class HostileCorpusPerSourceTest {
    private static final String LONG = "x".repeat(20_000);

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ledger     | period;kst;konto;belopp | 202503;U1;4010;10.00 | 202505;U1;4010;10.00 | 202503;{long};4010;10.00",
        "production | period;unit;provider;contact_type;volume | 202503;U1;OWN;DOCTOR_VISIT;10"
                + " | 202505;U1;OWN;DOCTOR_VISIT;10 | 202503;{long};OWN;DOCTOR_VISIT;10",
        "hr | date;employee_id;cost_center;staff_category;profession;gender;birth_year;hour_type;hours"
                + " | 2025-03-03;E1;U1;OWN;NURSE;K;1980;WORKED;8 | 2025-05-05;E1;U1;OWN;NURSE;K;1980;WORKED;8"
                + " | 2025-03-04;E1;{long};OWN;NURSE;K;1980;WORKED;8",
        "listings | period;unit;measure;gender;age_band;quantity | 202503;U1;ACTIVE_LISTED;;;7"
                + " | 202505;U1;ACTIVE_LISTED;;;7 | 202503;{long};ACTIVE_LISTED;;;7",
        "actions | period;action_id;action;org_id;responsible;timeline;category;planned_annual_effect;realised_effect;comment"
                + " | 202503;A1;Inhyrning;U1;OC;2025;BUDGET;1000;100; | 202505;A1;Inhyrning;U1;OC;2025;BUDGET;1000;100;"
                + " | 202503;A2;{long};U1;OC;2025;BUDGET;1000;100;",
    })
    void aFutureActualMonthAndAnOverlongFieldAreQuarantinedWithTheirLineNumbers(String source, String header,
            String valid, String future, String overlong) throws Exception {
        Path landing = tmp.resolve("landing");
        ReferenceFixtures.writeShipped(landing, ReferenceData.REQUIRED_FILE_NAMES.toArray(String[]::new));
        Files.createDirectories(landing.resolve(source));
        Files.writeString(landing.resolve(source).resolve("hostile.csv"),
                String.join("\n", header, valid, future, overlong.replace("{long}", LONG), ""));
        FaultWarehouse w = new FaultWarehouse(tmp);
        // every line may be bad: the file still loads, so each line's fate shows in meta.quarantine
        LoadSettings settings = new LoadSettings(landing, w.warehouse, BigDecimal.ONE,
                Path.of(LoadProcess.keyFile(w.warehouse))).withBusinessDate(LocalDate.of(2025, 3, 14));

        LoadRecord record = new LoadJob(settings, () -> SparkSessions.getOrCreate("test"), Clock.systemUTC(),
                LoadProgress.SILENT).run();

        assertThat(record.outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        List<String> quarantined = w.query("SELECT line_number, reason, coalesce(length(raw_line), 0) <= 10100"
                + " FROM meta.quarantine WHERE source_file = '" + source + "/hostile.csv' AND line_number > 2"
                + " ORDER BY line_number");
        assertThat(quarantined).satisfiesExactly(
                line -> assertThat(line).startsWith("3|ACTUAL period 202505 is after 202504").endsWith("|true"),
                line -> assertThat(line).startsWith("4|").contains(" is 20000 characters long; no text field may be"
                        + " longer than 10000").endsWith("|true"));
    }
}

package se.nyckeltal.jobs.schedule.airflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.jobs.schedule.dag.DagBag;

class AirflowDagExporterTest {
    @TempDir
    Path dir;

    private final String python = AirflowDagExporter.export(DagBag.shipped().get("nightly").orElseThrow());

    @Test
    void theExportedNightlyDagCompilesWithPython() throws Exception {
        Path file = dir.resolve("nightly.py");
        Files.writeString(file, python, StandardCharsets.UTF_8);
        Process process;
        try {
            process = new ProcessBuilder("python3", "-m", "py_compile", file.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("python3 is needed to check the exported DAG (apt-get install python3)", e);
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
    }

    @Test
    void itPinsTheSameCronAndTimeZoneSoAirflowsIntervalsAreOurs() {
        assertThat(python).contains("schedule=CronDataIntervalTimetable(\"30 4 * * *\", timezone=\"Europe/Stockholm\")")
                .contains("start_date=pendulum.datetime(2025, 1, 1, tz=\"Europe/Stockholm\")")
                .contains("catchup=False").contains("max_active_runs=1")
                .contains("\"retries\": 2").contains("\"retry_exponential_backoff\": True")
                .contains("\"max_retry_delay\": timedelta(seconds=1800)");
    }

    @Test
    void eachTaskIsABashOperatorCallingTaskRunWithAirflowsTemplates() {
        assertThat(python).contains("validate_ledger = BashOperator(")
                .contains("bash_command=\"nyckeltal task run validate_ledger --dag {{ dag.dag_id }} --ds {{ ds }}"
                        + " --data-interval-start {{ data_interval_start }} --data-interval-end {{ data_interval_end }}"
                        + " --run-id {{ run_id }} --landing {{ params.landing }} --warehouse {{ params.warehouse }}\"")
                .contains("trigger_rule=\"none_failed\"")
                .contains("[validate_ledger, validate_production, validate_hr] >> load_and_publish")
                .contains("load_and_publish >> verify_published")
                .contains("verify_published >> data_quality_checks")
                .contains("sla=timedelta(seconds=5400)"); // 04:30 tick, 06:00 deadline
    }
}

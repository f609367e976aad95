package se.nyckeltal.jobs.schedule.airflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.jobs.schedule.dag.DagBag;
import se.nyckeltal.jobs.schedule.dag.DagDefinition;

/**
 * The exported DAG for Airflow 3 (default) and Airflow 2. Airflow cannot be installed here, so the
 * Python is compiled with python3 and its imports, schedule and operator arguments are checked.
 */
class AirflowDagExporterTest {
    @TempDir
    Path dir;

    private final DagDefinition nightly = DagBag.shipped().get("nightly").orElseThrow();
    private final String python = AirflowDagExporter.export(nightly);
    private final String python2 = AirflowDagExporter.export(nightly, 2);

    private void compiles(String source, String name) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, source, StandardCharsets.UTF_8);
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
    void theExportedNightlyDagCompilesWithPythonForBothAirflows() throws Exception {
        compiles(python, "nightly.py");
        compiles(python2, "nightly_airflow2.py");
    }

    @Test
    void airflow3ImportsTheSdkAndTheStandardProvidersBashOperator() {
        assertThat(python).contains("from airflow.sdk import DAG\n")
                .contains("from airflow.providers.standard.operators.bash import BashOperator\n")
                .contains("from airflow.timetables.interval import CronDataIntervalTimetable\n")
                .doesNotContain("from airflow import DAG")
                .doesNotContain("from airflow.operators.bash");
    }

    @Test
    void airflow3HasNoSlaButTheDeadlineAsADeadlineAlertToAdd() {
        assertThat(python).doesNotContain("sla=")
                .contains("# Our deadline: a scheduled run should be done by 06:00 Europe/Stockholm.")
                .contains("#       reference=DeadlineReference.DAGRUN_QUEUED_AT,")
                .contains("#       interval=timedelta(seconds=5400),"); // 04:30 tick, 06:00 deadline
    }

    @Test
    void itPinsTheSameCronAndTimeZoneSoAirflowsIntervalsAreOurs() {
        for (String source : new String[] {python, python2}) {
            assertThat(source).contains("schedule=CronDataIntervalTimetable(\"30 4 * * *\", timezone=\"Europe/Stockholm\")")
                    .contains("start_date=pendulum.datetime(2025, 1, 1, tz=\"Europe/Stockholm\")")
                    .contains("catchup=False").contains("max_active_runs=1")
                    .contains("\"retries\": 2").contains("\"retry_exponential_backoff\": True")
                    .contains("\"max_retry_delay\": timedelta(seconds=1800)");
        }
    }

    @Test
    void eachTaskIsABashOperatorCallingTaskRunWithAirflowsTemplates() {
        for (String source : new String[] {python, python2}) {
            assertThat(source).contains("ingest_ledger = BashOperator(")
                    .contains("bash_command=\"nyckeltal task run ingest_ledger --dag {{ dag.dag_id }} --ds {{ ds }}"
                            + " --data-interval-start {{ data_interval_start }} --data-interval-end {{ data_interval_end }}"
                            + " --run-id {{ run_id }} --landing {{ params.landing }} --warehouse {{ params.warehouse }}"
                            + " --min-file-age 5m\"")
                    .contains("trigger_rule=\"none_failed\"")
                    .contains("[ingest_ledger, ingest_production, ingest_hr] >> load_and_publish")
                    .contains("load_and_publish >> verify_published")
                    .contains("load_and_publish >> data_quality_checks");
        }
    }

    @Test
    void theLargestSourceTaskKeepsItsPriorityWeightInAirflow() {
        for (String source : new String[] {python, python2}) {
            String hr = source.substring(source.indexOf("ingest_hr = BashOperator("));
            assertThat(hr.substring(0, hr.indexOf("\n    )\n") + 1)).contains("        priority_weight=2,\n")
                    .doesNotContain("weight_rule="); // downstream, Airflow's default
            String ledger = source.substring(source.indexOf("ingest_ledger = BashOperator("));
            assertThat(ledger.substring(0, ledger.indexOf("\n    )\n") + 1)).doesNotContain("priority_weight");
        }
        assertThat(nightly.priorityWeightTotal("ingest_hr")).isEqualTo(5);
        assertThat(nightly.priorityWeightTotal("ingest_ledger")).isEqualTo(4);
        assertThat(nightly.priorityWeightTotal("ingest_production")).isEqualTo(4);
    }

    @Test
    void airflow2KeepsItsImportsAndTheSla() {
        assertThat(python2).contains("from airflow import DAG\n").contains("from airflow.operators.bash import BashOperator\n")
                .contains("sla=timedelta(seconds=5400)") // 04:30 tick, 06:00 deadline
                .doesNotContain("airflow.sdk");
    }

    @Test
    void anUnknownAirflowVersionIsRefused() {
        assertThatThrownBy(() -> AirflowDagExporter.export(nightly, 4)).hasMessageContaining("give 3 or 2");
    }
}

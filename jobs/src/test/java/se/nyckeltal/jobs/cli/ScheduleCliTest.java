package se.nyckeltal.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.jobs.load.ReferenceFixtures;
import se.nyckeltal.schemas.reference.ReferenceData;
import se.nyckeltal.schemas.warehouse.PreparedSource;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.schemas.warehouse.WarehouseStore;

/** The scheduling commands through NyckeltalCli.execute, as a script or an Airflow worker calls them. */
class ScheduleCliTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return NyckeltalCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private String[] taskRun(String taskId, Path landing, Path warehouse) {
        return new String[] {"task", "run", taskId, "--dag", "nightly", "--ds", "2025-03-14",
            "--data-interval-start", "2025-03-14T03:30:00+00:00", "--data-interval-end", "2025-03-15T03:30:00+00:00",
            "--run-id", "scheduled__2025-03-14T03:30:00+00:00", "--landing", landing.toString(),
            "--warehouse", warehouse.toString()};
    }

    @Test
    void taskRunExits0WhenItsWorkIsDone() throws Exception {
        Path landing = Files.createDirectories(tmp.resolve("landing/ledger"));
        Files.writeString(landing.resolve("huvudbok-2025-02.csv"), "period;kst;konto;belopp\n202502;U1;4010;700,00\n");
        ReferenceFixtures.writeShipped(landing.getParent(), ReferenceData.ORG_UNITS, ReferenceData.ACCOUNTS);
        assertThat(run(taskRun("ingest_ledger", landing.getParent(), tmp.resolve("w")))).as(err.toString()).isZero();
        WarehouseLayout layout = new WarehouseLayout(tmp.resolve("w"));
        String run = "scheduled__2025-03-14T03:30:00+00:00";
        assertThat(out.toString()).startsWith("nightly.ingest_ledger run " + run + ":"
                + " business date 2025-03-14, data interval 2025-03-14T03:30:00Z .. 2025-03-15T03:30:00Z")
                .contains("1 new ledger file(s) valid and staged in " + layout.preparedSourceDir(run, "ledger")
                        + " for load_and_publish of run " + run);
        // staged with the run's business date (its interval end) for the load of the same run; nothing published
        PreparedSource prepared = new WarehouseStore(layout).readPreparedSource(run, "ledger").orElseThrow();
        assertThat(prepared.businessDate()).isEqualTo("2025-03-15");
        assertThat(prepared.files()).extracting(PreparedSource.PreparedFile::path)
                .containsExactly("ledger/huvudbok-2025-02.csv");
        assertThat(prepared.partitions()).isNotEmpty().allSatisfy(p -> assertThat(p.loadId()).isEqualTo(prepared.loadId()));
        assertThat(layout.currentPointer()).doesNotExist();
    }

    @Test
    void validationStopsWhenTheLandingZoneLacksTheRegionsReference() throws Exception {
        Path landing = Files.createDirectories(tmp.resolve("landing/ledger"));
        Files.writeString(landing.resolve("huvudbok-2025-02.csv"), "period;kst;konto;belopp\n202502;U1;4010;700,00\n");
        assertThat(run(taskRun("ingest_ledger", landing.getParent(), tmp.resolve("w")))).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: no org_units.csv or accounts.csv in ")
                .contains("\nhint: put the region's org_units.csv and accounts.csv in ");
    }

    @Test
    void taskRunExits99WhenTheSourceHasNoNewFiles() throws Exception {
        Path landing = tmp.resolve("landing");
        Files.createDirectories(landing.resolve("hr"));
        assertThat(run(taskRun("ingest_hr", landing, tmp.resolve("w")))).isEqualTo(99);
        assertThat(out.toString()).contains("skipped: no new hr files in");
    }

    @Test
    void taskRunExits1WhenTheTaskFails() throws Exception {
        Files.createDirectories(tmp.resolve("landing"));
        assertThat(run(taskRun("verify_published", tmp.resolve("landing"), tmp.resolve("empty")))).isEqualTo(1);
        assertThat(out.toString()).contains("failed: nothing is published in");
        assertThat(run(taskRun("data_quality_checks", tmp.resolve("landing"), tmp.resolve("empty")))).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: no catalogue published").contains("\nhint: ");
        assertThat(run(taskRun("load_and_publish", tmp.resolve("missing"), tmp.resolve("w")))).isEqualTo(1);
        assertThat(out.toString()).contains("failed: landing folder");
    }

    @Test
    void theTaskIdsOfEarlierReleasesStillRunTheirTasks() throws Exception {
        // An Airflow DAG exported before the renames calls build_facts; it runs load_and_publish.
        assertThat(run(taskRun("build_facts", tmp.resolve("missing"), tmp.resolve("w")))).isEqualTo(1);
        assertThat(out.toString()).startsWith("nightly.load_and_publish run scheduled__2025-03-14T03:30:00+00:00:")
                .contains("note: task id build_facts is now load_and_publish; the old id still runs it")
                .contains("failed: landing folder");
        Files.createDirectories(tmp.resolve("landing/hr"));
        // validate_* of the release before this one: the source tasks ingest for the load again, as ingest_*.
        assertThat(run(taskRun("validate_hr", tmp.resolve("landing"), tmp.resolve("w")))).isEqualTo(99);
        assertThat(out.toString()).contains("note: task id validate_hr is now ingest_hr; the old id still runs it");
        assertThat(run(taskRun("publish_catalogue", tmp.resolve("landing"), tmp.resolve("empty")))).isEqualTo(1);
        assertThat(out.toString()).contains("failed: nothing is published in");
    }

    @Test
    void anUnknownTaskOrABadDateIsAOneLineError() {
        assertThat(run(taskRun("ingest_everything", tmp, tmp))).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: no task 'ingest_everything'").contains("hint: task run knows ingest_ledger");
        String[] args = taskRun("ingest_ledger", tmp, tmp);
        args[6] = "14/3/2025";
        assertThat(run(args)).isEqualTo(1);
        assertThat(err.toString().lines()).hasSize(2).first().asString().startsWith("error: 14/3/2025 is not a date");
    }

    @Test
    void dagsListShowPauseTriggerAndRunsWorkOnTheShippedNightlyDag() {
        String state = tmp.resolve("state").toString();
        assertThat(run("dags", "list", "--state", state)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("nightly").contains("30 4 * * *").contains("Europe/Stockholm");
        assertThat(run("dags", "show", "nightly", "--state", state, "--warehouse", "/data/w")).isZero();
        assertThat(out.toString()).contains("deadline        06:00").contains("warehouse=/data/w")
                .contains("load_and_publish       upstream ingest_ledger,ingest_production,ingest_hr");
        assertThat(run("dags", "pause", "nightly", "--state", state)).isZero();
        assertThat(run("dags", "list", "--state", state)).isZero();
        assertThat(out.toString()).contains("true");
        assertThat(run("dags", "trigger", "nightly", "--state", state, "--run-id", "rerun", "--conf", "{\"x\": 1}")).isZero();
        assertThat(out.toString()).contains("queued nightly rerun").contains("no scheduler is running");
        assertThat(run("dags", "trigger", "nightly", "--state", state, "--run-id", "rerun")).isEqualTo(1);
        assertThat(err.toString()).contains("already exists");
        assertThat(run("dags", "runs", "nightly", "--state", state)).isZero();
        assertThat(out.toString()).contains("rerun").contains("queued");
        assertThat(run("dags", "tasks", "nightly", "rerun", "--state", state)).isZero();
        assertThat(out.toString()).contains("ingest_ledger").contains("none");
        assertThat(run("dags", "show", "nope", "--state", state)).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: no DAG 'nope'");
    }

    @Test
    void exportAirflowWritesThePythonFile() throws Exception {
        Path file = tmp.resolve("airflow/nightly.py");
        assertThat(run("dags", "export-airflow", "nightly", "--out", file.toString(), "--state", tmp.toString())).isZero();
        assertThat(Files.readString(file)).contains("with DAG(").contains("dag_id=\"nightly\"")
                .contains("from airflow.sdk import DAG");
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("wrote " + file);
    }

    @Test
    void exportAirflowWritesToStandardOutputWithoutOutOrWithDash() throws Exception {
        assertThat(run("dags", "export-airflow", "nightly", "--state", tmp.toString())).isZero();
        String python = out.toString();
        assertThat(python).startsWith("\"\"\"nightly: exported").contains("from airflow.sdk import DAG")
                .doesNotContain("wrote ");
        assertThat(run("dags", "export-airflow", "nightly", "--out", "-", "--state", tmp.toString())).isZero();
        assertThat(out.toString()).isEqualTo(python);
        assertThat(run("dags", "export-airflow", "nightly", "--airflow-version", "2", "--state", tmp.toString())).isZero();
        assertThat(out.toString()).contains("from airflow.operators.bash import BashOperator").contains("sla=");
        assertThat(run("dags", "export-airflow", "nightly", "--airflow-version", "1", "--state", tmp.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("--airflow-version 1 is not supported");
    }

    @Test
    void aBrokenDagFolderIsReportedWithFileAndField() throws Exception {
        Path dags = Files.createDirectories(tmp.resolve("dags"));
        Files.writeString(dags.resolve("bad.yaml"), "dag_id: bad\nschedule: \"61 * * * *\"\nstart_date: 2025-01-01\n"
                + "tasks: [{task_id: a, bash_command: \"true\"}]\n");
        assertThat(run("dags", "list", "--dags", dags.toString(), "--state", tmp.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("import error: bad.yaml: schedule: bad cron: minute field: 61");
    }
}

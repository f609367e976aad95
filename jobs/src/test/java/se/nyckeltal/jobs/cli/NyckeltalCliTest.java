package se.nyckeltal.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.etl.testing.SharedSpark;
import se.nyckeltal.jobs.load.LedgerLandingFixtures;
import se.nyckeltal.schemas.warehouse.LoadRecord;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.schemas.warehouse.WarehouseStore;

/** The CLI contract scripts rely on (SPEC §8): exit codes, csv output, one-line errors with a hint. */
@ExtendWith(SharedSpark.class)
class NyckeltalCliTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return NyckeltalCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void loadThenSqlCsvGivesHeaderCommaSeparatorAndDotDecimals() throws Exception {
        Path landing = tmp.resolve("landing");
        LedgerLandingFixtures.write(landing);
        assertThat(run("load", "--landing", landing.toString(), "--warehouse", tmp.resolve("w").toString()))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("PUBLISHED");
        out.getBuffer().setLength(0);

        int exit = run("sql", "--warehouse", tmp.resolve("w").toString(), "--format", "csv",
                "SELECT kpi_id, org_id, value, budget_value, 'a,b' AS quoted, NULL AS nothing FROM kpi.kpi_values"
                        + " WHERE kpi_id IN ('result', 'gross_cost_development_pct') AND org_level = 'total'"
                        + " AND time_window = 'ytd' AND period = 202502 ORDER BY kpi_id");
        assertThat(exit).as(err.toString()).isZero();
        // result = 2550, budget −940 (see LedgerEndToEndTest); gross development 350 / 3700 × 100, no budget
        assertThat(out.toString().lines()).containsExactly(
                "kpi_id,org_id,value,budget_value,quoted,nothing",
                "gross_cost_development_pct,TOTAL,9.459459,,\"a,b\",",
                "result,TOTAL,2550,-940,\"a,b\",");
    }

    @Test
    void sqlOnAWarehouseWithNothingPublishedFailsWithOneLineAndAHint() {
        int exit = run("sql", "--warehouse", tmp.resolve("empty").toString(), "SELECT 1");
        assertThat(exit).isEqualTo(NyckeltalCli.EXIT_FAILED);
        assertThat(err.toString().lines()).hasSize(2);
        assertThat(err.toString()).startsWith("error: ").contains("\nhint: ").doesNotContain("\tat ");
    }

    @Test
    void aWarehouseOnAStoreWhoseFileSystemIsNotOnTheClasspathIsOneLineNamingWhatToAdd() {
        int exit = run("load", "--landing", tmp.resolve("landing").toString(), "--warehouse", "s3a://region-bucket/w");

        assertThat(exit).isEqualTo(NyckeltalCli.EXIT_FAILED);
        assertThat(err.toString().lines()).containsExactly(
                "error: s3a://region-bucket/w: no file system for s3a:// on the classpath; add"
                        + " org.apache.hadoop:hadoop-aws (with its AWS SDK bundle) to the classpath (spark-submit"
                        + " --packages …, or the cluster's Hadoop jars) (--warehouse)",
                "hint: a local folder, or e.g. hdfs://namenode:8020/nyckeltal/warehouse");
    }

    @Test
    void loadFromAMissingLandingFolderFailsWithAHint() {
        int exit = run("load", "--landing", tmp.resolve("nope").toString(), "--warehouse", tmp.resolve("w").toString());
        assertThat(exit).isEqualTo(NyckeltalCli.EXIT_FAILED);
        assertThat(err.toString()).contains("error: landing folder").contains("hint: ");
    }

    @Test
    void aLoadWithoutTheRegionsOrgUnitsAndAccountsStopsAndSaysWhatToDeliver() throws Exception {
        Path landing = tmp.resolve("landing");
        Files.createDirectories(landing.resolve("ledger"));
        Files.writeString(landing.resolve("ledger/huvudbok-2025-02.csv"), "period;kst;konto;belopp\n202502;U1;4010;700\n");
        Path warehouse = tmp.resolve("w");

        assertThat(run("load", "--landing", landing.toString(), "--warehouse", warehouse.toString()))
                .isEqualTo(NyckeltalCli.EXIT_FAILED);
        assertThat(err.toString().lines()).hasSize(2);
        assertThat(err.toString()).startsWith("error: no org_units.csv or accounts.csv in " + landing.resolve("reference")
                        + ": a load needs the region's own org units and chart of accounts")
                .contains("\nhint: put the region's org_units.csv and accounts.csv in " + landing.resolve("reference"));
        assertThat(new WarehouseStore(new WarehouseLayout(warehouse)).currentSnapshotId()).isEmpty();

        // The org units alone are not enough either: the message names what is still missing.
        Files.createDirectories(landing.resolve("reference"));
        Files.writeString(landing.resolve("reference/org_units.csv"),
                "unit_id;unit_name;area_id;area_name;valid_from;valid_to\nU1;Enhet Ett;A;Område A;2020-01-01;\n");
        err.getBuffer().setLength(0);
        assertThat(run("load", "--landing", landing.toString(), "--warehouse", warehouse.toString()))
                .isEqualTo(NyckeltalCli.EXIT_FAILED);
        assertThat(err.toString()).startsWith("error: no accounts.csv in ");
        assertThat(new WarehouseStore(new WarehouseLayout(warehouse)).loadRecords())
                .extracting(LoadRecord::outcome).containsOnly(LoadRecord.Outcome.FAILED);
    }

    @Test
    void aCommandLineGetsTheCommandItNamesAndAnythingElseGetsThemAll() {
        // `task --help` builds the task command alone; its usage is still that of nyckeltal task
        assertThat(run("task", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: nyckeltal task").contains("run");
        // a misspelt command is told apart from every command, as before
        assertThat(run("lod")).isNotZero();
        assertThat(err.toString()).contains("Did you mean: nyckeltal load?");
        // no command: the usage lists every product command (the tools are not on jobs' class path)
        out.getBuffer().setLength(0);
        assertThat(run()).isZero();
        assertThat(out.toString()).contains("load", "sql", "report", "scheduler", "dags", "task", "serve", "users");
    }

    @Test
    void duckDbsLibraryLoadsAheadOnlyForCommandsThatOpenACatalogue() {
        String[] run = {"--ds", "2026-03-04", "--data-interval-start", "2026-03-04T03:30:00+00:00"};
        assertThat(NyckeltalCli.opensCatalogue("load", "--landing", "l", "--warehouse", "w")).isTrue();
        assertThat(NyckeltalCli.opensCatalogue("sql", "SELECT 1")).isTrue();
        for (String task : java.util.List.of("load_and_publish", "verify_published", "data_quality_checks", "build_facts",
                "publish_catalogue", "report_total", "report_units")) {
            assertThat(NyckeltalCli.opensCatalogue(concat("task", "run", task, run))).as(task).isTrue();
        }
        // a source task parses files (Spark), report_due only tells the day, the scheduler starts processes
        for (String task : java.util.List.of("ingest_hr", "validate_ledger", "report_due", "no_such_task")) {
            assertThat(NyckeltalCli.opensCatalogue(concat("task", "run", task, run))).as(task).isFalse();
        }
        assertThat(NyckeltalCli.opensCatalogue("dags", "backfill", "nightly")).isFalse();
        assertThat(NyckeltalCli.opensCatalogue("task", "--help")).isFalse();
        assertThat(NyckeltalCli.opensCatalogue()).isFalse();
    }

    private static String[] concat(String a, String b, String c, String... rest) {
        String[] all = new String[3 + rest.length];
        all[0] = a;
        all[1] = b;
        all[2] = c;
        System.arraycopy(rest, 0, all, 3, rest.length);
        return all;
    }

    @Test
    void theProductsClassPathHasNoToolsAndSaysWhereTheyAre() {
        // jobs' tests run on the product's class path: jobs/tools (demo, generate, bench) is not on it
        for (String tool : java.util.List.of("demo", "generate", "bench")) {
            err.getBuffer().setLength(0);
            assertThat(run(tool)).isEqualTo(NyckeltalCli.EXIT_FAILED);
            assertThat(err.toString()).startsWith("error: '" + tool + "' is a tool (jobs/tools)").contains("\nhint: ");
        }
        out.getBuffer().setLength(0);
        run("--help");
        assertThat(out.toString()).contains("load").contains("serve").doesNotContain("demo");
    }

    @Test
    void verboseAddsTheStackTraceToThatCallOnly() {
        run("--verbose", "sql", "--warehouse", tmp.resolve("empty").toString(), "SELECT 1");
        assertThat(err.toString()).contains("\tat ");
        err.getBuffer().setLength(0);

        // The next call in the same JVM (as the next test would be) has no --verbose: no stack trace.
        run("sql", "--warehouse", tmp.resolve("empty").toString(), "SELECT 1");
        assertThat(err.toString()).startsWith("error: ").doesNotContain("\tat ");
    }

    @Test
    void unknownOutputFormatIsRefused() {
        int exit = run("sql", "--warehouse", tmp.toString(), "--format", "xml", "SELECT 1");
        assertThat(exit).isEqualTo(NyckeltalCli.EXIT_FAILED);
        assertThat(err.toString().lines()).containsExactly("error: unknown format 'xml' (--format)",
                "hint: use --format csv, json or table");
    }

    @Test
    void formatIsReadInAnyCase() {
        int exit = run("sql", "--warehouse", tmp.resolve("empty").toString(), "--format", "CSV", "SELECT 1");
        // Past option parsing: the error is about the empty warehouse, not the format.
        assertThat(exit).isEqualTo(NyckeltalCli.EXIT_FAILED);
        assertThat(err.toString()).startsWith("error: ").doesNotContain("format");
    }
}

package se.nyckeltal.warehouse.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing a client types reads or changes anything beyond the published KPIs (SPEC §6, §9): every
 * hostile statement is refused with a clear error, the warehouse folder is byte-identical afterwards,
 * and below the gate DuckDB itself is read-only and fenced into the facts folder, symlinks included.
 */
class GatewayLockdownTest {
    @TempDir
    static Path dir;

    private static GatewayFixture gateway;
    private static Path facts;
    private static Path outside;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayFixture.start(dir);
        facts = gateway.layout.factsDir();
        outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.csv"), "name,salary\nboss,99999\n");
        // a symlink placed in the facts folder pointing outside it, to a file and to a folder
        Files.createSymbolicLink(facts.resolve("ledger").resolve("escape.csv"), outside.resolve("secret.csv"));
        Files.createSymbolicLink(facts.resolve("ledger").resolve("escape-dir"), outside);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static List<String> hostile() {
        String w = gateway.layout.root().toString();
        String inFacts = facts.resolve("dump.csv").toString();
        return List.of(
                "COPY kpi.kpi_values TO '" + inFacts + "'",
                "COPY (SELECT * FROM kpi.kpi_values) TO '" + inFacts + "' (FORMAT csv)",
                "EXPORT DATABASE '" + facts.resolve("export") + "'",
                "SELECT * FROM read_csv('/etc/passwd')",
                "SELECT * FROM read_csv_auto('" + facts.resolve("ledger/escape.csv") + "')",
                "SELECT * FROM read_text('/etc/hostname')",
                "SELECT * FROM read_blob('" + w + "/current')",
                "SELECT * FROM glob('/*')",
                "SELECT * FROM glob('" + facts + "/**')",
                "SELECT * FROM read_parquet('" + facts + "/ledger/**/*.parquet')",
                "SELECT * FROM parquet_metadata('" + facts + "/ledger/escape-dir/secret.csv')",
                "SELECT * FROM sniff_csv('/etc/passwd')",
                "SELECT * FROM '/etc/passwd'",
                "SELECT * FROM '" + facts.resolve("ledger/escape.csv") + "'",
                "SELECT * FROM query('SELECT 1')",
                "WITH x AS (SELECT 1) SELECT * FROM x, read_csv('/etc/passwd')",
                "SELECT (SELECT count(*) FROM read_text('/etc/passwd'))",
                "DESCRIBE SELECT * FROM read_csv('/etc/passwd')",
                "EXPLAIN SELECT * FROM read_csv('/etc/passwd')",
                "EXPLAIN ANALYZE COPY (SELECT 1) TO '" + inFacts + "'",
                "ATTACH '" + dir.resolve("other.duckdb") + "' AS other",
                "ATTACH '" + w + "/catalogue/S1.duckdb' AS rw (READ_WRITE)",
                "DETACH DATABASE other",
                "INSTALL httpfs",
                "LOAD httpfs",
                "FORCE INSTALL httpfs",
                "SET enable_external_access = true",
                "SET allowed_directories = ['/']",
                "SET lock_configuration = false",
                "SET memory_limit = '100GB'",
                "RESET allowed_paths",
                "SELECT pg_read_file('/etc/passwd')",
                "SELECT pg_ls_dir('/')",
                "CREATE TABLE kpi.mine AS SELECT 1 AS x",
                "CREATE TEMP TABLE mine AS SELECT 1 AS x",
                "CREATE VIEW kpi.v AS SELECT 1",
                "CREATE SECRET s (TYPE s3, KEY_ID 'a', SECRET 'b')",
                "INSERT INTO kpi.kpi_values (kpi_id) VALUES ('fake')",
                "UPDATE kpi.kpi_values SET value = 0",
                "DELETE FROM meta.loads",
                "DROP TABLE kpi.kpi_values",
                "ALTER TABLE kpi.kpi_values RENAME TO x",
                "TRUNCATE kpi.kpi_values",
                "PRAGMA enable_profiling",
                "CALL pragma_version()",
                "CHECKPOINT",
                "VACUUM",
                "USE memory",
                // read-only is not "SELECT only" (SPEC §6): what reads is served, so each of these is a way in
                "COPY kpi.kpi_values FROM '" + outside.resolve("secret.csv") + "'",
                "COPY kpi.kpi_values FROM STDIN",
                "COPY (SELECT 1) TO PROGRAM 'touch " + facts.resolve("program") + "'",
                "COPY (SELECT * FROM read_csv('/etc/passwd')) TO STDOUT",
                "COPY (INSERT INTO kpi.kpi_values (kpi_id) VALUES ('fake')) TO STDOUT",
                "DECLARE c CURSOR WITH HOLD FOR SELECT * FROM read_text('/etc/hostname')",
                "DECLARE d CURSOR WITH HOLD FOR DELETE FROM meta.loads",
                "PREPARE p AS SELECT * FROM read_blob('" + w + "/current')",
                "PREPARE q AS DROP TABLE kpi.kpi_values",
                "SELECT getvariable('nyckeltal_warehouse')");
    }

    static Connection connect(String mode) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", GatewayFixture.USER);
        properties.setProperty("password", GatewayFixture.PASSWORD);
        properties.setProperty("preferQueryMode", mode);
        return java.sql.DriverManager.getConnection(gateway.jdbcUrl(), properties);
    }

    @Test
    void everyHostileStatementIsRefusedAndNothingChangesOnDisk() throws Exception {
        Map<String, String> before = WarehouseTree.of(gateway.layout.root());
        for (String mode : List.of("simple", "extended")) {
            try (Connection connection = connect(mode)) {
                for (String sql : hostile()) {
                    try (Statement statement = connection.createStatement()) {
                        assertThatThrownBy(() -> statement.execute(sql)).as(mode + ": " + sql)
                                .isInstanceOfSatisfying(SQLException.class, e -> {
                                    assertThat(e.getSQLState()).as(mode + ": " + sql + " → " + e.getMessage())
                                            .isEqualTo("42501");
                                    assertThat(e.getMessage()).as(sql).containsAnyOf("read-only", "not available",
                                            "not a table of the catalogue", "cannot be changed", "not allowed");
                                });
                    }
                }
                try (Statement statement = connection.createStatement();
                        ResultSet result = statement.executeQuery("SELECT count(*) FROM kpi.kpi_values")) {
                    assertThat(result.next()).isTrue();
                }
            }
        }
        assertThat(WarehouseTree.of(gateway.layout.root())).isEqualTo(before);
        assertThat(facts.resolve("dump.csv")).doesNotExist();
    }

    @Test
    void statementsSmuggledAfterASemicolonAreRefused() throws Exception {
        String inFacts = facts.resolve("smuggled.csv").toString();
        Map<String, String> before = WarehouseTree.of(gateway.layout.root());
        try (Connection simple = connect("simple"); Statement statement = simple.createStatement()) {
            // the simple protocol runs the first statement and refuses the second
            assertThatThrownBy(() -> statement.execute("SELECT 1; COPY (SELECT 1) TO '" + inFacts + "'"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
            assertThatThrownBy(() -> statement.execute("SELECT 1 /* ; */ ; ATTACH '/tmp/x.duckdb'"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
        }
        try (Connection extended = connect("extended"); Statement statement = extended.createStatement()) {
            // pgjdbc splits at ';' itself; a prepared statement with two commands is refused whole
            try (var prepared = extended.prepareStatement("SELECT ? AS x; COPY (SELECT 1) TO '" + inFacts + "'")) {
                prepared.setInt(1, 1);
                assertThatThrownBy(prepared::execute).isInstanceOf(SQLException.class);
            }
            // a ';' inside quotes, identifiers and comments is no statement boundary: this is one SELECT
            try (ResultSet result = statement.executeQuery("SELECT $$;$$ AS a, ';' AS b, \"x;y\" FROM (SELECT 1 AS \"x;y\")"
                    + " -- ; COPY")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getString(1) + result.getString(2) + result.getString(3)).isEqualTo(";;1");
            }
        }
        assertThat(WarehouseTree.of(gateway.layout.root())).isEqualTo(before);
        assertThat(Path.of(inFacts)).doesNotExist();
    }

    @Test
    void belowTheGateDuckDbIsReadOnlyAndFencedIntoTheFactsFolderSymlinksIncluded() throws Exception {
        Map<String, String> before = WarehouseTree.of(gateway.layout.root());
        try (SnapshotDatabase.Lease lease = gateway.server.catalogue().acquire();
                Connection duckdb = lease.connect()) {
            // the served views still read their Parquet files inside the facts folder
            // RegionFixture: 29 ACTUAL + 7 BUDGET + 2 FORECAST ledger rows
            assertThat(scalar(duckdb, "SELECT count(*) FROM fact.ledger")).isEqualTo("38");
            for (String sql : List.of(
                    "SELECT * FROM read_csv('" + facts.resolve("ledger/escape.csv") + "')",
                    "SELECT * FROM read_text('" + facts.resolve("ledger/escape-dir/secret.csv") + "')",
                    "SELECT * FROM read_csv('" + outside.resolve("secret.csv") + "')",
                    "SELECT * FROM read_text('" + gateway.layout.root().resolve("current") + "')",
                    "ATTACH '" + dir.resolve("other.duckdb") + "' AS other",
                    "SET enable_external_access = true",
                    "SET allowed_directories = ['/']",
                    "INSTALL httpfs",
                    "LOAD httpfs",
                    "CREATE TABLE kpi.mine AS SELECT 1 AS x",
                    "INSERT INTO meta.loads (load_id) VALUES ('x')")) {
                try (Statement statement = duckdb.createStatement()) {
                    assertThatThrownBy(() -> statement.execute(sql)).as(sql).isInstanceOf(SQLException.class)
                            .hasMessageMatching("(?s).*(Permission Error|read-only|configuration has been locked|disabled).*");
                }
            }
        }
        assertThat(WarehouseTree.of(gateway.layout.root())).isEqualTo(before);
    }

    @Test
    void duckDbSpillsOutsideTheWarehouse() throws Exception {
        try (SnapshotDatabase.Lease lease = gateway.server.catalogue().acquire(); Connection duckdb = lease.connect()) {
            String temp = scalar(duckdb, "SELECT current_setting('temp_directory')");
            assertThat(Path.of(temp).toAbsolutePath().normalize().startsWith(gateway.layout.root())).isFalse();
            assertThat(scalar(duckdb, "SELECT current_setting('access_mode')")).isEqualToIgnoringCase("read_only");
            assertThat(scalar(duckdb, "SELECT current_setting('lock_configuration')")).isEqualTo("true");
        }
    }

    private static String scalar(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }
}

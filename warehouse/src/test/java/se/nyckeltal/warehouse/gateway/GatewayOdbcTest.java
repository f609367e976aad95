package se.nyckeltal.warehouse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * unixODBC's isql through psqlODBC (the driver Excel and other ODBC tools use) against the gateway.
 * psqlODBC's start-up sends "SET DateStyle = 'ISO';SET extra_float_digits = 2;show transaction_isolation"
 * as one query and asks pg_type about large objects before the user's first query. Fails, not skips,
 * when isql or the driver is missing: CI installs unixodbc and odbc-postgresql.
 */
class GatewayOdbcTest {
    private static final List<String> DRIVERS = List.of("/usr/lib/x86_64-linux-gnu/odbc/psqlodbcw.so",
            "/usr/lib/aarch64-linux-gnu/odbc/psqlodbcw.so", "/usr/lib/odbc/psqlodbcw.so", "/usr/local/lib/psqlodbcw.so");

    @TempDir
    static Path dir;

    private static GatewayFixture gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.start(dir);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void isqlQueriesThroughPsqlOdbc() throws Exception {
        Path isql = GatewayFixture.requireExecutable("isql");
        String driver = DRIVERS.stream().filter(path -> Files.isRegularFile(Path.of(path))).findFirst()
                .orElseThrow(() -> new AssertionError("psqlodbcw.so not found in " + DRIVERS
                        + "; CI installs it (.ci/run), locally: apt-get install odbc-postgresql"));
        Path odbc = Files.createDirectories(dir.resolve("odbc"));
        Files.writeString(odbc.resolve("odbcinst.ini"), "[PostgreSQL Unicode]\nDriver=" + driver + "\n");
        Files.writeString(odbc.resolve("odbc.ini"), "[nyckeltal]\nDriver=PostgreSQL Unicode\nServername=127.0.0.1\nPort="
                + gateway.port() + "\nDatabase=nyckeltal\nSSLMode=disable\n");
        String sql = "SELECT org_id, value FROM kpi.kpi_values WHERE kpi_id = 'revenue' AND period = 202602"
                + " AND time_window = 'month' AND org_level = 'total'\n"
                + "SELECT 'Område' AS name, DATE '2026-02-01' AS day, true AS flag\n"
                + "COPY (SELECT 1) TO '" + dir.resolve("odbc-copy.csv") + "'\n";
        ClientProcess result = ClientProcess.run(dir, Map.of("ODBCSYSINI", odbc.toString(), "ODBCINI",
                odbc.resolve("odbc.ini").toString()), sql, isql.toString(), "-b", "-v", "-d|", "nyckeltal",
                GatewayFixture.USER, GatewayFixture.PASSWORD);
        assertThat(result.out()).as(result.err()).contains("TOTAL|6500.000000");
        assertThat(result.out()).contains("Område|2026-02-01|1");
        assertThat(result.out() + result.err()).contains("COPY to a file or program is not allowed");
        assertThat(dir.resolve("odbc-copy.csv")).doesNotExist();
    }

    /**
     * psqlODBC's catalogue functions, called through pyodbc as BI tools call them: SQLForeignKeys numbers
     * key columns with generate_series in a select list, which PostgreSQL expands and DuckDB does not.
     */
    @Test
    void catalogueFunctionsThroughPsqlOdbc() throws Exception {
        ClientRequirement.python("pyodbc", "python3-pyodbc");
        String driver = DRIVERS.stream().filter(path -> Files.isRegularFile(Path.of(path))).findFirst()
                .orElseThrow(() -> new AssertionError("psqlodbcw.so not found in " + DRIVERS
                        + "; CI installs it (.ci/run), locally: apt-get install odbc-postgresql"));
        Path script = dir.resolve("odbc_metadata.py");
        try (java.io.InputStream in = getClass().getResourceAsStream("clients/odbc_metadata.py")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        ClientProcess result = ClientProcess.run(dir, Map.of(), null, ClientRequirement.PYTHON, script.toString(),
                driver, String.valueOf(gateway.port()), GatewayFixture.USER, GatewayFixture.PASSWORD);
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo(""
                + "SQLTables ok 1\n"
                + "SQLColumns ok " + kpiValuesColumns() + "\n"
                + "SQLPrimaryKeys ok 0\n"
                + "SQLForeignKeys ok 0\n"
                + "SQLForeignKeys referencing ok 0\n"
                + "SQLStatistics ok 0\n"
                + "SQLSpecialColumns ok 0\n"
                + "SQLGetTypeInfo ok 25\n"); // psqlODBC's own list of the types it maps
    }

    private static int kpiValuesColumns() throws Exception {
        try (var connection = java.sql.DriverManager.getConnection(gateway.jdbcUrl(), GatewayFixture.USER,
                GatewayFixture.PASSWORD);
                var result = connection.createStatement().executeQuery("SELECT count(*) FROM information_schema.columns"
                        + " WHERE table_schema = 'kpi' AND table_name = 'kpi_values'")) {
            result.next();
            return result.getInt(1);
        }
    }

    @Test
    void useDeclareFetchReadsThroughACursor() throws Exception {
        Path isql = GatewayFixture.requireExecutable("isql");
        String driver = DRIVERS.stream().filter(path -> Files.isRegularFile(Path.of(path))).findFirst()
                .orElseThrow(() -> new AssertionError("psqlodbcw.so not found in " + DRIVERS
                        + "; CI installs it (.ci/run), locally: apt-get install odbc-postgresql"));
        Path odbc = Files.createDirectories(dir.resolve("odbc-declare-fetch"));
        Files.writeString(odbc.resolve("odbcinst.ini"), "[PostgreSQL Unicode]\nDriver=" + driver + "\n");
        // UseDeclareFetch=1, Fetch=2: every query is DECLARE … CURSOR, then FETCH 2 until the rows run out
        Files.writeString(odbc.resolve("odbc.ini"), "[nyckeltal]\nDriver=PostgreSQL Unicode\nServername=127.0.0.1\nPort="
                + gateway.port() + "\nDatabase=nyckeltal\nSSLMode=disable\nUseDeclareFetch=1\nFetch=2\n");
        String sql = "SELECT n FROM range(5) r(n) ORDER BY n\n"
                + "SELECT org_id, value FROM kpi.kpi_values WHERE kpi_id = 'revenue' AND period = 202602"
                + " AND time_window = 'month' AND org_level = 'total'\n";
        ClientProcess result = ClientProcess.run(dir, Map.of("ODBCSYSINI", odbc.toString(), "ODBCINI",
                odbc.resolve("odbc.ini").toString()), sql, isql.toString(), "-b", "-v", "-d|", "nyckeltal",
                GatewayFixture.USER, GatewayFixture.PASSWORD);
        assertThat(result.out()).as(result.err()).contains("0\n1\n2\n3\n4\n").contains("TOTAL|6500.000000");
        assertThat(result.out() + result.err()).doesNotContain("[ISQL]ERROR");
    }
}

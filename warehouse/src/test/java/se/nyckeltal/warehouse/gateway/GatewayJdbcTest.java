package se.nyckeltal.warehouse.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pgjdbc, the driver DBeaver and Java tools use, against the gateway. */
class GatewayJdbcTest {
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

    static Connection connect(String... options) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", GatewayFixture.USER);
        properties.setProperty("password", GatewayFixture.PASSWORD);
        for (int i = 0; i + 1 < options.length; i += 2) {
            properties.setProperty(options[i], options[i + 1]);
        }
        return DriverManager.getConnection(gateway.jdbcUrl(), properties);
    }

    @Test
    void preparedStatementsBindTextAndBinaryParameters() throws Exception {
        // prepareThreshold=1: server-prepared from the first run, with binary results for the types pgjdbc knows
        try (Connection connection = connect("prepareThreshold", "1");
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT org_id, value FROM kpi.kpi_values WHERE kpi_id = ? AND period = ? AND time_window = ?"
                                + " AND org_level = 'total'")) {
            for (int run = 0; run < 3; run++) {
                statement.setString(1, "cost");
                statement.setInt(2, 202602);
                statement.setString(3, "month");
                try (ResultSet result = statement.executeQuery()) {
                    assertThat(result.next()).isTrue();
                    assertThat(result.getString(1)).isEqualTo("TOTAL");
                    // 202602 ACTUAL costs: U1 2000 + 300 + 700 + 1000 (+ 50 on the unmapped account 9999? not a COST line)
                    // + U2 1500 + U3 800 + X9 100
                    assertThat(result.getBigDecimal(2)).isEqualByComparingTo(costFebruary());
                    assertThat(result.next()).isFalse();
                }
            }
        }
    }

    @Test
    void aServerPreparedStatementRunsAgainWithNewParametersAndAfterAFailedRun() throws Exception {
        // prepareThreshold=1: one named statement, bound again for each run; the gateway keeps DuckDB's
        // prepared statement between runs, and prepares a new one after a run that failed
        try (Connection connection = connect("prepareThreshold", "1");
                PreparedStatement statement = connection.prepareStatement("SELECT CAST(? AS INTEGER) * 2 AS doubled")) {
            assertThat(doubled(statement, "21")).isEqualTo(42);
            assertThat(doubled(statement, "5")).isEqualTo(10);
            statement.setString(1, "many");
            assertThatThrownBy(statement::executeQuery).isInstanceOf(SQLException.class);
            assertThat(doubled(statement, "7")).isEqualTo(14);
            assertThat(doubled(statement, "8")).isEqualTo(16);
        }
    }

    private static int doubled(PreparedStatement statement, String number) throws SQLException {
        statement.setString(1, number);
        try (ResultSet result = statement.executeQuery()) {
            assertThat(result.next()).isTrue();
            return result.getInt(1);
        }
    }

    private static BigDecimal costFebruary() throws SQLException {
        try (Connection duckdb = se.nyckeltal.warehouse.catalogue.Catalogue.openReadOnly(gateway.layout);
                Statement statement = duckdb.createStatement();
                ResultSet result = statement.executeQuery("SELECT value FROM kpi.kpi_values WHERE kpi_id = 'cost'"
                        + " AND period = 202602 AND time_window = 'month' AND org_level = 'total'")) {
            result.next();
            return result.getBigDecimal(1);
        }
    }

    @Test
    void everyCatalogueTypeArrivesWithItsPostgresTypeInTextAndBinary() throws Exception {
        String sql = "SELECT CAST(1234.50 AS DECIMAL(18,2)) AS amount, DATE '2026-02-01' AS day,"
                + " TIMESTAMP '2026-02-01 10:15:30.25' AS stamp, TIMESTAMPTZ '2026-02-01 10:00:00+00' AS stamptz,"
                + " true AS flag, CAST(202602 AS INTEGER) AS period, CAST(9000000000 AS BIGINT) AS big,"
                + " 'Område' AS name, CAST(0.1 AS DOUBLE) AS ratio, CAST(NULL AS VARCHAR) AS nothing";
        for (String threshold : new String[] {"0", "-1"}) {
            // 0: never server-prepared, text results; -1: prepared from the start, binary results where pgjdbc wants them
            try (Connection connection = connect("prepareThreshold", threshold, "binaryTransfer", "true");
                    PreparedStatement statement = connection.prepareStatement(sql);
                    ResultSet result = statement.executeQuery()) {
                var metadata = result.getMetaData();
                List<String> types = new ArrayList<>();
                for (int i = 1; i <= metadata.getColumnCount(); i++) {
                    types.add(metadata.getColumnTypeName(i));
                }
                assertThat(types).containsExactly("numeric", "date", "timestamp", "timestamptz", "bool", "int4", "int8",
                        "varchar", "float8", "varchar");
                assertThat(metadata.getPrecision(1)).isEqualTo(18);
                assertThat(metadata.getScale(1)).isEqualTo(2);
                assertThat(result.next()).isTrue();
                assertThat(result.getBigDecimal("amount")).isEqualTo(new BigDecimal("1234.50"));
                assertThat(result.getObject("day", LocalDate.class)).isEqualTo(LocalDate.of(2026, 2, 1));
                assertThat(result.getObject("stamp", LocalDateTime.class)).isEqualTo(LocalDateTime.of(2026, 2, 1, 10, 15, 30, 250_000_000));
                assertThat(result.getObject("stamptz", OffsetDateTime.class).toInstant())
                        .isEqualTo(OffsetDateTime.parse("2026-02-01T10:00:00Z").toInstant());
                assertThat(result.getBoolean("flag")).isTrue();
                assertThat(result.getInt("period")).isEqualTo(202602);
                assertThat(result.getLong("big")).isEqualTo(9_000_000_000L);
                assertThat(result.getString("name")).isEqualTo("Område");
                assertThat(result.getDouble("ratio")).isEqualTo(0.1);
                assertThat(result.getString("nothing")).isNull();
            }
        }
    }

    @Test
    void parametersOfEveryCommonTypeBind() throws Exception {
        try (Connection connection = connect("prepareThreshold", "-1");
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT CAST(? AS INTEGER) + 1, CAST(? AS BIGINT) * 2, CAST(? AS DECIMAL(18,2)), CAST(? AS DATE),"
                                + " CAST(? AS BOOLEAN), CAST(? AS DOUBLE), CAST(? AS VARCHAR), CAST(? AS TIMESTAMP)")) {
            statement.setInt(1, 41);
            statement.setLong(2, 21);
            statement.setBigDecimal(3, new BigDecimal("-12.50"));
            statement.setObject(4, LocalDate.of(2026, 3, 31));
            statement.setBoolean(5, true);
            statement.setDouble(6, 2.5);
            statement.setString(7, "Västerbotten");
            statement.setObject(8, LocalDateTime.of(2026, 3, 31, 23, 59, 58));
            try (ResultSet result = statement.executeQuery()) {
                assertThat(result.next()).isTrue();
                assertThat(result.getInt(1)).isEqualTo(42);
                assertThat(result.getLong(2)).isEqualTo(42);
                assertThat(result.getBigDecimal(3)).isEqualTo(new BigDecimal("-12.50"));
                assertThat(result.getObject(4, LocalDate.class)).isEqualTo(LocalDate.of(2026, 3, 31));
                assertThat(result.getBoolean(5)).isTrue();
                assertThat(result.getDouble(6)).isEqualTo(2.5);
                assertThat(result.getString(7)).isEqualTo("Västerbotten");
                assertThat(result.getObject(8, LocalDateTime.class)).isEqualTo(LocalDateTime.of(2026, 3, 31, 23, 59, 58));
            }
        }
    }

    @Test
    void fetchSizeInATransactionReadsThroughSuspendedPortals() throws Exception {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement("SELECT range AS n FROM range(1000) ORDER BY n")) {
                statement.setFetchSize(100);
                long sum = 0;
                int rows = 0;
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        sum += result.getLong(1);
                        rows++;
                    }
                }
                assertThat(rows).isEqualTo(1000);
                assertThat(sum).isEqualTo(999L * 1000 / 2);
            }
            connection.commit();
        }
    }

    @Test
    void metadataListsSchemasTablesColumnsAndTypes() throws Exception {
        try (Connection connection = connect()) {
            DatabaseMetaData metadata = connection.getMetaData();
            assertThat(metadata.getDatabaseProductName()).isEqualTo("PostgreSQL");
            List<String> schemas = new ArrayList<>();
            try (ResultSet result = metadata.getSchemas()) {
                while (result.next()) {
                    schemas.add(result.getString("TABLE_SCHEM"));
                }
            }
            // the building blocks in schema internal are not advertised (they stay readable by name)
            assertThat(schemas).contains("dim", "fact", "kpi", "meta").doesNotContain("internal");
            List<String> tables = new ArrayList<>();
            try (ResultSet result = metadata.getTables(null, "kpi", "%", new String[] {"TABLE", "VIEW"})) {
                while (result.next()) {
                    tables.add(result.getString("TABLE_SCHEM") + "." + result.getString("TABLE_NAME") + ":"
                            + result.getString("TABLE_TYPE"));
                }
            }
            assertThat(tables).contains("kpi.kpi_values:TABLE", "kpi.income_statement:TABLE", "kpi.worked_time:VIEW");
            List<String> columns = new ArrayList<>();
            try (ResultSet result = metadata.getColumns(null, "kpi", "kpi_values", "%")) {
                while (result.next()) {
                    columns.add(result.getString("COLUMN_NAME") + ":" + result.getInt("DATA_TYPE") + ":"
                            + result.getString("TYPE_NAME"));
                }
            }
            assertThat(columns).startsWith("kpi_id:" + Types.VARCHAR + ":varchar", "period:" + Types.INTEGER + ":int4");
            assertThat(columns).contains("value:" + Types.NUMERIC + ":numeric", "suppressed:" + Types.BIT + ":bool");
            assertThat(columns).hasSize(17);
            List<String> types = new ArrayList<>();
            try (ResultSet result = metadata.getTypeInfo()) {
                while (result.next()) {
                    types.add(result.getString("TYPE_NAME"));
                }
            }
            assertThat(types).contains("numeric", "date", "timestamp", "timestamptz", "bool", "int4", "int8", "varchar",
                    "float8");
        }
    }

    /** What Power BI's navigator asks (Power Query's PostgreSQL connector, through Npgsql). */
    @Test
    void powerBiNavigatorQueriesListTablesColumnsAndNoKeys() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet result = statement.executeQuery("select TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE from"
                    + " INFORMATION_SCHEMA.tables where TABLE_SCHEMA not in ('information_schema', 'pg_catalog')"
                    + " order by TABLE_SCHEMA, TABLE_NAME")) {
                assertThat(result.getMetaData().getColumnName(1)).isEqualTo("table_schema");
                while (result.next()) {
                    tables.add(result.getString("table_schema") + "." + result.getString("TABLE_NAME") + ":"
                            + result.getString(3));
                }
            }
            assertThat(tables).contains("kpi.kpi_values:BASE TABLE", "fact.ledger:VIEW", "meta.quarantine:BASE TABLE");
            List<String> columns = new ArrayList<>();
            try (ResultSet result = statement.executeQuery("select COLUMN_NAME, ORDINAL_POSITION, IS_NULLABLE,"
                    + " case when (data_type like '%unsigned%') then DATA_TYPE || ' unsigned' else DATA_TYPE end as DATA_TYPE"
                    + " from INFORMATION_SCHEMA.columns where TABLE_SCHEMA = 'kpi' and TABLE_NAME = 'kpi_values'"
                    + " order by TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION")) {
                // unquoted aliases fold to lower case, as in PostgreSQL
                assertThat(result.getMetaData().getColumnName(4)).isEqualTo("data_type");
                while (result.next()) {
                    columns.add(result.getString(1) + ":" + result.getString(4));
                }
            }
            assertThat(columns).hasSize(17).startsWith("kpi_id:character varying", "period:integer")
                    .contains("value:numeric", "suppressed:boolean");
            try (ResultSet result = statement.executeQuery("select i.CONSTRAINT_SCHEMA || '_' || i.CONSTRAINT_NAME as"
                    + " INDEX_NAME, ii.COLUMN_NAME, ii.ORDINAL_POSITION, case when i.CONSTRAINT_TYPE = 'PRIMARY KEY' then"
                    + " 'Y' else 'N' end as PRIMARY_KEY from INFORMATION_SCHEMA.table_constraints i inner join"
                    + " INFORMATION_SCHEMA.key_column_usage ii on i.CONSTRAINT_SCHEMA = ii.CONSTRAINT_SCHEMA and"
                    + " i.CONSTRAINT_NAME = ii.CONSTRAINT_NAME and i.TABLE_SCHEMA = ii.TABLE_SCHEMA and i.TABLE_NAME ="
                    + " ii.TABLE_NAME where i.TABLE_SCHEMA = 'kpi' and i.TABLE_NAME = 'kpi_values' and i.CONSTRAINT_TYPE"
                    + " in ('PRIMARY KEY', 'UNIQUE')")) {
                assertThat(result.next()).isFalse();
            }
            try (ResultSet result = statement.executeQuery("select pkcol.COLUMN_NAME as PK_COLUMN_NAME, fkcol.TABLE_SCHEMA"
                    + " AS FK_TABLE_SCHEMA from (select distinct constraint_catalog, constraint_schema,"
                    + " unique_constraint_schema, constraint_name, unique_constraint_name from"
                    + " INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS) fkcon inner join INFORMATION_SCHEMA.KEY_COLUMN_USAGE"
                    + " fkcol on fkcon.CONSTRAINT_SCHEMA = fkcol.CONSTRAINT_SCHEMA and fkcon.CONSTRAINT_NAME ="
                    + " fkcol.CONSTRAINT_NAME inner join INFORMATION_SCHEMA.KEY_COLUMN_USAGE pkcol on"
                    + " fkcon.UNIQUE_CONSTRAINT_SCHEMA = pkcol.CONSTRAINT_SCHEMA and fkcon.UNIQUE_CONSTRAINT_NAME ="
                    + " pkcol.CONSTRAINT_NAME where pkcol.TABLE_SCHEMA = 'kpi' and pkcol.TABLE_NAME = 'kpi_values'")) {
                assertThat(result.next()).isFalse();
            }
        }
    }

    @Test
    void sessionSettingsAreAnsweredWithoutDuckDb() throws Exception {
        try (Connection connection = connect("ApplicationName", "Excel", "options", "-c search_path=kpi");
                Statement statement = connection.createStatement()) {
            // the start-up options already set search_path, and current_user is the signed-in user
            try (ResultSet result = statement.executeQuery("SELECT current_setting('search_path'), current_user")) {
                result.next();
                assertThat(result.getString(1)).isEqualTo("kpi");
                assertThat(result.getString(2)).isEqualTo(GatewayFixture.USER);
            }
            try (ResultSet result = statement.executeQuery("SELECT count(*) > 0 FROM kpi_values")) {
                result.next();
                assertThat(result.getBoolean(1)).isTrue();
            }
            statement.execute("SET application_name = 'DBeaver 24.1'");
            try (ResultSet result = statement.executeQuery("SHOW application_name")) {
                result.next();
                assertThat(result.getString(1)).isEqualTo("DBeaver 24.1");
            }
            statement.execute("SET search_path TO kpi, public");
            try (ResultSet result = statement.executeQuery("SELECT count(*) > 0 FROM kpi_values")) {
                result.next();
                assertThat(result.getBoolean(1)).isTrue();
            }
            connection.setReadOnly(true);
            connection.setAutoCommit(false);
            try (ResultSet result = statement.executeQuery("SELECT 1")) {
                assertThat(result.next()).isTrue();
            }
            connection.rollback();
        }
    }

    @Test
    void errorsCarryPostgresSqlStates() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELEC 1"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42601"));
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM kpi.no_such_table"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42P01"));
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM kpi.kpi_values"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
            // the connection still works after errors
            try (ResultSet result = statement.executeQuery("SELECT 2")) {
                result.next();
                assertThat(result.getInt(1)).isEqualTo(2);
            }
        }
    }

    @Test
    void aRunawayQueryIsStoppedAtTheTimeout() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> statement.executeQuery("SELECT sum(a.range * b.range) FROM range(1000000000000) a,"
                    + " range(1000) b"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("57014");
                        assertThat(e.getMessage()).contains("statement timeout");
                    });
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(10_000);
            statement.execute("SET statement_timeout = 200");
            assertThatThrownBy(() -> statement.executeQuery("SELECT sum(range) FROM range(1000000000000)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57014"));
            try (ResultSet result = statement.executeQuery("SELECT 3")) {
                result.next();
                assertThat(result.getInt(1)).isEqualTo(3);
            }
        }
    }

    @Test
    void cancelStopsTheRunningQuery() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            Thread canceller = new Thread(() -> {
                try {
                    Thread.sleep(300);
                    statement.cancel();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            canceller.start();
            assertThatThrownBy(() -> statement.executeQuery("SELECT sum(range) FROM range(1000000000000)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("57014");
                        assertThat(e.getMessage()).contains("user request");
                    });
            canceller.join();
        }
    }

    @Test
    void theRowCapRefusesHugeResults() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT range FROM range(100001)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("54000");
                        assertThat(e.getMessage()).contains("100000 rows");
                    });
            try (ResultSet result = statement.executeQuery("SELECT count(*) FROM range(100000)")) {
                result.next();
                assertThat(result.getLong(1)).isEqualTo(100000);
            }
        }
    }

    @Test
    void wrongPasswordAndUnknownUserAreRefusedAlike() {
        Properties wrong = new Properties();
        wrong.setProperty("user", GatewayFixture.USER);
        wrong.setProperty("password", "not-the-password");
        assertThatThrownBy(() -> DriverManager.getConnection(gateway.jdbcUrl(), wrong))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("28P01");
                    assertThat(e.getMessage()).contains("password authentication failed for user \"analyst\"");
                });
        Properties unknown = new Properties();
        unknown.setProperty("user", "mallory");
        unknown.setProperty("password", GatewayFixture.PASSWORD);
        assertThatThrownBy(() -> DriverManager.getConnection(gateway.jdbcUrl(), unknown))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("28P01");
                    assertThat(e.getMessage()).contains("password authentication failed for user \"mallory\"");
                });
    }
}

package se.nyckeltal.warehouse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What psql, pgcli, pgjdbc's metadata calls and Npgsql 8 ask the catalogue, with the real clients:
 * psql's describe commands, LIKE patterns with backslash escapes, current_schema(s) following
 * search_path, current_catalog, the functions and tables of catalogue queries PostgreSQL has and
 * DuckDB lacks, privileges shown as read-only, pgcli's completion refresher, and Npgsql 8's type
 * loading and pool reset, and Metabase's database sync.
 */
class GatewayCatalogueCompatibilityTest {
    @TempDir
    static Path dir;

    private static GatewayFixture gateway;
    private static Path psql;

    @BeforeAll
    static void start() {
        psql = GatewayFixture.requireExecutable("psql");
        gateway = GatewayFixture.start(dir);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /** psql -A -t (unaligned, tuples only), stopping at the first error. */
    private static ClientProcess psql(String... commands) throws Exception {
        var command = ClientProcess.args(psql.toString(), "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
                "-p", String.valueOf(gateway.port()), "-U", GatewayFixture.USER, "-d", "nyckeltal");
        for (String c : commands) {
            command.add("-c");
            command.add(c);
        }
        return ClientProcess.run(dir, Map.of("PGPASSWORD", GatewayFixture.PASSWORD, "PGSSLMODE", "disable"), null,
                command.toArray(String[]::new));
    }

    private static String answer(String... commands) throws Exception {
        ClientProcess result = psql(commands);
        assertThat(result.exitCode()).as(String.join("; ", commands) + "\n" + result.err()).isZero();
        return result.out().strip();
    }

    @Test
    void psqlDescribeCommandsAnswer() throws Exception {
        assertThat(answer("\\d+ kpi.kpi_values")).contains("kpi_id").contains("org_level");
        assertThat(answer("\\dt+ kpi.*")).contains("kpi_values|table|");
        assertThat(answer("\\l+")).startsWith("nyckeltal|");
        assertThat(answer("\\du")).contains("nyckeltal");
        assertThat(answer("\\dT")).isEmpty(); // no user-defined types
        assertThat(answer("\\dd")).isEmpty();
        assertThat(answer("\\dn+")).contains("kpi|");
        assertThat(answer("\\dp kpi.kpi_values")).startsWith("kpi|kpi_values|table|nyckeltal=r/nyckeltal");
        String view = answer("SELECT table_name FROM information_schema.views WHERE table_schema = 'kpi'"
                + " ORDER BY table_name LIMIT 1");
        assertThat(view).isNotEmpty();
        String definition = answer("\\sv kpi." + view);
        // pg_get_viewdef gives the query, psql writes the CREATE around it: never twice
        assertThat(definition).startsWith("CREATE OR REPLACE VIEW kpi." + view + " AS");
        assertThat(definition.lines().skip(1).findFirst().orElse("")).doesNotContain("CREATE");
        assertThat(answer("SELECT pg_get_viewdef('kpi." + view + "'::regclass, true)")).doesNotContain("CREATE VIEW")
                .doesNotEndWith(";").containsIgnoringCase("SELECT");
    }

    @Test
    void likeTakesBackslashEscapesAsPostgresqlDoes() throws Exception {
        assertThat(answer("SELECT relname FROM pg_catalog.pg_class WHERE relname LIKE 'kpi\\_v%' ORDER BY 1"))
                .isEqualTo("kpi_values");
        // without the escape '_' matches any character; on the data as well as the catalogue
        assertThat(answer("SELECT count(*) > 0 FROM kpi.kpi_values WHERE kpi_id LIKE 'rev\\_nue'")).isEqualTo("f");
        assertThat(answer("SELECT count(*) > 0 FROM kpi.kpi_values WHERE kpi_id LIKE 'rev_nue'")).isEqualTo("t");
        assertThat(answer("SELECT 'a_c' LIKE 'a\\_c', 'abc' LIKE 'a\\_c', 'A_C' ILIKE 'a\\_c'")).isEqualTo("t|f|t");
    }

    @Test
    void currentSchemaFollowsSearchPathAndTheCatalogIsNyckeltal() throws Exception {
        assertThat(answer("SELECT current_schema(), current_schemas(true), current_schemas(false)"))
                .isEqualTo("public|{pg_catalog,public}|{public}");
        assertThat(answer("SET search_path = kpi, nosuchschema, dim",
                "SELECT current_schema, current_schemas(true), current_schemas(false)"))
                .isEqualTo("SET\nkpi|{pg_catalog,kpi,dim}|{kpi,dim}");
        assertThat(answer("SELECT current_catalog, current_database()")).isEqualTo("nyckeltal|nyckeltal");
    }

    @Test
    void catalogueFunctionsAndTablesClientsAskFor() throws Exception {
        assertThat(answer("SELECT x, n FROM information_schema._pg_expandarray(ARRAY[5, 7])")).isEqualTo("5|1\n7|2");
        // sizes of Parquet-backed relations are not known: NULL, shown empty
        assertThat(answer("SELECT pg_table_size('kpi.kpi_values'::regclass) IS NULL,"
                + " pg_size_pretty(pg_database_size('nyckeltal')) IS NULL, pg_size_pretty(20480::bigint)"))
                .isEqualTo("t|t|20 kB");
        assertThat(answer("SELECT array_remove(ARRAY[1, 2, 3], 2) FROM pg_catalog.pg_class LIMIT 1")).isEqualTo("{1,3}");
        assertThat(answer("SELECT 'int4'::regtype::oid, 23::regtype FROM pg_catalog.pg_type LIMIT 1"))
                .isEqualTo("23|integer");
        assertThat(answer("SELECT count(*) FROM pg_catalog.pg_auth_members")).isEqualTo("0");
        // PostgreSQL's format(), not DuckDB's: %s, %I (quoted only when it must be), %L
        assertThat(answer("SELECT format('%I.%I', 'kpi', 'Kpi \"x\"'), format('%s-%s', 'a', NULL), format('%L', 'it''s')"
                + " FROM pg_catalog.pg_class LIMIT 1")).isEqualTo("kpi.\"Kpi \"\"x\"\"\"|a-|'it''s'");
        // CAST(text AS regclass) is the relation's OID, as 'name'::regclass
        assertThat(answer("SELECT CAST(CAST(format('%I.%I', 'kpi', 'kpi_values') AS regclass) AS oid)"
                + " = 'kpi.kpi_values'::regclass, CAST('kpi.kpi_values' AS pg_catalog.regclass) IS NOT NULL"
                + " FROM pg_catalog.pg_class LIMIT 1")).isEqualTo("t|t");
        assertThat(answer("SELECT count(*) > 0 FROM pg_catalog.pg_stat_user_tables WHERE schemaname = 'kpi'"))
                .isEqualTo("t");
        assertThat(answer("SELECT setting FROM pg_catalog.pg_settings WHERE name = 'max_index_keys'")).isEqualTo("32");
        assertThat(answer("SELECT pg_advisory_unlock_all() IS NULL")).isEqualTo("t");
    }

    @Test
    void privilegesAreReadOnly() throws Exception {
        assertThat(answer("SELECT DISTINCT privilege_type FROM information_schema.table_privileges"))
                .isEqualTo("SELECT");
        assertThat(answer("SELECT has_table_privilege('kpi.kpi_values', 'SELECT'),"
                + " has_table_privilege('kpi.kpi_values', 'INSERT'),"
                + " has_table_privilege('analyst', 'kpi.kpi_values', 'UPDATE, DELETE'),"
                + " has_table_privilege('analyst', 'kpi.kpi_values', 'INSERT, SELECT'),"
                + " has_schema_privilege('kpi', 'CREATE'), has_schema_privilege('kpi', 'USAGE')"))
                .isEqualTo("t|f|f|t|f|t");
    }

    @Test
    void pgjdbcMetadataCallsAnswer() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("user", GatewayFixture.USER);
        properties.setProperty("password", GatewayFixture.PASSWORD);
        try (Connection connection = DriverManager.getConnection(gateway.jdbcUrl(), properties)) {
            DatabaseMetaData metadata = connection.getMetaData();
            assertThat(connection.getCatalog()).isEqualTo("nyckeltal");
            assertThat(rows(metadata.getPrimaryKeys(null, "kpi", "kpi_values"))).isZero();
            assertThat(rows(metadata.getImportedKeys(null, "kpi", "kpi_values"))).isZero();
            assertThat(rows(metadata.getExportedKeys(null, "kpi", "kpi_values"))).isZero();
            assertThat(rows(metadata.getIndexInfo(null, "kpi", "kpi_values", false, true))).isZero();
            List<String> privileges = new ArrayList<>();
            try (ResultSet result = metadata.getTablePrivileges(null, "kpi", "kpi_values")) {
                while (result.next()) {
                    privileges.add(result.getString("PRIVILEGE"));
                }
            }
            assertThat(privileges).doesNotContain("INSERT", "UPDATE", "DELETE", "TRUNCATE");
            assertThat(rows(metadata.getTables(null, "kpi", "kpi\\_v%", null))).isEqualTo(1);
        }
    }

    private static int rows(ResultSet result) throws Exception {
        try (result) {
            int rows = 0;
            while (result.next()) {
                rows++;
            }
            return rows;
        }
    }

    @Test
    void pgcliCompletionRefresherAndBackslashCommands() throws Exception {
        ClientRequirement.python("pgcli", "pgcli");
        Path script = dir.resolve("pgcli_clients.py");
        try (InputStream in = getClass().getResourceAsStream("clients/pgcli_clients.py")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        ClientProcess result = ClientProcess.run(dir, Map.of(), null, ClientRequirement.PYTHON, script.toString(),
                String.valueOf(gateway.port()), GatewayFixture.USER, GatewayFixture.PASSWORD);
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines()).as(result.out()).hasSize(16).allMatch(line -> line.contains(" ok "));
        assertThat(result.out()).contains("\\d kpi.kpi_values ok").contains("schemata ok");
    }

    /**
     * Npgsql 5-7 project the type query's subquery with {@code typ_and_elem_type.*} and an {@code ord} column; 8 names
     * its columns. Both read every column by name, so the test does too.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"npgsql-5-type-loading.sql", "npgsql-8-type-loading.sql"})
    void npgsqlTypeLoadingAndPoolResetAreAnswered(String fixtureName) throws Exception {
        String fixture;
        try (InputStream in = getClass().getResourceAsStream(fixtureName)) {
            fixture = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String batch = fixture.substring(fixture.indexOf("SELECT version();"));
        try (RawClient client = RawClient.connect(gateway.port(), GatewayFixture.USER, GatewayFixture.PASSWORD)) {
            client.query(batch.replace("\n", "\r\n")); // Power BI runs on Windows: AppendLine writes CRLF
            List<RawClient.Message> messages = client.untilReady();
            assertThat(messages).as(messages.stream().filter(m -> m.type() == 'E').map(m -> m.field('M')).toList()
                    .toString()).noneMatch(m -> m.type() == 'E');
            // the second result, by column name: nspname, oid, typname, typtype, typnotnull, elemtypoid
            List<String> names = List.of("nspname", "oid", "typname", "typtype", "typnotnull", "elemtypoid");
            List<List<String>> types = new ArrayList<>();
            List<Integer> positions = new ArrayList<>();
            int results = 0;
            for (RawClient.Message message : messages) {
                if (message.type() == 'T') {
                    results++;
                    if (results == 2) {
                        List<String> fields = message.fields().stream().map(f -> f.substring(0, f.lastIndexOf(':')))
                                .toList();
                        assertThat(fields).containsAll(names);
                        names.forEach(name -> positions.add(fields.indexOf(name)));
                    }
                } else if (message.type() == 'D' && results == 2) {
                    List<byte[]> values = message.values();
                    List<String> row = new ArrayList<>();
                    for (int position : positions) {
                        byte[] value = values.get(position);
                        row.add(value == null ? null : new String(value, StandardCharsets.UTF_8));
                    }
                    types.add(row);
                }
            }
            assertThat(results).isEqualTo(4);
            assertThat(types).contains(java.util.Arrays.asList("pg_catalog", "23", "int4", "b", "f", null), java.util.Arrays.asList(
                    "pg_catalog", "1007", "_int4", "a", "f", "23"));
            // base types before arrays, as Npgsql needs them to resolve element types
            int lastBase = -1;
            int firstArray = Integer.MAX_VALUE;
            for (int i = 0; i < types.size(); i++) {
                if (types.get(i).get(3).equals("a")) {
                    firstArray = Math.min(firstArray, i);
                } else {
                    lastBase = i;
                }
            }
            assertThat(lastBase).isLessThan(firstArray);

            // Npgsql's pool reset when a pooled connection is handed out again
            client.query("SET SESSION AUTHORIZATION DEFAULT;RESET ALL;CLOSE ALL;UNLISTEN *;"
                    + "SELECT pg_advisory_unlock_all();DISCARD SEQUENCES;DISCARD TEMP");
            List<RawClient.Message> reset = client.untilReady();
            assertThat(reset).as(reset.stream().filter(m -> m.type() == 'E').map(m -> m.field('M')).toList().toString())
                    .noneMatch(m -> m.type() == 'E');
        }
    }

    /**
     * Metabase's sync of a PostgreSQL database (fixture {@code metabase-sync.sql}: its driver's statements as
     * HoneySQL renders them, run as pgjdbc prepared statements, as Metabase runs them): every statement answers,
     * the four published schemas' relations are listed and readable, nothing is writable, no foreign keys.
     */
    @Test
    void metabaseDatabaseSyncAnswers() throws Exception {
        String fixture;
        try (InputStream in = getClass().getResourceAsStream("metabase-sync.sql")) {
            fixture = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, List<Map<String, Object>>> answers = new LinkedHashMap<>();
        Properties properties = new Properties();
        properties.setProperty("user", GatewayFixture.USER);
        properties.setProperty("password", GatewayFixture.PASSWORD);
        try (Connection connection = DriverManager.getConnection(gateway.jdbcUrl(), properties)) {
            List<String> schemas = new ArrayList<>();
            try (ResultSet result = connection.getMetaData().getSchemas()) {
                while (result.next()) {
                    schemas.add(result.getString("TABLE_SCHEM"));
                }
            }
            assertThat(schemas).contains("dim", "fact", "kpi", "meta");
            for (String part : fixture.split("-- statement: ")) {
                if (part.startsWith("--")) {
                    continue; // the header
                }
                String name = part.substring(0, part.indexOf('\n')).strip();
                List<String> parameters = new ArrayList<>();
                StringBuilder sql = new StringBuilder();
                for (String line : part.substring(part.indexOf('\n') + 1).split("\n")) {
                    if (line.startsWith("-- parameters: ")) {
                        parameters.addAll(List.of(line.substring("-- parameters: ".length()).split("\\|")));
                    } else {
                        sql.append(line).append('\n');
                    }
                }
                List<Map<String, Object>> rows = new ArrayList<>();
                try (PreparedStatement statement = connection.prepareStatement(sql.toString().strip())) {
                    for (int i = 0; i < parameters.size(); i++) {
                        statement.setString(i + 1, parameters.get(i));
                    }
                    try (ResultSet result = statement.executeQuery()) {
                        ResultSetMetaData columns = result.getMetaData();
                        while (result.next()) {
                            Map<String, Object> row = new LinkedHashMap<>();
                            for (int c = 1; c <= columns.getColumnCount(); c++) {
                                row.put(columns.getColumnLabel(c), result.getObject(c));
                            }
                            rows.add(row);
                        }
                    }
                } catch (java.sql.SQLException e) {
                    throw new AssertionError("Metabase's " + name + " failed: " + e.getMessage(), e);
                }
                answers.put(name, rows);
            }
        }
        assertThat(answers.keySet()).containsExactly("db-default-timezone", "enum-types", "describe-database",
                "current-user-table-privileges", "describe-fields", "describe-fks");
        assertThat(answers.get("db-default-timezone")).singleElement()
                .satisfies(row -> assertThat(row.values()).singleElement().asString().isNotBlank());
        assertThat(answers.get("enum-types")).isEmpty();

        List<Map<String, Object>> tables = answers.get("describe-database");
        assertThat(tables).extracting(row -> row.get("schema")).allMatch(List.of("dim", "fact", "kpi", "meta")::contains);
        assertThat(tables).extracting(row -> row.get("schema") + "." + row.get("name") + " " + row.get("type"))
                .contains("kpi.kpi_values TABLE", "dim.kpi TABLE");
        assertThat(tables).extracting(row -> row.get("type")).allMatch(List.of("TABLE", "VIEW")::contains);

        List<Map<String, Object>> privileges = answers.get("current-user-table-privileges");
        assertThat(privileges).extracting(row -> row.get("schema") + "." + row.get("table")).contains("kpi.kpi_values");
        assertThat(privileges).as("readable, never writable").allSatisfy(row -> {
            assertThat(row.get("select")).isEqualTo(true);
            assertThat(List.of(row.get("update"), row.get("insert"), row.get("delete"))).containsOnly(false);
        });
        assertThat(privileges).hasSameSizeAs(tables);

        List<Map<String, Object>> fields = answers.get("describe-fields");
        assertThat(fields).filteredOn(row -> "kpi_values".equals(row.get("table-name")))
                .extracting(row -> row.get("name") + " " + row.get("database-type") + " " + row.get("database-position"))
                .contains("kpi_id varchar 0", "period int4 1");
        assertThat(fields).extracting(row -> row.get("table-schema")).allMatch(List.of("dim", "fact", "kpi", "meta")::contains);
        assertThat(fields).extracting(row -> row.get("pk?")).containsOnly(false);
        assertThat(answers.get("describe-fks")).isEmpty();
    }
}

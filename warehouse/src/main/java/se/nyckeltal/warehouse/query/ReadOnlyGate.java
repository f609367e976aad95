package se.nyckeltal.warehouse.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The gate every statement passes before DuckDB runs it, in the SQL gateway and in {@code nyckeltal sql}
 * alike. DuckDB's own parser decides, through
 * {@code json_serialize_sql} (which serialises SELECT statements only), that the text is exactly one
 * SELECT — so nothing can be smuggled after a ';' and COPY, ATTACH, INSTALL, LOAD, PRAGMA, CREATE,
 * INSERT and SET never run. The parse tree is then walked: only table functions that compute rows
 * (range, unnest, DuckDB's metadata functions) are allowed, never ones that read files (read_csv,
 * read_text, read_blob, glob, read_parquet, parquet_metadata, sniff_csv …) or run SQL text (query,
 * query_table); a table name that looks like a file path or URL (DuckDB's replacement scans) is
 * refused; and PostgreSQL's file functions (pg_read_file …) are refused by name. Underneath, DuckDB
 * itself is locked to the facts folder, so this gate is the first wall, not the only one.
 */
public final class ReadOnlyGate {
    /** PostgreSQL's insufficient_privilege. */
    public static final String INSUFFICIENT_PRIVILEGE = "42501";
    /** PostgreSQL's syntax_error. */
    public static final String SYNTAX_ERROR = "42601";

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Set<String> TABLE_FUNCTIONS = Set.of("range", "generate_series", "unnest", "repeat",
            "repeat_row", "json_each", "json_tree", "duckdb_columns", "duckdb_constraints",
            "duckdb_dependencies", "duckdb_functions", "duckdb_indexes", "duckdb_keywords", "duckdb_schemas",
            "duckdb_sequences", "duckdb_tables", "duckdb_types", "duckdb_views", "pragma_table_info",
            "pragma_show", "pragma_version", "test_all_types",
            // the gateway's PostgreSQL catalogue defines it (pgjdbc's getSQLKeywords, DBeaver); a snapshot has none
            "pg_get_keywords",
            // the gateway's catalogue defines it (pgjdbc's getPrimaryKeys, getIndexInfo); a snapshot has none
            "information_schema__pg_expandarray");

    private static final Set<String> REFUSED_FUNCTIONS = Set.of("pg_read_file", "pg_read_binary_file", "pg_ls_dir",
            "pg_stat_file", "lo_import", "lo_export", "getenv", "read_text", "read_blob", "read_csv", "read_csv_auto",
            "read_parquet", "parquet_scan", "read_json", "read_json_auto", "read_ndjson", "glob", "query",
            "query_table", "load_extension", "current_setting", "getvariable");

    /** A plain identifier: what every table and view of the catalogue is called. */
    private static final Pattern TABLE_NAME = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_$]*");

    private ReadOnlyGate() {}

    /**
     * @param sql one statement (a trailing ';' is fine)
     * @return the statement without trailing ';' and white space
     * @throws Refused SQLSTATE 42501 for anything but one SELECT or a refused function, 42601 for a
     *     syntax error or no statement at all
     * @throws SQLException when DuckDB cannot check the statement
     */
    public static String requireSelect(Connection duckdb, String sql) throws SQLException {
        String statement = sql.strip();
        while (statement.endsWith(";")) {
            statement = statement.substring(0, statement.length() - 1).strip();
        }
        if (statement.isEmpty()) {
            throw new Refused(SYNTAX_ERROR, "no SQL given: pass one SELECT statement", null);
        }
        JsonNode parsed;
        try (PreparedStatement check = duckdb.prepareStatement("SELECT json_serialize_sql(?::VARCHAR)")) {
            check.setString(1, statement);
            try (ResultSet result = check.executeQuery()) {
                result.next();
                parsed = JSON.readTree(result.getString(1));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("cannot check the statement: " + e.getOriginalMessage(), e);
        }
        if (parsed.path("error").asBoolean(false)) {
            String message = parsed.path("error_message").asText("");
            if (message.startsWith("Only SELECT statements")) {
                throw refused("only SELECT statements can run on the nyckeltal catalogue (it is read-only)");
            }
            throw new Refused(SYNTAX_ERROR, firstLine(message), null);
        }
        int count = parsed.path("statements").size();
        if (count != 1) {
            throw refused("one statement at a time, found " + count);
        }
        walk(parsed.path("statements"));
        return statement;
    }

    private static void walk(JsonNode node) throws Refused {
        if (node.isArray()) {
            for (JsonNode child : node) {
                walk(child);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        String type = node.path("type").asText("");
        if (type.equals("TABLE_FUNCTION")) {
            String name = functionName(node.path("function"));
            if (!TABLE_FUNCTIONS.contains(name)) {
                throw refused("table function " + name + "() is not available on the published catalogue: it"
                        + " could read files or run other SQL; query the catalogue's tables and views instead");
            }
        } else if (type.equals("BASE_TABLE")) {
            String table = node.path("table_name").asText("");
            if (!TABLE_NAME.matcher(table).matches()) {
                throw refused("\"" + table + "\" is not a table of the catalogue; files cannot be read through"
                        + " SQL on the published catalogue");
            }
        } else if (node.path("class").asText("").equals("FUNCTION")) {
            String name = functionName(node);
            if (REFUSED_FUNCTIONS.contains(name)) {
                throw refused("function " + name + "() is not available on the published catalogue");
            }
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            walk(field.getValue());
        }
    }

    private static String functionName(JsonNode function) {
        return function.path("function_name").asText("").toLowerCase(Locale.ROOT);
    }

    private static Refused refused(String message) {
        return new Refused(INSUFFICIENT_PRIVILEGE, message,
                "the published catalogue is served read-only: SELECT, WITH … SELECT and EXPLAIN");
    }

    /** DuckDB's message without its caret excerpt. */
    private static String firstLine(String message) {
        String first = message.lines().filter(line -> !line.isBlank()).findFirst().orElse(message).strip();
        int excerpt = first.indexOf(" LINE 1:");
        return excerpt > 0 ? first.substring(0, excerpt).strip() : first;
    }

    /** A statement the gate does not let through, with PostgreSQL's SQLSTATE and a hint for the user. */
    public static final class Refused extends SQLException {
        private static final long serialVersionUID = 1L;
        private final String hint;

        Refused(String sqlState, String message, String hint) {
            super(message, sqlState);
            this.hint = hint;
        }

        /** What to do instead, or null. */
        public String hint() {
            return hint;
        }
    }
}

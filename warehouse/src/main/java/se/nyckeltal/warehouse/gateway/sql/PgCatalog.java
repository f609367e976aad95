package se.nyckeltal.warehouse.gateway.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.duckdb.DuckDBConnection;
import se.nyckeltal.warehouse.gateway.GatewayConfig;
import se.nyckeltal.warehouse.gateway.wire.ColumnType;
import se.nyckeltal.warehouse.gateway.wire.PgType;

/**
 * The PostgreSQL system catalogue (pg_catalog and information_schema) for one served snapshot, as
 * clients expect it: PostgreSQL's type OIDs and names, the snapshot's schemas, tables, views and
 * columns, and the catalogue functions psql, pgjdbc and Power BI call. DuckDB's own pg_catalog lacks
 * too much (pg_range, typreceive, pg_get_userbyid, COLLATE pg_catalog.default), so the gateway builds
 * this one into a separate in-memory DuckDB from {@code pg_catalog.sql} and runs catalogue queries there.
 * That database has no file access at all and its configuration is locked like the snapshot's.
 */
public final class PgCatalog implements AutoCloseable {
    /** The name the gateway's database has for clients. */
    public static final String DATABASE = "nyckeltal";

    /** The role that owns every object. */
    public static final String OWNER = "nyckeltal";

    /** OIDs PostgreSQL gives its own catalogue tables, for {@code 'pg_class'::regclass}. */
    private static final Map<String, Integer> CATALOG_RELATIONS = Map.ofEntries(Map.entry("pg_class", 1259),
            Map.entry("pg_type", 1247), Map.entry("pg_attribute", 1249), Map.entry("pg_proc", 1255),
            Map.entry("pg_namespace", 2615), Map.entry("pg_constraint", 2606), Map.entry("pg_database", 1262),
            Map.entry("pg_description", 2609), Map.entry("pg_index", 2610), Map.entry("pg_am", 2601),
            Map.entry("pg_trigger", 2620), Map.entry("pg_rewrite", 2618), Map.entry("pg_authid", 1260),
            Map.entry("pg_attrdef", 2604), Map.entry("pg_enum", 3501), Map.entry("pg_range", 3541));

    private static final List<String> USER_SCHEMA_ORDER = List.of("kpi", "dim", "fact", "meta");
    private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\((\\d+),\\s*(\\d+)\\)");

    private final DuckDBConnection root;

    private PgCatalog(DuckDBConnection root) {
        this.root = root;
    }

    /** Reads the snapshot's objects through {@code snapshot} and builds the catalogue. */
    public static PgCatalog build(Connection snapshot, GatewayConfig config, Path tempDirectory) throws SQLException {
        DuckDBConnection root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
        try {
            createSources(root, config.maxConnections());
            fillTypes(root);
            fillObjects(snapshot, root);
            for (String statement : statements()) {
                try (Statement s = root.createStatement()) {
                    s.execute(statement);
                } catch (SQLException e) {
                    throw new SQLException("gateway/pg_catalog.sql: " + e.getMessage() + "\n" + statement, e);
                }
            }
            lockDown(root, config);
            return new PgCatalog(root);
        } catch (SQLException | RuntimeException e) {
            root.close();
            throw e;
        }
    }

    public DuckDBConnection connect() throws SQLException {
        return root.duplicate();
    }

    @Override
    public void close() throws SQLException {
        root.close();
    }

    private static void createSources(Connection c, int maxConnections) throws SQLException {
        execute(c, "CREATE TABLE gw_settings (current_database_name VARCHAR, role_name VARCHAR, started TIMESTAMPTZ)");
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO gw_settings VALUES (?, ?, ?)")) {
            insert.setString(1, DATABASE);
            insert.setString(2, OWNER);
            insert.setObject(3, OffsetDateTime.now());
            insert.execute();
        }
        execute(c, "CREATE TABLE gw_setting (name VARCHAR, setting VARCHAR)");
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO gw_setting VALUES (?, ?)")) {
            for (Map.Entry<String, String> setting : ServerSettings.defaults(maxConnections).entrySet()) {
                insert.setString(1, setting.getKey());
                insert.setString(2, setting.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        execute(c, "CREATE TABLE gw_type (oid BIGINT, typname VARCHAR, typlen INTEGER, typtype VARCHAR,"
                + " typcategory VARCHAR, typelem BIGINT, typarray BIGINT, typreceive VARCHAR, sql_type VARCHAR)");
        execute(c, "CREATE TABLE gw_namespace (oid BIGINT, nspname VARCHAR, comment VARCHAR)");
        execute(c, "CREATE TABLE gw_relation (oid BIGINT, relname VARCHAR, relnamespace BIGINT, relkind VARCHAR,"
                + " comment VARCHAR, definition VARCHAR)");
        execute(c, "CREATE TABLE gw_column (attrelid BIGINT, attname VARCHAR, attnum INTEGER, atttypid BIGINT,"
                + " atttypmod INTEGER, attnotnull BOOLEAN, comment VARCHAR, sql_type VARCHAR,"
                + " numeric_precision INTEGER, numeric_scale INTEGER)");
        execute(c, "CREATE TABLE gw_catalog_relation (oid BIGINT, relname VARCHAR)");
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO gw_catalog_relation VALUES (?, ?)")) {
            for (Map.Entry<String, Integer> relation : CATALOG_RELATIONS.entrySet()) {
                insert.setLong(1, relation.getValue());
                insert.setString(2, relation.getKey());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void fillTypes(Connection c) throws SQLException {
        List<PgType> types = new ArrayList<>(PgType.SCALARS);
        types.addAll(PgType.ARRAYS);
        types.add(PgType.RECORD);
        types.add(PgType.VOID);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO gw_type VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (PgType type : types) {
                insert.setLong(1, type.oid());
                insert.setString(2, type.name());
                insert.setInt(3, type.typlen());
                insert.setString(4, type == PgType.RECORD || type == PgType.VOID ? "p" : "b");
                insert.setString(5, category(type));
                insert.setLong(6, type.elementOid());
                insert.setLong(7, type.arrayOid());
                insert.setString(8, type.receive());
                insert.setString(9, sqlName(type));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static String category(PgType type) {
        if (type.isArray()) {
            return "A";
        }
        return switch (type.name()) {
            case "bool" -> "B";
            case "int2", "int4", "int8", "float4", "float8", "numeric", "oid" -> "N";
            case "text", "varchar", "bpchar", "name" -> "S";
            case "date", "time", "timestamp", "timestamptz" -> "D";
            case "interval" -> "T";
            case "record", "void" -> "P";
            case "char" -> "Z";
            default -> "U";
        };
    }

    /** format_type's name, also information_schema.columns.data_type. */
    public static String sqlName(PgType type) {
        if (type.isArray()) {
            return sqlName(type.element()) + "[]";
        }
        return switch (type.name()) {
            case "bool" -> "boolean";
            case "char" -> "\"char\"";
            case "int8" -> "bigint";
            case "int2" -> "smallint";
            case "int4" -> "integer";
            case "float4" -> "real";
            case "float8" -> "double precision";
            case "bpchar" -> "character";
            case "varchar" -> "character varying";
            case "time" -> "time without time zone";
            case "timestamp" -> "timestamp without time zone";
            case "timestamptz" -> "timestamp with time zone";
            default -> type.name();
        };
    }

    private static final java.util.regex.Pattern CREATE_VIEW = java.util.regex.Pattern.compile(
            "(?is)\\s*CREATE\\s+(?:OR\\s+REPLACE\\s+)?VIEW\\s+(?:\"[^\"]*+\"|[\\w.]++)(?:\\s*\\.\\s*(?:\"[^\"]*+\"|\\w++))?"
            + "\\s+AS\\s+");

    /** A view's query as PostgreSQL's pg_get_viewdef gives it: the SELECT, without CREATE VIEW … AS and ';'. */
    static String viewQuery(String createView) {
        if (createView == null) {
            return null;
        }
        java.util.regex.Matcher head = CREATE_VIEW.matcher(createView);
        String query = head.lookingAt() ? createView.substring(head.end()) : createView;
        query = query.strip();
        return query.endsWith(";") ? query.substring(0, query.length() - 1).stripTrailing() : query;
    }

    private static void fillObjects(Connection snapshot, Connection c) throws SQLException {
        Map<String, Long> namespaces = new LinkedHashMap<>();
        namespaces.put("pg_catalog", 11L);
        namespaces.put("public", 2200L);
        namespaces.put("information_schema", 13183L);
        List<String> userSchemas = new ArrayList<>();
        try (Statement s = snapshot.createStatement();
                ResultSet rs = s.executeQuery("SELECT schema_name FROM duckdb_schemas() WHERE NOT internal"
                        + " AND database_name = current_database() AND schema_name NOT IN ('main', 'public', 'internal')"
                        + " ORDER BY schema_name")) {
            while (rs.next()) {
                userSchemas.add(rs.getString(1));
            }
        }
        userSchemas.sort((a, b) -> Integer.compare(rank(a), rank(b)) != 0 ? Integer.compare(rank(a), rank(b)) : a.compareTo(b));
        long nextOid = 16384;
        for (String schema : userSchemas) {
            namespaces.put(schema, nextOid++);
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO gw_namespace VALUES (?, ?, NULL)")) {
            for (Map.Entry<String, Long> namespace : namespaces.entrySet()) {
                insert.setLong(1, namespace.getValue());
                insert.setString(2, namespace.getKey());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        Map<String, Long> relations = new LinkedHashMap<>();
        nextOid = 16400;
        String objects = "SELECT schema_name, table_name, 'r' AS kind, comment, NULL AS definition FROM duckdb_tables()"
                + " WHERE NOT internal AND NOT temporary AND database_name = current_database()"
                + " UNION ALL SELECT schema_name, view_name, 'v', comment, sql FROM duckdb_views()"
                + " WHERE NOT internal AND NOT temporary AND database_name = current_database()"
                + " ORDER BY schema_name, 2";
        try (Statement s = snapshot.createStatement(); ResultSet rs = s.executeQuery(objects);
                PreparedStatement insert = c.prepareStatement("INSERT INTO gw_relation VALUES (?, ?, ?, ?, ?, ?)")) {
            while (rs.next()) {
                Long namespace = namespaces.get(rs.getString(1));
                if (namespace == null) {
                    continue;
                }
                long oid = nextOid++;
                relations.put(rs.getString(1) + "." + rs.getString(2), oid);
                insert.setLong(1, oid);
                insert.setString(2, rs.getString(2));
                insert.setLong(3, namespace);
                insert.setString(4, rs.getString(3));
                insert.setString(5, rs.getString(4));
                insert.setString(6, viewQuery(rs.getString(5)));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        String columns = "SELECT schema_name, table_name, column_name, column_index, data_type, is_nullable, comment"
                + " FROM duckdb_columns() WHERE NOT internal AND database_name = current_database()"
                + " ORDER BY schema_name, table_name, column_index";
        try (Statement s = snapshot.createStatement(); ResultSet rs = s.executeQuery(columns);
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO gw_column VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            while (rs.next()) {
                Long relation = relations.get(rs.getString(1) + "." + rs.getString(2));
                if (relation == null) {
                    continue;
                }
                String duckType = rs.getString(5);
                ColumnType type = ColumnType.ofDuckDb(duckType);
                insert.setLong(1, relation);
                insert.setString(2, rs.getString(3));
                insert.setInt(3, rs.getInt(4));
                insert.setLong(4, type.type().oid());
                insert.setInt(5, type.typmod());
                insert.setBoolean(6, !rs.getBoolean(6));
                insert.setString(7, rs.getString(7));
                insert.setString(8, type.type().isArray() ? "ARRAY" : sqlName(type.type()));
                Integer precision = null;
                Integer scale = null;
                Matcher decimal = DECIMAL.matcher(duckType);
                if (decimal.matches()) {
                    precision = Integer.parseInt(decimal.group(1));
                    scale = Integer.parseInt(decimal.group(2));
                } else {
                    switch (type.type().name()) {
                        case "int2" -> { precision = 16; scale = 0; }
                        case "int4" -> { precision = 32; scale = 0; }
                        case "int8" -> { precision = 64; scale = 0; }
                        case "float4" -> precision = 24;
                        case "float8" -> precision = 53;
                        default -> { }
                    }
                }
                insert.setObject(9, precision);
                insert.setObject(10, scale);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static int rank(String schema) {
        int index = USER_SCHEMA_ORDER.indexOf(schema);
        return index < 0 ? USER_SCHEMA_ORDER.size() : index;
    }

    private static void lockDown(Connection c, GatewayConfig config) throws SQLException {
        execute(c, "SET threads = 1");
        execute(c, "SET memory_limit = '256MB'");
        execute(c, "SET preserve_identifier_case = false");
        execute(c, "SET autoinstall_known_extensions = false");
        execute(c, "SET autoload_known_extensions = false");
        execute(c, "SET enable_external_access = false");
        execute(c, "SET lock_configuration = true");
    }

    static List<String> statements() {
        try (InputStream in = PgCatalog.class.getResourceAsStream("/se/nyckeltal/warehouse/gateway/pg_catalog.sql")) {
            if (in == null) {
                throw new IllegalStateException("gateway/pg_catalog.sql is missing from the classpath");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> statements = new ArrayList<>();
            for (String part : text.split("(?m)^;\\s*$")) {
                String statement = part.lines().filter(line -> !line.strip().startsWith("--"))
                        .reduce("", (a, b) -> a + b + "\n").strip();
                if (!statement.isEmpty()) {
                    statements.add(statement);
                }
            }
            return statements;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

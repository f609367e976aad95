package se.nyckeltal.warehouse.report;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the published catalogue for the report: only the products (kpi.kpi_values, the wide views, dim.*,
 * meta.*), never intermediate views. Knows which SPEC'd relations and columns this catalogue has, so a
 * section whose source is not built (yet) says so instead of failing.
 */
final class CatalogueReader {
    private final Connection connection;
    private final Set<String> relations = new HashSet<>();
    private final Set<String> columns = new HashSet<>();

    CatalogueReader(Connection connection) throws SQLException {
        this.connection = connection;
        for (Map<String, Object> row : query("SELECT table_schema || '.' || table_name AS name FROM information_schema.tables")) {
            relations.add(((String) row.get("name")).toLowerCase(Locale.ROOT));
        }
        for (Map<String, Object> row : query("SELECT table_schema || '.' || table_name || '.' || column_name AS name"
                + " FROM information_schema.columns WHERE table_schema IN ('kpi', 'meta')")) {
            columns.add(((String) row.get("name")).toLowerCase(Locale.ROOT));
        }
    }

    boolean has(String relation) {
        return relations.contains(relation.toLowerCase(Locale.ROOT));
    }

    boolean hasColumn(String relation, String column) {
        return columns.contains((relation + "." + column).toLowerCase(Locale.ROOT));
    }

    /** Rows as column → value maps (column names lower case), parameters bound in order. */
    List<Map<String, Object>> query(String sql, Object... parameters) throws SQLException {
        // A fresh statement per query: DuckDB JDBC closes a statement after a failed query (SPEC §9).
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        row.put(meta.getColumnLabel(c).toLowerCase(Locale.ROOT), rs.getObject(c));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    static BigDecimal decimal(Map<String, Object> row, String column) {
        Object value = row.get(column);
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? null : BigDecimal.valueOf(d);
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        return new BigDecimal(value.toString());
    }

    static String text(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value == null ? null : value.toString();
    }

    static boolean bool(Map<String, Object> row, String column) {
        return Boolean.TRUE.equals(row.get(column));
    }

    static int integer(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).intValue();
    }
}

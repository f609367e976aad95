package se.nyckeltal.warehouse.gateway.wire;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a DuckDB result column goes over the wire: its PostgreSQL type and type modifier. DECIMAL(p,s)
 * is numeric with typmod ((p &lt;&lt; 16) | s) + 4 as PostgreSQL sends it, so drivers report
 * precision and scale; unsigned and 128-bit integers become numeric, because no PostgreSQL integer
 * holds them. Anything without a PostgreSQL counterpart (STRUCT, MAP, UNION, INTERVAL) is text.
 */
public record ColumnType(PgType type, int typmod) {
    private static final Pattern DECIMAL = Pattern.compile("(?:DECIMAL|NUMERIC)\\((\\d+),\\s*(\\d+)\\)");

    public ColumnType {
        requireNonNull(type, "type");
    }

    public static ColumnType of(PgType type) {
        return new ColumnType(type, -1);
    }

    /** From DuckDB's type name as JDBC reports it, e.g. {@code DECIMAL(38,6)} or {@code VARCHAR[]}. */
    public static ColumnType ofDuckDb(String duckType) {
        String name = duckType == null ? "" : duckType.strip().toUpperCase(Locale.ROOT);
        if (name.endsWith("[]")) {
            // a list of something without a PostgreSQL type (STRUCT, MAP …) is text as a whole
            PgType element = ofDuckDb(name.substring(0, name.length() - 2)).type();
            return element == PgType.TEXT || element.array() == null ? of(PgType.TEXT) : of(element.array());
        }
        Matcher decimal = DECIMAL.matcher(name);
        if (decimal.matches()) {
            int precision = Integer.parseInt(decimal.group(1));
            int scale = Integer.parseInt(decimal.group(2));
            return new ColumnType(PgType.NUMERIC, ((precision << 16) | scale) + 4);
        }
        return switch (name) {
            case "BOOLEAN" -> of(PgType.BOOL);
            case "TINYINT", "SMALLINT", "UTINYINT" -> of(PgType.INT2);
            case "INTEGER", "USMALLINT" -> of(PgType.INT4);
            case "BIGINT", "UINTEGER" -> of(PgType.INT8);
            case "HUGEINT", "UBIGINT", "UHUGEINT", "DECIMAL", "NUMERIC", "BIGNUM", "VARINT" -> of(PgType.NUMERIC);
            case "FLOAT" -> of(PgType.FLOAT4);
            case "DOUBLE" -> of(PgType.FLOAT8);
            case "VARCHAR", "ENUM" -> of(PgType.VARCHAR);
            case "DATE" -> of(PgType.DATE);
            case "TIME" -> of(PgType.TIME);
            case "TIMESTAMP", "TIMESTAMP_MS", "TIMESTAMP_NS", "TIMESTAMP_S" -> of(PgType.TIMESTAMP);
            case "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ" -> of(PgType.TIMESTAMPTZ);
            case "UUID" -> of(PgType.UUID);
            case "BLOB" -> of(PgType.BYTEA);
            case "JSON" -> of(PgType.JSON);
            default -> of(PgType.TEXT);
        };
    }

    /** The attribute size RowDescription reports. */
    public int typlen() {
        return type.typlen();
    }
}

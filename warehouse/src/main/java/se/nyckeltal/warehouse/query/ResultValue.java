package se.nyckeltal.warehouse.query;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One cell of a result as every output format sees it: read once from the driver into a plain Java
 * value (numbers, booleans, text, java.time values, lists), then printed the same way everywhere —
 * decimals without exponent or needless trailing zeros, dates and timestamps as ISO text.
 */
final class ResultValue {
    private ResultValue() {}

    static Object read(ResultSet result, int column) throws SQLException {
        Object value = result.getObject(column);
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp) {
            return result.getObject(column, LocalDateTime.class);
        }
        if (value instanceof OffsetDateTime) {
            // DuckDB's own conversion is an hour off around DST changes (SPEC §9): from the instant instead
            return DuckDbTimestamps.instant(result, column).atZone(ZoneId.systemDefault()).toOffsetDateTime();
        }
        return normalise(value);
    }

    private static Object normalise(Object value) throws SQLException {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toLocalDateTime();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        if (value instanceof Array array) {
            List<Object> elements = new ArrayList<>();
            for (Object element : (Object[]) array.getArray()) {
                elements.add(element == null ? null : normalise(element));
            }
            return elements;
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof String
                || value instanceof LocalDate || value instanceof LocalDateTime || value instanceof LocalTime
                || value instanceof OffsetDateTime) {
            return value;
        }
        return value.toString();
    }

    /** Text of a value; null for NULL. */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            return plain(decimal);
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            return Double.isFinite(number) ? plain(new BigDecimal(Double.toString(number))) : value.toString();
        }
        if (value instanceof LocalDateTime timestamp) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(timestamp);
        }
        if (value instanceof OffsetDateTime timestamp) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(timestamp);
        }
        if (value instanceof LocalTime time) {
            return DateTimeFormatter.ISO_LOCAL_TIME.format(time);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(e -> e == null ? "NULL" : text(e)).collect(Collectors.joining(", ", "[", "]"));
        }
        return value.toString();
    }

    /** 100.000000 → 100, 12.500 → 12.5, 1E+3 → 1000. */
    static String plain(BigDecimal decimal) {
        return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
    }

    /** Whether a column holds numbers (right-aligned in a table). */
    static boolean isNumeric(int sqlType) {
        return switch (sqlType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.NUMERIC,
                    Types.REAL, Types.FLOAT, Types.DOUBLE -> true;
            default -> false;
        };
    }
}

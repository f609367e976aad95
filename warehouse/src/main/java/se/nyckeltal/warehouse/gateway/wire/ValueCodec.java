package se.nyckeltal.warehouse.gateway.wire;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import se.nyckeltal.warehouse.query.DuckDbTimestamps;

/**
 * Result values in PostgreSQL's text and binary formats (the output functions of
 * src/backend/utils/adt): what psql prints and what Npgsql and pgjdbc decode in binary.
 */
public final class ValueCodec {
    /** 2000-01-01, PostgreSQL's epoch for dates and timestamps. */
    private static final LocalDate PG_EPOCH_DATE = LocalDate.of(2000, 1, 1);
    private static final LocalDateTime PG_EPOCH = PG_EPOCH_DATE.atStartOfDay();

    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .appendPattern("HH:mm:ss").optionalStart().appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true)
            .toFormatter();
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd ").append(TIME).toFormatter();

    private ValueCodec() {}

    /** Reads one cell as a plain Java value for {@code type}; null for SQL NULL. */
    public static Object read(ResultSet result, int column, ColumnType type) throws SQLException {
        PgType pg = type.type();
        if (pg == PgType.TIMESTAMP) {
            return result.getObject(column) == null ? null : result.getObject(column, LocalDateTime.class);
        }
        if (pg == PgType.BYTEA) {
            return result.getBytes(column);
        }
        if (pg == PgType.TIMESTAMPTZ) {
            Instant instant = DuckDbTimestamps.instant(result, column);
            return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
        }
        Object value = result.getObject(column);
        if (value == null) {
            return null;
        }
        if (pg.isArray() && value instanceof Array array) {
            List<Object> elements = new ArrayList<>();
            for (Object element : (Object[]) array.getArray()) {
                elements.add(normalise(element));
            }
            return elements;
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
        if (value instanceof Blob blob) {
            return blob.getBytes(1, (int) blob.length());
        }
        return value;
    }

    /** PostgreSQL's text form. */
    public static String text(Object value, ColumnType type, ZoneId zone) {
        PgType pg = type.type();
        if (pg.isArray() && value instanceof List<?> list) {
            return arrayText(list, ColumnType.of(pg.element()), zone);
        }
        if (value instanceof Boolean bool) {
            return bool ? "t" : "f";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Double number) {
            return floatText(number, 15);
        }
        if (value instanceof Float number) {
            return floatText(number.doubleValue(), 6);
        }
        if (value instanceof LocalDateTime timestamp) {
            return TIMESTAMP.format(timestamp);
        }
        if (value instanceof OffsetDateTime timestamp) {
            ZonedDateTime local = timestamp.atZoneSameInstant(zone);
            return TIMESTAMP.format(local) + offsetText(local.getOffset());
        }
        if (value instanceof LocalTime time) {
            return TIME.format(time);
        }
        if (value instanceof byte[] bytes) {
            return "\\x" + HexFormat.of().formatHex(bytes);
        }
        return value.toString();
    }

    /**
     * float8out with extra_float_digits ≥ 1: the shortest text that reads back exactly, in exponent
     * form outside 1e-4 … 1e15 (PostgreSQL 12+).
     */
    static String floatText(double number, int digits) {
        if (Double.isNaN(number)) {
            return "NaN";
        }
        if (Double.isInfinite(number)) {
            return number > 0 ? "Infinity" : "-Infinity";
        }
        if (number == 0) {
            return 1 / number < 0 ? "-0" : "0";
        }
        BigDecimal shortest = new BigDecimal(digits == 6 ? Float.toString((float) number) : Double.toString(number))
                .stripTrailingZeros();
        int exponent = shortest.precision() - shortest.scale() - 1;
        if (exponent < -4 || exponent >= digits) {
            String unscaled = shortest.unscaledValue().abs().toString();
            String mantissa = unscaled.length() == 1 ? unscaled : unscaled.charAt(0) + "." + unscaled.substring(1);
            return (shortest.signum() < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                    + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
        }
        return shortest.toPlainString();
    }

    private static String offsetText(ZoneOffset offset) {
        int seconds = offset.getTotalSeconds();
        int abs = Math.abs(seconds);
        String text = (seconds < 0 ? "-" : "+") + String.format("%02d", abs / 3600);
        if (abs % 3600 != 0) {
            text += String.format(":%02d", abs % 3600 / 60);
        }
        return text;
    }

    private static String arrayText(List<?> list, ColumnType element, ZoneId zone) {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            Object value = list.get(i);
            if (value == null) {
                text.append("NULL");
                continue;
            }
            String item = text(value, element, zone);
            boolean quote = item.isEmpty() || item.equalsIgnoreCase("NULL")
                    || item.chars().anyMatch(c -> c == ',' || c == '{' || c == '}' || c == '"' || c == '\\'
                            || Character.isWhitespace(c));
            if (quote) {
                text.append('"').append(item.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else {
                text.append(item);
            }
        }
        return text.append('}').toString();
    }

    /** PostgreSQL's binary (send) form, or null when the gateway has none for this type. */
    public static byte[] binary(Object value, ColumnType type) {
        PgType pg = type.type();
        if (pg.isArray()) {
            return value instanceof List<?> list ? arrayBinary(list, pg.element()) : null;
        }
        return scalarBinary(value, pg);
    }

    /** Whether {@link #binary} can encode values of this type. */
    public static boolean hasBinary(PgType type) {
        if (type.isArray()) {
            return type.element() != null && hasBinary(type.element());
        }
        return type != PgType.INTERVAL && type != PgType.UNKNOWN;
    }

    private static byte[] scalarBinary(Object value, PgType pg) {
        switch (pg.oid()) {
            case 16:
                return new byte[] {(byte) (Boolean.TRUE.equals(value) ? 1 : 0)};
            case 21:
                return ByteBuffer.allocate(2).putShort(((Number) value).shortValue()).array();
            case 23:
            case 26:
                return ByteBuffer.allocate(4).putInt(((Number) value).intValue()).array();
            case 20:
                return ByteBuffer.allocate(8).putLong(((Number) value).longValue()).array();
            case 700:
                return ByteBuffer.allocate(4).putFloat(((Number) value).floatValue()).array();
            case 701:
                return ByteBuffer.allocate(8).putDouble(((Number) value).doubleValue()).array();
            case 1700:
                return numericBinary(value instanceof BigDecimal d ? d
                        : value instanceof BigInteger i ? new BigDecimal(i) : new BigDecimal(value.toString()));
            case 1082:
                return ByteBuffer.allocate(4).putInt((int) ChronoUnit.DAYS.between(PG_EPOCH_DATE, (LocalDate) value))
                        .array();
            case 1083:
                return ByteBuffer.allocate(8).putLong(((LocalTime) value).toNanoOfDay() / 1000).array();
            case 1114:
                return ByteBuffer.allocate(8).putLong(micros(PG_EPOCH, (LocalDateTime) value)).array();
            case 1184: {
                Instant instant = ((OffsetDateTime) value).toInstant();
                return ByteBuffer.allocate(8).putLong(micros(PG_EPOCH, LocalDateTime.ofInstant(instant, ZoneOffset.UTC)))
                        .array();
            }
            case 2950: {
                UUID uuid = (UUID) value;
                return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                        .putLong(uuid.getLeastSignificantBits()).array();
            }
            case 17:
                return (byte[]) value;
            default:
                return text(value, ColumnType.of(pg), ZoneOffset.UTC).getBytes(StandardCharsets.UTF_8);
        }
    }

    private static long micros(LocalDateTime from, LocalDateTime to) {
        return ChronoUnit.MICROS.between(from, to);
    }

    /** numeric_send: ndigits, weight, sign, dscale, then base-10000 digits. */
    static byte[] numericBinary(BigDecimal value) {
        int dscale = Math.max(value.scale(), 0);
        BigDecimal abs = value.abs().setScale(dscale);
        String integer = abs.toBigInteger().toString();
        String fraction = dscale == 0 ? "" : abs.toPlainString().substring(abs.toPlainString().indexOf('.') + 1);
        // pad the integer part on the left and the fraction on the right to whole groups of 4 digits
        int integerGroups = (integer.length() + 3) / 4;
        String paddedInteger = "0".repeat(integerGroups * 4 - integer.length()) + integer;
        int fractionGroups = (fraction.length() + 3) / 4;
        String paddedFraction = fraction + "0".repeat(fractionGroups * 4 - fraction.length());
        List<Short> digits = new ArrayList<>();
        for (int i = 0; i < integerGroups; i++) {
            digits.add(Short.parseShort(paddedInteger.substring(i * 4, i * 4 + 4)));
        }
        for (int i = 0; i < fractionGroups; i++) {
            digits.add(Short.parseShort(paddedFraction.substring(i * 4, i * 4 + 4)));
        }
        int weight = integerGroups - 1;
        // strip leading zero groups (moving the weight) and trailing zero groups
        while (!digits.isEmpty() && digits.get(0) == 0) {
            digits.remove(0);
            weight--;
        }
        while (!digits.isEmpty() && digits.get(digits.size() - 1) == 0) {
            digits.remove(digits.size() - 1);
        }
        if (digits.isEmpty()) {
            weight = 0;
        }
        ByteBuffer buffer = ByteBuffer.allocate(8 + 2 * digits.size());
        buffer.putShort((short) digits.size()).putShort((short) weight)
                .putShort((short) (value.signum() < 0 ? 0x4000 : 0)).putShort((short) dscale);
        digits.forEach(buffer::putShort);
        return buffer.array();
    }

    private static byte[] arrayBinary(List<?> list, PgType element) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean hasNull = list.stream().anyMatch(e -> e == null);
        writeInt(out, 1);
        writeInt(out, hasNull ? 1 : 0);
        writeInt(out, element.oid());
        writeInt(out, list.size());
        writeInt(out, 1);
        for (Object value : list) {
            if (value == null) {
                writeInt(out, -1);
            } else {
                byte[] bytes = scalarBinary(value, element);
                writeInt(out, bytes.length);
                out.writeBytes(bytes);
            }
        }
        return out.toByteArray();
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(value).array());
    }
}

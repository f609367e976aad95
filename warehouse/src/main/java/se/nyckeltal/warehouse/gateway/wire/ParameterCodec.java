package se.nyckeltal.warehouse.gateway.wire;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import se.nyckeltal.warehouse.gateway.sql.PgDialect;
import java.util.UUID;

/**
 * Bind parameters from the wire to Java values DuckDB binds: binary values by their declared type,
 * text values parsed for the declared type, or passed as text for DuckDB to cast when the client left
 * the type unspecified (OID 0), as pgjdbc and psqlODBC often do.
 */
public final class ParameterCodec {
    private static final LocalDate PG_EPOCH_DATE = LocalDate.of(2000, 1, 1);
    private static final LocalDateTime PG_EPOCH = PG_EPOCH_DATE.atStartOfDay();
    private static final DateTimeFormatter TIMESTAMP_TEXT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd[[ ]['T']HH:mm[:ss]]")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:mm", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .toFormatter(Locale.ROOT);

    private ParameterCodec() {}

    /**
     * An array parameter ({@code text[]}, {@code int4[]} …, text or binary), bound through DuckDB JDBC's
     * {@code createArrayOf} as a list of {@code duckElement}.
     */
    public record ArrayParameter(String duckElement, List<Object> items) {}

    /**
     * @param format 0 text, 1 binary
     * @param oid the declared type, 0 for unspecified
     * @throws IllegalArgumentException with a message for the client when the value cannot be read
     */
    public static Object decode(byte[] bytes, int format, int oid) {
        if (bytes == null) {
            return null;
        }
        return format == 1 ? binary(bytes, oid) : text(new String(bytes, StandardCharsets.UTF_8), oid);
    }

    private static Object text(String text, int oid) {
        PgType declared = PgType.byOid(oid);
        if (declared != null && declared.isArray() && declared.element() != null) {
            String body = text.strip();
            List<String> items = body.startsWith("{") && body.endsWith("}") ? PgDialect.arrayItems(body) : null;
            if (items == null) {
                throw new IllegalArgumentException("malformed array literal: \"" + text + "\"");
            }
            List<Object> values = new ArrayList<>();
            for (String item : items) {
                values.add(item == null ? null : text(item, declared.element().oid()));
            }
            return new ArrayParameter(duckType(declared.element()), values);
        }
        try {
            return switch (oid) {
                case 16 -> switch (text.strip().toLowerCase(Locale.ROOT)) {
                    case "t", "true", "yes", "on", "1", "y" -> Boolean.TRUE;
                    case "f", "false", "no", "off", "0", "n" -> Boolean.FALSE;
                    default -> throw new IllegalArgumentException("invalid input syntax for type boolean: \"" + text + "\"");
                };
                case 21 -> Short.parseShort(text.strip());
                case 23, 26 -> Integer.parseInt(text.strip());
                case 20 -> Long.parseLong(text.strip());
                case 700 -> Float.parseFloat(text.strip());
                case 701 -> Double.parseDouble(text.strip());
                case 1700 -> new BigDecimal(text.strip());
                case 1082 -> date(text.strip());
                case 1114 -> LocalDateTime.parse(text.strip(), TIMESTAMP_TEXT);
                case 1184 -> timestamptz(text.strip());
                case 1083 -> LocalTime.parse(text.strip());
                case 2950 -> UUID.fromString(text.strip());
                default -> text;
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            PgType type = PgType.byOid(oid);
            throw new IllegalArgumentException("invalid input syntax for type " + (type == null ? oid : type.name())
                    + ": \"" + text + "\"", e);
        }
    }

    /**
     * A date as PostgreSQL's date_in reads what drivers send: {@code 2026-10-31}, pgjdbc's setDate
     * {@code 2026-10-31 +00}, a timestamp or an ISO instant ({@code 2026-10-31T00:00:00.000Z}) — the time
     * and zone after the date are ignored.
     */
    static LocalDate date(String text) {
        if (text.length() > 10 && (text.charAt(10) == ' ' || text.charAt(10) == 'T')) {
            return LocalDate.parse(text.substring(0, 10));
        }
        return LocalDate.parse(text);
    }

    private static OffsetDateTime timestamptz(String text) {
        var parsed = TIMESTAMP_TEXT.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
        return parsed instanceof OffsetDateTime offset ? offset : ((LocalDateTime) parsed).atOffset(ZoneOffset.UTC);
    }

    private static Object binary(byte[] bytes, int oid) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        PgType declared = PgType.byOid(oid);
        if (declared != null && declared.isArray() && declared.element() != null) {
            return arrayBinary(buffer, declared.element());
        }
        try {
            return switch (oid) {
                case 16 -> bytes[0] != 0;
                case 21 -> buffer.getShort();
                case 23, 26 -> buffer.getInt();
                case 20 -> buffer.getLong();
                case 700 -> buffer.getFloat();
                case 701 -> buffer.getDouble();
                case 1700 -> numeric(buffer);
                case 1082 -> PG_EPOCH_DATE.plusDays(buffer.getInt());
                case 1114 -> PG_EPOCH.plusNanos(buffer.getLong() * 1000);
                case 1184 -> PG_EPOCH.plusNanos(buffer.getLong() * 1000).atOffset(ZoneOffset.UTC);
                case 1083 -> LocalTime.ofNanoOfDay(buffer.getLong() * 1000);
                case 2950 -> new UUID(buffer.getLong(), buffer.getLong());
                case 17 -> bytes;
                case 0, 25, 1043, 1042, 19, 705, 114 -> new String(bytes, StandardCharsets.UTF_8);
                default -> throw new IllegalArgumentException("binary parameters of type " + oid
                        + " are not supported; send it as text");
            };
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("binary parameter of type " + oid + " is too short", e);
        }
    }

    /** array_recv: dimensions, a null flag, the element OID, (size, lower bound) per dimension, the elements. */
    private static ArrayParameter arrayBinary(ByteBuffer buffer, PgType element) {
        try {
            int dimensions = buffer.getInt();
            buffer.getInt();
            int elementOid = buffer.getInt();
            if (dimensions > 1) {
                throw new IllegalArgumentException("arrays of more than one dimension are not supported as parameters");
            }
            int size = dimensions == 0 ? 0 : buffer.getInt();
            if (size < 0 || (long) size * 4 > buffer.remaining()) {
                throw new IllegalArgumentException("binary array parameter declares " + size + " elements");
            }
            if (dimensions == 1) {
                buffer.getInt();
            }
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                int length = buffer.getInt();
                if (length < 0) {
                    values.add(null);
                    continue;
                }
                if (length > buffer.remaining()) {
                    throw new IllegalArgumentException("binary array parameter is too short");
                }
                byte[] item = new byte[length];
                buffer.get(item);
                values.add(binary(item, elementOid != 0 ? elementOid : element.oid()));
            }
            return new ArrayParameter(duckType(element), values);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("binary array parameter is too short", e);
        }
    }

    /** DuckDB's name for an element type, for createArrayOf. */
    private static String duckType(PgType element) {
        return switch (element.oid()) {
            case 16 -> "BOOLEAN";
            case 21 -> "SMALLINT";
            case 23, 26 -> "INTEGER";
            case 20 -> "BIGINT";
            case 700 -> "FLOAT";
            case 701 -> "DOUBLE";
            case 1700 -> "DECIMAL(38, 10)";
            case 1082 -> "DATE";
            case 1114 -> "TIMESTAMP";
            case 1184 -> "TIMESTAMPTZ";
            case 2950 -> "UUID";
            default -> "VARCHAR";
        };
    }

    private static BigDecimal numeric(ByteBuffer buffer) {
        int ndigits = buffer.getShort();
        int weight = buffer.getShort();
        int sign = buffer.getShort() & 0xFFFF;
        int dscale = buffer.getShort();
        if (sign == 0xC000) {
            throw new IllegalArgumentException("numeric NaN cannot be bound");
        }
        BigInteger unscaled = BigInteger.ZERO;
        for (int i = 0; i < ndigits; i++) {
            unscaled = unscaled.multiply(BigInteger.valueOf(10000)).add(BigInteger.valueOf(buffer.getShort()));
        }
        // the digits stand for unscaled × 10000^(weight − ndigits + 1)
        BigDecimal value = new BigDecimal(unscaled).scaleByPowerOfTen(4 * (weight - ndigits + 1));
        value = value.setScale(dscale, java.math.RoundingMode.UNNECESSARY);
        return sign == 0x4000 ? value.negate() : value;
    }
}

package se.nyckeltal.warehouse.gateway.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueCodecTest {
    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

    private static String text(Object value, PgType type) {
        return ValueCodec.text(value, ColumnType.of(type), STOCKHOLM);
    }

    @Test
    void textFormsAreWhatPostgresPrints() {
        assertThat(text(true, PgType.BOOL)).isEqualTo("t");
        assertThat(text(new BigDecimal("1234.500000"), PgType.NUMERIC)).isEqualTo("1234.500000");
        assertThat(text(new BigDecimal("1E+3"), PgType.NUMERIC)).isEqualTo("1000");
        assertThat(text(LocalDate.of(2026, 2, 1), PgType.DATE)).isEqualTo("2026-02-01");
        assertThat(text(LocalDateTime.of(2026, 2, 1, 10, 0), PgType.TIMESTAMP)).isEqualTo("2026-02-01 10:00:00");
        assertThat(text(LocalDateTime.of(2026, 2, 1, 10, 0, 0, 250_000_000), PgType.TIMESTAMP))
                .isEqualTo("2026-02-01 10:00:00.25");
        // timestamptz in the session's time zone: 09:00 UTC is 10:00 in Stockholm in winter
        assertThat(text(OffsetDateTime.parse("2026-02-01T09:00:00Z"), PgType.TIMESTAMPTZ))
                .isEqualTo("2026-02-01 10:00:00+01");
        assertThat(text(List.of("a b", "c"), PgType.VARCHAR.array())).isEqualTo("{\"a b\",c}");
    }

    @Test
    void doublesPrintShortestRoundTripLikePostgres12() {
        assertThat(ValueCodec.floatText(0.1, 15)).isEqualTo("0.1");
        assertThat(ValueCodec.floatText(100.0, 15)).isEqualTo("100");
        assertThat(ValueCodec.floatText(1e20, 15)).isEqualTo("1e+20");
        assertThat(ValueCodec.floatText(1.5e-5, 15)).isEqualTo("1.5e-05");
        assertThat(ValueCodec.floatText(-2.25, 15)).isEqualTo("-2.25");
        assertThat(ValueCodec.floatText(123456789012345.0, 15)).isEqualTo("123456789012345");
        assertThat(ValueCodec.floatText(1234567890123456.0, 15)).isEqualTo("1.234567890123456e+15");
        assertThat(ValueCodec.floatText(Double.NaN, 15)).isEqualTo("NaN");
        assertThat(ValueCodec.floatText(Double.NEGATIVE_INFINITY, 15)).isEqualTo("-Infinity");
    }

    @Test
    void numericBinaryIsBase10000DigitsWithWeightAndScale() {
        // 1234.5 at scale 6: digits 1234, 5000; weight 0; dscale 6 (numeric_send)
        assertThat(HexFormat.of().formatHex(ValueCodec.numericBinary(new BigDecimal("1234.500000"))))
                .isEqualTo("0002" + "0000" + "0000" + "0006" + "04d2" + "1388");
        // −0.0001: one digit 1 at weight −1, negative, dscale 4
        assertThat(HexFormat.of().formatHex(ValueCodec.numericBinary(new BigDecimal("-0.0001"))))
                .isEqualTo("0001" + "ffff" + "4000" + "0004" + "0001");
        // 10000000: 1000, 0000 → trailing zero group dropped, weight 1
        assertThat(HexFormat.of().formatHex(ValueCodec.numericBinary(new BigDecimal("10000000"))))
                .isEqualTo("0001" + "0001" + "0000" + "0000" + "03e8");
        assertThat(HexFormat.of().formatHex(ValueCodec.numericBinary(BigDecimal.ZERO))).isEqualTo("0000000000000000");
    }

    @Test
    void binaryNumericAndDatesReadBackThroughTheParameterCodec() {
        for (String number : List.of("1234.500000", "-0.0001", "10000000", "0", "99999999999999999999.123456")) {
            byte[] wire = ValueCodec.binary(new BigDecimal(number), ColumnType.of(PgType.NUMERIC));
            assertThat(ParameterCodec.decode(wire, 1, PgType.NUMERIC.oid())).isEqualTo(new BigDecimal(number));
        }
        byte[] day = ValueCodec.binary(LocalDate.of(2026, 3, 31), ColumnType.of(PgType.DATE));
        assertThat(ByteBuffer.wrap(day).getInt()).isEqualTo(9586);
        assertThat(ParameterCodec.decode(day, 1, PgType.DATE.oid())).isEqualTo(LocalDate.of(2026, 3, 31));
        LocalDateTime stamp = LocalDateTime.of(2026, 3, 31, 23, 59, 58, 123_456_000);
        byte[] wire = ValueCodec.binary(stamp, ColumnType.of(PgType.TIMESTAMP));
        assertThat(ParameterCodec.decode(wire, 1, PgType.TIMESTAMP.oid())).isEqualTo(stamp);
        byte[] ints = ValueCodec.binary(Arrays.asList(1, null, 3), ColumnType.of(PgType.INT4.array()));
        assertThat(ByteBuffer.wrap(ints).getInt(8)).isEqualTo(23);
    }

    @Test
    void duckDbTypesMapToPostgresTypesAndModifiers() {
        assertThat(ColumnType.ofDuckDb("DECIMAL(38,6)")).isEqualTo(new ColumnType(PgType.NUMERIC, (38 << 16 | 6) + 4));
        assertThat(ColumnType.ofDuckDb("VARCHAR").type()).isEqualTo(PgType.VARCHAR);
        assertThat(ColumnType.ofDuckDb("TIMESTAMP WITH TIME ZONE").type()).isEqualTo(PgType.TIMESTAMPTZ);
        assertThat(ColumnType.ofDuckDb("HUGEINT").type()).isEqualTo(PgType.NUMERIC);
        assertThat(ColumnType.ofDuckDb("INTEGER[]").type().oid()).isEqualTo(1007);
        assertThat(ColumnType.ofDuckDb("STRUCT(a INTEGER)").type()).isEqualTo(PgType.TEXT);
        assertThat(ColumnType.ofDuckDb("STRUCT(a INTEGER)[]").type()).isEqualTo(PgType.TEXT);
    }
}

package se.nyckeltal.schemas.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** SPEC §3 number rules and the §9 decimal-comma trap: every value is read exactly, never guessed. */
class DecimalTextTest {

    @Test
    void decimalCommaIsTheDecimalMark() {
        BigDecimal value = DecimalText.parse("-1234,50");

        // Spark's default locale reads this as -123450.00 (SPEC §9); we must not.
        assertThat(value).isEqualTo(new BigDecimal("-1234.50"));
        assertThat(value.scale()).isEqualTo(2);
    }

    @Test
    void decimalDotIsTheDecimalMarkWhenThereIsNoComma() {
        assertThat(DecimalText.parse("1234.50")).isEqualTo(new BigDecimal("1234.50"));
    }

    @Test
    void spaceSeparatesThousands() {
        assertThat(DecimalText.parse("1 234 567,89")).isEqualTo(new BigDecimal("1234567.89"));
    }

    @Test
    void noBreakSpaceSeparatesThousands() {
        assertThat(DecimalText.parse("1\u00A0234\u00A0567,89")).isEqualTo(new BigDecimal("1234567.89"));
    }

    @Test
    void narrowNoBreakSpaceSeparatesThousands() {
        assertThat(DecimalText.parse("1\u202F234\u202F567,89")).isEqualTo(new BigDecimal("1234567.89"));
    }

    @Test
    void spaceThousandsWorkWithADecimalDotToo() {
        assertThat(DecimalText.parse("1 234 567.89")).isEqualTo(new BigDecimal("1234567.89"));
    }

    @Test
    void dotSeparatesThousandsWhenTheDecimalMarkIsAComma() {
        assertThat(DecimalText.parse("1.234.567,89")).isEqualTo(new BigDecimal("1234567.89"));
    }

    @Test
    void unicodeMinusSignIsAMinus() {
        // U+2212 is what Java's sv-SE locale and Swedish Excel write (SPEC §9).
        assertThat(DecimalText.parse("\u22121 234,5")).isEqualTo(new BigDecimal("-1234.5"));
    }

    @Test
    void leadingPlusIsAccepted() {
        assertThat(DecimalText.parse("+12")).isEqualTo(new BigDecimal("12"));
    }

    @Test
    void surroundingWhiteSpaceIsIgnored() {
        assertThat(DecimalText.parse("  -12,5 ")).isEqualTo(new BigDecimal("-12.5"));
    }

    @Test
    void surroundingNoBreakSpaceIsIgnored() {
        // Spreadsheet exports pad formatted cells with U+00A0, which String.strip() keeps.
        assertThat(DecimalText.parse("\u00A01 234,50\u00A0")).isEqualTo(new BigDecimal("1234.50"));
    }

    @Test
    void wholeNumbersKeepScaleZero() {
        assertThat(DecimalText.parse("1725")).isEqualTo(new BigDecimal("1725"));
        assertThat(DecimalText.parse("1725").scale()).isZero();
    }

    @Test
    void veryLargeValuesKeepEveryDigit() {
        // 30 integer digits and 12 decimals: a double would keep about 17 significant digits.
        BigDecimal value = DecimalText.parse("−123 456 789 012 345 678 901 234 567 890,123456789012");

        assertThat(value).isEqualTo(new BigDecimal("-123456789012345678901234567890.123456789012"));
        assertThat(value.toPlainString()).isEqualTo("-123456789012345678901234567890.123456789012");
    }

    @Test
    void smallFractionsAreExact() {
        // 0,1 has no exact double; 0.1 + 0.2 style drift must not appear.
        assertThat(DecimalText.parse("0,1").add(DecimalText.parse("0,2"))).isEqualTo(new BigDecimal("0.3"));
    }

    @Test
    void dotsWithoutACommaDecimalAreRejected() {
        assertThatThrownBy(() -> DecimalText.parse("1.234.567"))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("'1.234.567' is not a number")
                .hasMessageContaining("only allowed with a decimal comma");
    }

    @Test
    void englishThousandsCommaWithDecimalDotIsRejected() {
        assertThatThrownBy(() -> DecimalText.parse("1,234.50"))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("'1,234.50' is not a number")
                .hasMessageContaining("dot after the decimal comma");
    }

    @Test
    void twoDecimalCommasAreRejected() {
        assertThatThrownBy(() -> DecimalText.parse("12,3,4"))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("'12,3,4' is not a number")
                .hasMessageContaining("more than one decimal comma");
    }

    @Test
    void thousandsGroupsMustHaveThreeDigits() {
        assertThatThrownBy(() -> DecimalText.parse("1 23 4"))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("'1 23 4' is not a number")
                .hasMessageContaining("groups of three");
    }

    @Test
    void firstThousandsGroupMayNotHaveMoreThanThreeDigits() {
        assertThatThrownBy(() -> DecimalText.parse("1234 567"))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("groups of three");
    }

    @Test
    void mixedThousandsSeparatorsAreRejected() {
        assertThatThrownBy(() -> DecimalText.parse("1 234.567,89"))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("mixes different thousands separators");
    }

    @Test
    void lettersAreRejected() {
        assertThatThrownBy(() -> DecimalText.parse("12a"))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("'12a' is not a number")
                .hasMessageContaining("'a' is not allowed");
    }

    @Test
    void exponentNotationIsRejected() {
        assertThatThrownBy(() -> DecimalText.parse("1E5"))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("'E' is not allowed");
    }

    @Test
    void missingIntegerDigitsAreRejected() {
        assertThatThrownBy(() -> DecimalText.parse(",5"))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("',5' is not a number")
                .hasMessageContaining("no digits before the decimal mark");
    }

    @Test
    void missingDecimalsAfterTheMarkAreRejected() {
        assertThatThrownBy(() -> DecimalText.parse("12,"))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("'12,' is not a number")
                .hasMessageContaining("digits after the decimal mark");
    }

    @Test
    void emptyTextIsRejected() {
        assertThatThrownBy(() -> DecimalText.parse(""))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> DecimalText.parse("   "))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> DecimalText.parse(null))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void aSignAloneIsRejected() {
        assertThatThrownBy(() -> DecimalText.parse("-"))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("'-' is not a number")
                .hasMessageContaining("sign but no digits");
    }

    @Test
    void aDoubleSignIsRejected() {
        assertThatThrownBy(() -> DecimalText.parse("--12"))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("'-' is not allowed");
    }

    @Test
    void rejectionMessagesShowHowToWriteTheNumber() {
        assertThatThrownBy(() -> DecimalText.parse("12a"))
                .hasMessageContaining("write e.g. -1234,50 or 1 234,50 or -1234.50");
    }
}

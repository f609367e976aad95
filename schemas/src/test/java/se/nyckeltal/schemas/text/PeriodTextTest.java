package se.nyckeltal.schemas.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/** SPEC §3: periods as YYYYMM, YYYY-MM or a date YYYY-MM-DD. */
class PeriodTextTest {
    private static final String ALLOWED_FORMS = "write YYYYMM, YYYY-MM or YYYY-MM-DD";

    @Test
    void sixDigitsAreYearAndMonth() {
        assertThat(PeriodText.parsePeriod("202403")).isEqualTo(YearMonth.of(2024, 3));
    }

    @Test
    void yearDashMonthIsAPeriod() {
        assertThat(PeriodText.parsePeriod("2024-03")).isEqualTo(YearMonth.of(2024, 3));
    }

    @Test
    void aDateIsReadAsItsMonth() {
        assertThat(PeriodText.parsePeriod("2024-03-31")).isEqualTo(YearMonth.of(2024, 3));
    }

    @Test
    void surroundingWhiteSpaceIsIgnored() {
        assertThat(PeriodText.parsePeriod(" 202412 ")).isEqualTo(YearMonth.of(2024, 12));
    }

    @Test
    void monthThirteenIsRejectedNamingTheAllowedForms() {
        assertThatThrownBy(() -> PeriodText.parsePeriod("2024-13"))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("'2024-13' is not a period")
                .hasMessageContaining(ALLOWED_FORMS);
    }

    @Test
    void monthZeroIsRejected() {
        assertThatThrownBy(() -> PeriodText.parsePeriod("202400"))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining(ALLOWED_FORMS);
    }

    @Test
    void fiveDigitsAreRejectedNamingTheAllowedForms() {
        assertThatThrownBy(() -> PeriodText.parsePeriod("20241"))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("'20241' is not a period")
                .hasMessageContaining(ALLOWED_FORMS);
    }

    @Test
    void slashSeparatorIsRejectedNamingTheAllowedForms() {
        assertThatThrownBy(() -> PeriodText.parsePeriod("2024/03"))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("'2024/03' is not a period")
                .hasMessageContaining(ALLOWED_FORMS);
    }

    @Test
    void impossibleDateIsRejectedAsAPeriodNamingTheAllowedForms() {
        // The period column must explain the period forms, not only the date form.
        assertThatThrownBy(() -> PeriodText.parsePeriod("2024-02-30"))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("'2024-02-30' is not a period")
                .hasMessageContaining(ALLOWED_FORMS);
    }

    @Test
    void tenCharactersThatAreNotADateAreRejectedAsAPeriod() {
        assertThatThrownBy(() -> PeriodText.parsePeriod("2024/03/31"))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("'2024/03/31' is not a period")
                .hasMessageContaining(ALLOWED_FORMS);
    }

    @Test
    void lettersAreRejectedNamingTheAllowedForms() {
        assertThatThrownBy(() -> PeriodText.parsePeriod("abc"))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("'abc' is not a period")
                .hasMessageContaining(ALLOWED_FORMS);
    }

    @Test
    void emptyPeriodIsRejected() {
        assertThatThrownBy(() -> PeriodText.parsePeriod(""))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining(ALLOWED_FORMS);
        assertThatThrownBy(() -> PeriodText.parsePeriod(null))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining(ALLOWED_FORMS);
    }

    @Test
    void implausibleYearIsRejected() {
        assertThatThrownBy(() -> PeriodText.parsePeriod("180003"))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("implausible year 1800");
    }

    @Test
    void dateIsYearDashMonthDashDay() {
        assertThat(PeriodText.parseDate("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
    }

    @Test
    void impossibleDateIsRejected() {
        assertThatThrownBy(() -> PeriodText.parseDate("2023-02-29"))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("'2023-02-29' is not a date")
                .hasMessageContaining("YYYY-MM-DD");
    }

    @Test
    void dateWithoutLeadingZerosIsRejected() {
        assertThatThrownBy(() -> PeriodText.parseDate("2024-3-1"))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("is not a date");
    }

    @Test
    void yyyymmIsYearTimesHundredPlusMonth() {
        assertThat(PeriodText.yyyymm(YearMonth.of(2024, 3))).isEqualTo(202403);
        assertThat(PeriodText.yyyymm(YearMonth.of(2023, 12))).isEqualTo(202312);
    }

    @Test
    void yyyymmRoundTrips() {
        for (YearMonth month = YearMonth.of(2023, 11); month.isBefore(YearMonth.of(2024, 3)); month = month.plusMonths(1)) {
            assertThat(PeriodText.fromYyyymm(PeriodText.yyyymm(month))).isEqualTo(month);
        }
        assertThat(PeriodText.fromYyyymm(202401)).isEqualTo(YearMonth.of(2024, 1));
    }
}

package se.nyckeltal.warehouse.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.nyckeltal.warehouse.report.SummarySentences.ProductionChange;

/** "Perioden i siffror", sentence by sentence, for hand-worked figures (the seed's March 2024 where it gives them). */
class SummarySentencesTest {
    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Test
    void productionAgainstLastYearWithSignsAndDecimalCommas() {
        // Seed: läkarbesök 81 294 vs 81 370 = -0,093 %; övriga 97 249 vs 94 790 = +2,594 %; operationer 6 778 vs 6 787.
        assertThat(SummarySentences.production(List.of(new ProductionChange("läkarbesök", d("-0.0934")),
                new ProductionChange("besök övriga yrkesgrupper", d("2.5942")),
                new ProductionChange("operationer", d("-0.1326"))))).contains(
                "Produktion jämfört med föregående år: Läkarbesök -0,1 %, besök övriga yrkesgrupper +2,6 %,"
                        + " operationer -0,1 %.");
    }

    @Test
    void zeroChangeHasNoSignAndAMissingComparisonIsSaid() {
        assertThat(SummarySentences.production(List.of(new ProductionChange("läkarbesök", d("0.04")),
                new ProductionChange("operationer", null)))).contains(
                "Produktion jämfört med föregående år: Läkarbesök 0,0 %, operationer (ingen jämförelse med föregående år).");
    }

    @Test
    void sickLeaveDecreaseIncreaseZeroChangeAndMissingComparison() {
        assertThat(SummarySentences.sickLeave(d("8.1"), d("8.2"), false)).contains("Lägre sjukfrånvaro 8,1 % (8,2 %).");
        assertThat(SummarySentences.sickLeave(d("5.0"), d("0"), false)).contains("Högre sjukfrånvaro 5,0 % (0,0 %).");
        // 8,12 and 8,08 both print as 8,1: the reader sees no change, so the sentence says none.
        assertThat(SummarySentences.sickLeave(d("8.12"), d("8.08"), false)).contains("Oförändrad sjukfrånvaro 8,1 % (8,1 %).");
        assertThat(SummarySentences.sickLeave(d("8.1"), null, false))
                .contains("Sjukfrånvaro 8,1 % (ingen jämförelse med föregående år).");
        assertThat(SummarySentences.sickLeave(null, null, true))
                .contains("Sjukfrånvaron redovisas inte: gruppen har högst 10 anställda (*).");
    }

    @Test
    void bedOccupancyUnchangedHigherLowerAndWithoutLastYear() {
        assertThat(SummarySentences.bedOccupancy(d("95.2"), d("94.6"))).contains(
                "Beläggningsgrad oförändrad mot föregående år, 95 %.");
        assertThat(SummarySentences.bedOccupancy(d("97"), d("95"))).contains("Högre beläggningsgrad 97 % (95 %).");
        assertThat(SummarySentences.bedOccupancy(d("90"), d("95"))).contains("Lägre beläggningsgrad 90 % (95 %).");
        assertThat(SummarySentences.bedOccupancy(d("90"), null)).contains(
                "Beläggningsgrad 90 % (ingen jämförelse med föregående år).");
        assertThat(SummarySentences.bedOccupancy(null, d("90"))).isEmpty();
    }

    @Test
    void fteChangeAccumulatedAndForTheMonth() {
        // Seed: 5 127 årsarbetare ack mars against 5 112: +15.
        assertThat(SummarySentences.fteChange(d("5127.3").subtract(d("5112.1")), d("-8.4"), 202403)).contains(
                "Förändring arbetad tid motsvarande årsarbete, +15 ack mars (-8 i mars).");
        assertThat(SummarySentences.fteChange(d("0.3"), d("0.3"), 202401)).contains(
                "Förändring arbetad tid motsvarande årsarbete, 0 ack januari.");
        assertThat(SummarySentences.fteChange(null, null, 202403)).isEmpty();
    }

    @Test
    void resultAgainstBudgetAndLastYearInMnkr() {
        // Seed: -321 mnkr accumulated March; budget -24 → 297 worse; last year -260 → 61 worse.
        assertThat(SummarySentences.result(d("-321000000"), d("-24000000"), d("-260000000"), 202403, 0)).contains(
                "Resultat ackumulerat sista mars -321 mnkr, 297 mnkr sämre än budget och 61 mnkr sämre än föregående år.");
        assertThat(SummarySentences.result(d("12400000"), d("12000000"), d("12600000"), 202402, 1)).contains(
                "Resultat ackumulerat sista februari 12,4 mnkr, 0,4 mnkr bättre än budget och 0,2 mnkr sämre än"
                        + " föregående år.");
        assertThat(SummarySentences.result(d("-5000000"), d("-5200000"), null, 202402, 0)).contains(
                "Resultat ackumulerat sista februari -5 mnkr, i nivå med budget.");
        assertThat(SummarySentences.result(d("-5000000"), null, null, 202402, 0)).contains(
                "Resultat ackumulerat sista februari -5 mnkr (ingen budget eller jämförelse med föregående år).");
    }

    @Test
    void costDevelopmentWithLastMonthsAccumulatedFigure() {
        assertThat(SummarySentences.costDevelopment("Bruttokostnadsutveckling", d("6.08"), d("7.14"), 202403)).contains(
                "Bruttokostnadsutveckling 6,1 % (7,1 % ack februari).");
        assertThat(SummarySentences.costDevelopment("Bruttokostnadsutveckling", d("-2.0"), d("1"), 202401)).contains(
                "Bruttokostnadsutveckling -2,0 %.");
        assertThat(SummarySentences.costDevelopment("Nettokostnadsutveckling", null, null, 202403)).contains(
                "Nettokostnadsutveckling: ingen jämförelse med föregående år.");
    }

    @Test
    void forecastWithAndWithoutTheMonthItWasMade() {
        assertThat(SummarySentences.forecast(d("-1180000000"), 202402, 0)).contains("Prognos från februari, -1 180 mnkr.");
        assertThat(SummarySentences.forecast(d("-1180000000"), null, 0)).contains("Prognos för helåret, -1 180 mnkr.");
        assertThat(SummarySentences.forecast(null, null, 0)).isEmpty();
    }
}

package se.nyckeltal.warehouse.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import se.nyckeltal.warehouse.report.SummarySentences.ProductionChange;

/** "Perioden i siffror", sentence by sentence, for hand-worked figures (the seed's March 2024 where it gives them). */
class SummarySentencesTest {
    /** A figure of kpi.kpi_values (value of the total's ytd March 2024 row) with the given value; null = no value. */
    private static Figure f(String value) {
        return f("value", value);
    }

    private static Figure f(String measure, String value) {
        return new Figure("k", "total", "TOTAL", 202403, "ytd", measure, null, value == null ? null : new BigDecimal(value), "",
                false);
    }

    private static Optional<String> text(Optional<Sentence> sentence) {
        return sentence.map(Sentence::text);
    }

    @Test
    void productionAgainstLastYearWithSignsAndDecimalCommas() {
        // Seed: läkarbesök 81 294 vs 81 370 = -0,093 %; övriga 97 249 vs 94 790 = +2,594 %; operationer 6 778 vs 6 787.
        assertThat(text(SummarySentences.production(List.of(new ProductionChange("läkarbesök", f("-0.0934")),
                new ProductionChange("besök övriga yrkesgrupper", f("2.5942")),
                new ProductionChange("operationer", f("-0.1326")))))).contains(
                "Produktion jämfört med föregående år: Läkarbesök -0,1 %, besök övriga yrkesgrupper +2,6 %,"
                        + " operationer -0,1 %.");
    }

    @Test
    void zeroChangeHasNoSignAndAMissingComparisonIsSaid() {
        assertThat(text(SummarySentences.production(List.of(new ProductionChange("läkarbesök", f("0.04")),
                new ProductionChange("operationer", null))))).contains(
                "Produktion jämfört med föregående år: Läkarbesök 0,0 %, operationer (ingen jämförelse med föregående år).");
    }

    @Test
    void sickLeaveDecreaseIncreaseZeroChangeAndMissingComparison() {
        assertThat(text(SummarySentences.sickLeave(f("8.1"), f("8.2"), false))).contains("Lägre sjukfrånvaro 8,1 % (8,2 %).");
        assertThat(text(SummarySentences.sickLeave(f("5.0"), f("0"), false))).contains("Högre sjukfrånvaro 5,0 % (0,0 %).");
        // 8,12 and 8,08 both print as 8,1: the reader sees no change, so the sentence says none.
        assertThat(text(SummarySentences.sickLeave(f("8.12"), f("8.08"), false)))
                .contains("Oförändrad sjukfrånvaro 8,1 % (8,1 %).");
        assertThat(text(SummarySentences.sickLeave(f("8.1"), f(null), false)))
                .contains("Sjukfrånvaro 8,1 % (ingen jämförelse med föregående år).");
        assertThat(text(SummarySentences.sickLeave(f(null), f(null), true)))
                .contains("Sjukfrånvaron redovisas inte (sekretess): gruppen har högst 10 anställda, eller siffran skulle avslöja"
                        + " en sådan grupp (*).");
    }

    @Test
    void bedOccupancyUnchangedHigherLowerAndWithoutLastYear() {
        assertThat(text(SummarySentences.bedOccupancy(f("95.2"), f("94.6")))).contains(
                "Beläggningsgrad oförändrad mot föregående år, 95 %.");
        assertThat(text(SummarySentences.bedOccupancy(f("97"), f("95")))).contains("Högre beläggningsgrad 97 % (95 %).");
        assertThat(text(SummarySentences.bedOccupancy(f("90"), f("95")))).contains("Lägre beläggningsgrad 90 % (95 %).");
        assertThat(text(SummarySentences.bedOccupancy(f("90"), f(null)))).contains(
                "Beläggningsgrad 90 % (ingen jämförelse med föregående år).");
        assertThat(text(SummarySentences.bedOccupancy(f(null), f("90")))).isEmpty();
    }

    @Test
    void fteChangeAccumulatedAndForTheMonth() {
        // Seed: 5 127 årsarbetare ack mars against 5 112: +15.
        assertThat(text(SummarySentences.fteChange(f("5127.3").minus(f("previous_year_value", "5112.1")), f("-8.4"), 202403))).contains(
                "Förändring arbetad tid motsvarande årsarbete, +15 ack mars (-8 i mars).");
        assertThat(text(SummarySentences.fteChange(f("0.3"), f("0.3"), 202401))).contains(
                "Förändring arbetad tid motsvarande årsarbete, 0 ack januari.");
        assertThat(text(SummarySentences.fteChange(f(null), null, 202403))).isEmpty();
    }

    @Test
    void resultAgainstBudgetAndLastYearInMnkr() {
        // Seed: -321 mnkr accumulated March; budget -24 → 297 worse; last year -260 → 61 worse.
        assertThat(text(SummarySentences.result(f("-321000000"), f("budget_value", "-24000000"),
                f("previous_year_value", "-260000000"), 202403, 0))).contains(
                "Resultat ackumulerat sista mars -321 mnkr, 297 mnkr sämre än budget och 61 mnkr sämre än föregående år.");
        assertThat(text(SummarySentences.result(f("12400000"), f("12000000"), f("12600000"), 202402, 1))).contains(
                "Resultat ackumulerat sista februari 12,4 mnkr, 0,4 mnkr bättre än budget och 0,2 mnkr sämre än"
                        + " föregående år.");
        assertThat(text(SummarySentences.result(f("-5000000"), f("-5200000"), f(null), 202402, 0))).contains(
                "Resultat ackumulerat sista februari -5 mnkr, i nivå med budget.");
        assertThat(text(SummarySentences.result(f("-5000000"), f(null), f(null), 202402, 0))).contains(
                "Resultat ackumulerat sista februari -5 mnkr (ingen budget eller jämförelse med föregående år).");
    }

    @Test
    void everyNumberOfASentenceIsAFigureWithItsSourceAndUnroundedValue() {
        Sentence sentence = SummarySentences.result(f("-321040000"), f("budget_value", "-24000000"),
                f("previous_year_value", "-260000000"), 202403, 0).orElseThrow();
        // The differences have no column of their own: their measure names the two columns, value − comparison.
        assertThat(sentence.figures()).extracting(Figure::measure, Figure::dataValue, Figure::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple("value", "-321040000", "-321"),
                org.assertj.core.groups.Tuple.tuple("value-budget_value", "-297040000", "297"),
                org.assertj.core.groups.Tuple.tuple("value-previous_year_value", "-61040000", "61"));
        assertThat(SummarySentences.sickLeave(f("8.1"), f("previous_year_value", "8.2"), false).orElseThrow().figures())
                .extracting(Figure::measure, Figure::text).containsExactly(org.assertj.core.groups.Tuple.tuple("value", "8,1"),
                        org.assertj.core.groups.Tuple.tuple("previous_year_value", "8,2"));
    }

    @Test
    void costDevelopmentWithLastMonthsAccumulatedFigure() {
        assertThat(text(SummarySentences.costDevelopment("Bruttokostnadsutveckling", f("6.08"), f("7.14"), 202403))).contains(
                "Bruttokostnadsutveckling 6,1 % (7,1 % ack februari).");
        assertThat(text(SummarySentences.costDevelopment("Bruttokostnadsutveckling", f("-2.0"), f("1"), 202401))).contains(
                "Bruttokostnadsutveckling -2,0 %.");
        assertThat(text(SummarySentences.costDevelopment("Nettokostnadsutveckling", null, null, 202403))).contains(
                "Nettokostnadsutveckling: ingen jämförelse med föregående år.");
    }

    @Test
    void forecastWithAndWithoutTheMonthItWasMade() {
        assertThat(text(SummarySentences.forecast(f("-1180000000"), 202402, 0))).contains("Prognos från februari, -1 180 mnkr.");
        assertThat(text(SummarySentences.forecast(f("-1180000000"), null, 0))).contains("Prognos för helåret, -1 180 mnkr.");
        assertThat(text(SummarySentences.forecast(null, null, 0))).isEmpty();
    }
}

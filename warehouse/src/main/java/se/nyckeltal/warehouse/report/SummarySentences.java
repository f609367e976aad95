package se.nyckeltal.warehouse.report;

import static se.nyckeltal.warehouse.report.SwedishFormat.mnkr;
import static se.nyckeltal.warehouse.report.SwedishFormat.number;
import static se.nyckeltal.warehouse.report.SwedishFormat.sameRounded;
import static se.nyckeltal.warehouse.report.SwedishFormat.signed;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bullets of "Perioden i siffror", written from KPI values in the månadsrapport's style: one
 * sentence per subject, signs, decimal commas, {@code mnkr} and {@code %} as the seed writes them
 * ("Lägre sjukfrånvaro 8,1 % (8,2 %)"). A missing comparison is said, never shown as zero. Every number
 * is a {@link Figure} of the catalogue (a difference of two columns of one row where the seed writes one,
 * see {@link Figure#minus}), so the HTML traces it like a table's figure.
 */
final class SummarySentences {
    private SummarySentences() {}

    /** One production line against last year: its name as the sentence says it and its deviation in %. */
    record ProductionChange(String name, Figure deviationPreviousYearPct) {}

    /** "Produktion jämfört med föregående år: Läkarbesök -0,1 %, besök övriga yrkesgrupper +2,6 %, operationer 0,0 %." */
    static Optional<Sentence> production(List<ProductionChange> changes) {
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        Sentence.Builder sentence = Sentence.builder().text("Produktion jämfört med föregående år: ");
        for (int i = 0; i < changes.size(); i++) {
            ProductionChange change = changes.get(i);
            sentence.text((i == 0 ? capitalise(change.name()) : ", " + change.name()) + " ");
            Figure deviation = change.deviationPreviousYearPct();
            if (deviation == null || deviation.value() == null) {
                sentence.text("(ingen jämförelse med föregående år)");
            } else {
                sentence.figure(deviation, signed(deviation.value(), 1)).text(" %");
            }
        }
        return Optional.of(sentence.text(".").build());
    }

    /** "Beläggningsgrad oförändrad mot föregående år, 95 %." — compared in whole per cent, as printed. */
    static Optional<Sentence> bedOccupancy(Figure value, Figure previousYear) {
        if (value.value() == null) {
            return Optional.empty();
        }
        if (previousYear.value() == null) {
            return Optional.of(Sentence.builder().text("Beläggningsgrad ").figure(value, number(value.value(), 0))
                    .text(" % (ingen jämförelse med föregående år).").build());
        }
        if (sameRounded(value.value(), previousYear.value(), 0)) {
            return Optional.of(Sentence.builder().text("Beläggningsgrad oförändrad mot föregående år, ")
                    .figure(value, number(value.value(), 0)).text(" %.").build());
        }
        String direction = value.value().compareTo(previousYear.value()) > 0 ? "Högre" : "Lägre";
        return Optional.of(Sentence.builder().text(direction + " beläggningsgrad ").figure(value, number(value.value(), 0))
                .text(" % (").figure(previousYear, number(previousYear.value(), 0)).text(" %).").build());
    }

    static final String SICK_LEAVE_SUPPRESSED = "Sjukfrånvaron redovisas inte (sekretess): gruppen har högst 10"
            + " anställda, eller siffran skulle avslöja en sådan grupp (*).";

    /** "Lägre sjukfrånvaro 8,1 % (8,2 %)": this year, last year in parentheses; compared with one decimal. */
    static Optional<Sentence> sickLeave(Figure value, Figure previousYear, boolean suppressed) {
        if (suppressed) {
            return Optional.of(Sentence.builder().text(SICK_LEAVE_SUPPRESSED).build());
        }
        if (value.value() == null) {
            return Optional.empty();
        }
        String now = number(value.value(), 1);
        if (previousYear.value() == null) {
            return Optional.of(Sentence.builder().text("Sjukfrånvaro ").figure(value, now)
                    .text(" % (ingen jämförelse med föregående år).").build());
        }
        String opening = sameRounded(value.value(), previousYear.value(), 1) ? "Oförändrad"
                : value.value().compareTo(previousYear.value()) > 0 ? "Högre" : "Lägre";
        return Optional.of(Sentence.builder().text(opening + " sjukfrånvaro ").figure(value, now).text(" % (")
                .figure(previousYear, number(previousYear.value(), 1)).text(" %).").build());
    }

    /**
     * "Förändring arbetad tid motsvarande årsarbete, +15 ack mars (+8 i mars)." — the change in årsarbetare
     * against the same window last year, accumulated and for the month alone: each the fte KPI's value minus its
     * previous_year_value (null figures where the KPI has no row).
     */
    static Optional<Sentence> fteChange(Figure ytdChange, Figure monthChange, int period) {
        String month = SwedishFormat.monthName(period);
        boolean ytd = ytdChange != null && ytdChange.value() != null;
        boolean single = monthChange != null && monthChange.value() != null;
        if (!ytd && !single) {
            return Optional.empty();
        }
        Sentence.Builder sentence = Sentence.builder().text("Förändring arbetad tid motsvarande årsarbete, ");
        if (!ytd) {
            return Optional.of(sentence.figure(monthChange, signed(monthChange.value(), 0)).text(" i " + month
                    + " (ingen ackumulerad jämförelse med föregående år).").build());
        }
        sentence.figure(ytdChange, signed(ytdChange.value(), 0)).text(" ack " + month);
        if (single && period % 100 != 1) {
            sentence.text(" (").figure(monthChange, signed(monthChange.value(), 0)).text(" i " + month + ")");
        }
        return Optional.of(sentence.text(".").build());
    }

    /**
     * "Resultat ackumulerat sista mars -321 mnkr, 297 mnkr sämre än budget och 61 mnkr sämre än föregående år."
     * Amounts in kronor; {@code decimals} of mnkr (0 for a whole administration, 1 for an area or a unit).
     */
    static Optional<Sentence> result(Figure value, Figure budget, Figure previousYear, int period, int decimals) {
        if (value.value() == null) {
            return Optional.empty();
        }
        Sentence.Builder sentence = Sentence.builder().text("Resultat ackumulerat sista " + SwedishFormat.monthName(period)
                + " ").figure(value, mnkr(value.value(), decimals)).text(" mnkr");
        List<Figure> comparisons = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (budget.value() != null) {
            comparisons.add(budget);
            names.add("budget");
        }
        if (previousYear.value() != null) {
            comparisons.add(previousYear);
            names.add("föregående år");
        }
        for (int i = 0; i < comparisons.size(); i++) {
            sentence.text(i == 0 ? ", " : " och ");
            Figure difference = value.minus(comparisons.get(i));
            BigDecimal shown = SwedishFormat.toMnkr(difference.value()).setScale(decimals, RoundingMode.HALF_UP);
            if (shown.signum() == 0) {
                sentence.text("i nivå med " + names.get(i));
            } else {
                sentence.figure(difference, mnkr(difference.value().abs(), decimals)).text(" mnkr "
                        + (difference.value().signum() > 0 ? "bättre" : "sämre") + " än " + names.get(i));
            }
        }
        if (comparisons.isEmpty()) {
            sentence.text(" (ingen budget eller jämförelse med föregående år)");
        }
        return Optional.of(sentence.text(".").build());
    }

    /**
     * "Bruttokostnadsutveckling 6,1 % (7,1 % ack februari)." — with the previous month's accumulated figure
     * when it is of the same year.
     */
    static Optional<Sentence> costDevelopment(String name, Figure value, Figure previousMonthYtd, int period) {
        if (value == null || value.value() == null) {
            return Optional.of(Sentence.builder().text(name + ": ingen jämförelse med föregående år.").build());
        }
        Sentence.Builder sentence = Sentence.builder().text(name + " ").figure(value, number(value.value(), 1)).text(" %");
        if (previousMonthYtd != null && previousMonthYtd.value() != null && period % 100 != 1) {
            sentence.text(" (").figure(previousMonthYtd, number(previousMonthYtd.value(), 1)).text(" % ack "
                    + SwedishFormat.monthName(SwedishFormat.previousPeriod(period)) + ")");
        }
        return Optional.of(sentence.text(".").build());
    }

    /** "Prognos från februari, -1 180 mnkr." or, without a forecast month, "Prognos för helåret, -1 180 mnkr." */
    static Optional<Sentence> forecast(Figure fullYear, Integer madeInPeriod, int decimals) {
        if (fullYear == null || fullYear.value() == null) {
            return Optional.empty();
        }
        String from = madeInPeriod == null ? "för helåret" : "från " + SwedishFormat.monthName(madeInPeriod);
        return Optional.of(Sentence.builder().text("Prognos " + from + ", ").figure(fullYear, mnkr(fullYear.value(),
                decimals)).text(" mnkr.").build());
    }

    /** "3 av 5 indikatorer visar positiv utveckling jämfört med föregående år." (counts of indicators, no KPI figure) */
    static Optional<Sentence> indicators(int positive, int withTrend) {
        if (withTrend == 0) {
            return Optional.empty();
        }
        return Optional.of(Sentence.builder().text(positive + " av " + withTrend + (withTrend == 1 ? " indikator visar"
                : " indikatorer visar") + " positiv utveckling jämfört med föregående år.").build());
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}

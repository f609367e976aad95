package se.nyckeltal.warehouse.report;

import static se.nyckeltal.warehouse.report.SwedishFormat.mnkr;
import static se.nyckeltal.warehouse.report.SwedishFormat.number;
import static se.nyckeltal.warehouse.report.SwedishFormat.sameRounded;
import static se.nyckeltal.warehouse.report.SwedishFormat.signed;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bullets of "Perioden i siffror", written from KPI values in the månadsrapport's style: one
 * sentence per subject, signs, decimal commas, {@code mnkr} and {@code %} as the seed writes them
 * ("Lägre sjukfrånvaro 8,1 % (8,2 %)"). A missing comparison is said, never shown as zero.
 */
final class SummarySentences {
    private SummarySentences() {}

    /** One production line against last year: its name as the sentence says it and its deviation in %. */
    record ProductionChange(String name, BigDecimal deviationPreviousYearPct) {}

    /** "Produktion jämfört med föregående år: Läkarbesök -0,1 %, besök övriga yrkesgrupper +2,6 %, operationer 0,0 %." */
    static Optional<String> production(List<ProductionChange> changes) {
        List<String> parts = new ArrayList<>();
        for (ProductionChange change : changes) {
            String name = parts.isEmpty() ? capitalise(change.name()) : change.name();
            parts.add(change.deviationPreviousYearPct() == null ? name + " (ingen jämförelse med föregående år)"
                    : name + " " + signed(change.deviationPreviousYearPct(), 1) + " %");
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Produktion jämfört med föregående år: " + String.join(", ", parts) + ".");
    }

    /** "Beläggningsgrad oförändrad mot föregående år, 95 %." — compared in whole per cent, as printed. */
    static Optional<String> bedOccupancy(BigDecimal value, BigDecimal previousYear) {
        if (value == null) {
            return Optional.empty();
        }
        String now = number(value, 0) + " %";
        if (previousYear == null) {
            return Optional.of("Beläggningsgrad " + now + " (ingen jämförelse med föregående år).");
        }
        if (sameRounded(value, previousYear, 0)) {
            return Optional.of("Beläggningsgrad oförändrad mot föregående år, " + now + ".");
        }
        String direction = value.compareTo(previousYear) > 0 ? "Högre" : "Lägre";
        return Optional.of(direction + " beläggningsgrad " + now + " (" + number(previousYear, 0) + " %).");
    }

    /** "Lägre sjukfrånvaro 8,1 % (8,2 %)": this year, last year in parentheses; compared with one decimal. */
    static Optional<String> sickLeave(BigDecimal value, BigDecimal previousYear, boolean suppressed) {
        if (suppressed) {
            return Optional.of("Sjukfrånvaron redovisas inte: gruppen har högst 10 anställda (*).");
        }
        if (value == null) {
            return Optional.empty();
        }
        String now = number(value, 1) + " %";
        if (previousYear == null) {
            return Optional.of("Sjukfrånvaro " + now + " (ingen jämförelse med föregående år).");
        }
        String before = " (" + number(previousYear, 1) + " %)";
        if (sameRounded(value, previousYear, 1)) {
            return Optional.of("Oförändrad sjukfrånvaro " + now + before + ".");
        }
        return Optional.of((value.compareTo(previousYear) > 0 ? "Högre" : "Lägre") + " sjukfrånvaro " + now + before + ".");
    }

    /**
     * "Förändring arbetad tid motsvarande årsarbete, +15 ack mars (+8 i mars)." — the change in årsarbetare
     * against the same window last year, accumulated and for the month alone.
     */
    static Optional<String> fteChange(BigDecimal ytdChange, BigDecimal monthChange, int period) {
        String month = SwedishFormat.monthName(period);
        if (ytdChange == null && monthChange == null) {
            return Optional.empty();
        }
        if (ytdChange == null) {
            return Optional.of("Förändring arbetad tid motsvarande årsarbete, " + signed(monthChange, 0) + " i " + month
                    + " (ingen ackumulerad jämförelse med föregående år).");
        }
        String sentence = "Förändring arbetad tid motsvarande årsarbete, " + signed(ytdChange, 0) + " ack " + month;
        if (monthChange != null && period % 100 != 1) {
            sentence += " (" + signed(monthChange, 0) + " i " + month + ")";
        }
        return Optional.of(sentence + ".");
    }

    /**
     * "Resultat ackumulerat sista mars -321 mnkr, 297 mnkr sämre än budget och 61 mnkr sämre än föregående år."
     * Amounts in kronor; {@code decimals} of mnkr (0 for a whole administration, 1 for an area or a unit).
     */
    static Optional<String> result(BigDecimal value, BigDecimal budget, BigDecimal previousYear, int period, int decimals) {
        if (value == null) {
            return Optional.empty();
        }
        StringBuilder sentence = new StringBuilder("Resultat ackumulerat sista ").append(SwedishFormat.monthName(period))
                .append(' ').append(mnkr(value, decimals)).append(" mnkr");
        List<String> comparisons = new ArrayList<>();
        if (budget != null) {
            comparisons.add(against(value, budget, decimals, "budget"));
        }
        if (previousYear != null) {
            comparisons.add(against(value, previousYear, decimals, "föregående år"));
        }
        if (!comparisons.isEmpty()) {
            sentence.append(", ").append(String.join(" och ", comparisons));
        }
        if (budget == null && previousYear == null) {
            sentence.append(" (ingen budget eller jämförelse med föregående år)");
        }
        return Optional.of(sentence.append('.').toString());
    }

    private static String against(BigDecimal value, BigDecimal comparison, int decimals, String what) {
        BigDecimal difference = value.subtract(comparison);
        String amount = mnkr(difference.abs(), decimals);
        if (SwedishFormat.toMnkr(difference).setScale(decimals, java.math.RoundingMode.HALF_UP).signum() == 0) {
            return "i nivå med " + what;
        }
        return amount + " mnkr " + (difference.signum() > 0 ? "bättre" : "sämre") + " än " + what;
    }

    /**
     * "Bruttokostnadsutveckling 6,1 % (7,1 % ack februari)." — with the previous month's accumulated figure
     * when it is of the same year.
     */
    static Optional<String> costDevelopment(String name, BigDecimal value, BigDecimal previousMonthYtd, int period) {
        if (value == null) {
            return Optional.of(name + ": ingen jämförelse med föregående år.");
        }
        String sentence = name + " " + number(value, 1) + " %";
        if (previousMonthYtd != null && period % 100 != 1) {
            sentence += " (" + number(previousMonthYtd, 1) + " % ack "
                    + SwedishFormat.monthName(SwedishFormat.previousPeriod(period)) + ")";
        }
        return Optional.of(sentence + ".");
    }

    /** "Prognos från februari, -1 180 mnkr." or, without a forecast month, "Prognos för helåret, -1 180 mnkr." */
    static Optional<String> forecast(BigDecimal fullYearKronor, Integer madeInPeriod, int decimals) {
        if (fullYearKronor == null) {
            return Optional.empty();
        }
        String from = madeInPeriod == null ? "för helåret" : "från " + SwedishFormat.monthName(madeInPeriod);
        return Optional.of("Prognos " + from + ", " + mnkr(fullYearKronor, decimals) + " mnkr.");
    }

    /** "3 av 5 indikatorer visar positiv utveckling jämfört med föregående år." */
    static Optional<String> indicators(int positive, int withTrend) {
        if (withTrend == 0) {
            return Optional.empty();
        }
        return Optional.of(positive + " av " + withTrend + (withTrend == 1 ? " indikator visar" : " indikatorer visar")
                + " positiv utveckling jämfört med föregående år.");
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}

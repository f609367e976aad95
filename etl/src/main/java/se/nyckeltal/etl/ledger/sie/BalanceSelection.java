package se.nyckeltal.etl.ledger.sie;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import se.nyckeltal.etl.ledger.LedgerEntry;
import se.nyckeltal.etl.ledger.RejectedLine;

/**
 * Chooses which balance rows of one scenario × period × account to load, so that no amount counts
 * twice. An SIE file may state the same money several ways at once (SIE 4B #PSALDO note 5): the
 * account as a whole {@code {}}, per cost centre {@code {1 "1010"}}, per cost centre and project
 * {@code {1 "1010" 6 "P1"}}, per project {@code {6 "P1"}}. Rows on the same set of dimensions are
 * disjoint and add up; rows on different sets are alternative breakdowns of the same money.
 *
 * <ul>
 *   <li>Per cost centre, the row on dimension 1 alone wins; without one, the finer rows of one
 *       breakdown are summed.
 *   <li>When no row has a cost centre, the {@code {}} total is loaded on {@link SieLedgerReader#UNMAPPED}.
 *   <li>When both exist and the cost centres do not add up to the total, the difference (money booked
 *       without a cost centre) is loaded on UNMAPPED, so the account still totals what the file says.
 * </ul>
 */
final class BalanceSelection {
    private static final Comparator<List<Integer>> FEWEST_DIMENSIONS_FIRST =
            Comparator.<List<Integer>>comparingInt(List::size).thenComparing(BalanceSelection::compareLists);

    private BalanceSelection() {}

    /** @param notes what was chosen where the file left a choice, for the warnings */
    record Outcome(List<LedgerEntry> entries, List<RejectedLine> rejected, List<String> notes) {
        Outcome {
            entries = List.copyOf(entries);
            rejected = List.copyOf(rejected);
            notes = List.copyOf(notes);
        }
    }

    /** @param rows the rows of one scenario × period × account, in file order */
    static Outcome select(List<BalanceRow> rows) {
        List<LedgerEntry> entries = new ArrayList<>();
        List<RejectedLine> rejected = new ArrayList<>();
        List<String> notes = new ArrayList<>();

        // The same account, period and objects twice is a repeated line, not two amounts.
        Map<ObjectList, BalanceRow> unique = new LinkedHashMap<>();
        for (BalanceRow row : rows) {
            BalanceRow first = unique.putIfAbsent(row.objects(), row);
            if (first != null) {
                rejected.add(new RejectedLine(row.lineNumber(), row.label() + " on line " + row.lineNumber()
                        + " repeats " + row.describe() + " already given on line " + first.lineNumber()
                        + "; a period balance is stated once, so only line " + first.lineNumber() + " is loaded",
                        row.rawLine(), row.amount()));
            }
        }

        Map<String, List<BalanceRow>> byCostCenter = new LinkedHashMap<>();
        List<BalanceRow> withoutCostCenter = new ArrayList<>();
        for (BalanceRow row : unique.values()) {
            String costCenter = row.objects().costCenter();
            if (costCenter == null) {
                withoutCostCenter.add(row);
            } else {
                byCostCenter.computeIfAbsent(costCenter, k -> new ArrayList<>()).add(row);
            }
        }
        BalanceRow total = unique.get(ObjectList.EMPTY);

        if (byCostCenter.isEmpty()) {
            if (total != null) {
                entries.add(entry(total, SieLedgerReader.UNMAPPED, total.amount(), total.lineNumber()));
            } else if (!withoutCostCenter.isEmpty()) {
                List<BalanceRow> chosen = oneBreakdown(withoutCostCenter, List.of(), notes);
                BalanceRow first = chosen.get(0);
                notes.add(first.label() + " " + first.period() + " account " + first.account() + " has neither a"
                        + " total row {} nor cost centres; loaded the sum of its rows by dimension "
                        + dimensions(first.objects().dimensions()) + " (" + lines(chosen) + ") on UNMAPPED");
                entries.add(entry(first, SieLedgerReader.UNMAPPED, sum(chosen), first.lineNumber()));
            }
            return new Outcome(entries, rejected, notes);
        }

        BigDecimal costCenterSum = BigDecimal.ZERO;
        for (Map.Entry<String, List<BalanceRow>> e : byCostCenter.entrySet()) {
            List<BalanceRow> chosen = oneBreakdown(e.getValue(), List.of(ObjectList.COST_CENTER_DIMENSION), notes);
            BigDecimal amount = sum(chosen);
            costCenterSum = costCenterSum.add(amount);
            entries.add(entry(chosen.get(0), e.getKey(), amount, chosen.get(0).lineNumber()));
        }
        if (total != null && total.amount().compareTo(costCenterSum) != 0) {
            BigDecimal difference = total.amount().subtract(costCenterSum);
            notes.add(total.label() + " " + total.period() + " account " + total.account() + ": the total {} on line "
                    + total.lineNumber() + " is " + total.amount().toPlainString() + " but its cost centres sum to "
                    + costCenterSum.toPlainString() + "; the difference " + difference.toPlainString()
                    + " is loaded on UNMAPPED");
            entries.add(entry(total, SieLedgerReader.UNMAPPED, difference, total.lineNumber()));
        }
        return new Outcome(entries, rejected, notes);
    }

    /**
     * The rows of one breakdown: those on exactly {@code preferred} dimensions if any, else those on
     * the fewest (then lowest-numbered) dimensions, noting when several breakdowns competed.
     */
    private static List<BalanceRow> oneBreakdown(List<BalanceRow> rows, List<Integer> preferred, List<String> notes) {
        Map<List<Integer>, List<BalanceRow>> bySet = new LinkedHashMap<>();
        for (BalanceRow row : rows) {
            bySet.computeIfAbsent(row.objects().dimensions(), k -> new ArrayList<>()).add(row);
        }
        if (bySet.containsKey(preferred)) {
            return bySet.get(preferred);
        }
        List<Integer> chosen = bySet.keySet().stream().min(FEWEST_DIMENSIONS_FIRST).orElseThrow();
        if (bySet.size() > 1) {
            BalanceRow first = bySet.get(chosen).get(0);
            TreeSet<List<Integer>> all = new TreeSet<>(FEWEST_DIMENSIONS_FIRST);
            all.addAll(bySet.keySet());
            notes.add(first.label() + " " + first.period() + " account " + first.account()
                    + (preferred.isEmpty() ? "" : " cost centre " + first.objects().costCenter())
                    + " is broken down in " + all.size() + " ways (by dimensions "
                    + all.stream().map(BalanceSelection::dimensions).collect(Collectors.joining(" and by "))
                    + ") that would count the same money twice; loaded only the breakdown by "
                    + dimensions(chosen) + " (" + lines(bySet.get(chosen)) + ")");
        }
        return bySet.get(chosen);
    }

    private static LedgerEntry entry(BalanceRow row, String costCenter, BigDecimal amount, long lineNumber) {
        return new LedgerEntry(row.period(), row.scenario().name(), costCenter, row.account(), null, null, amount,
                lineNumber);
    }

    private static BigDecimal sum(List<BalanceRow> rows) {
        BigDecimal sum = BigDecimal.ZERO.setScale(2);
        for (BalanceRow row : rows) {
            sum = sum.add(row.amount());
        }
        return sum;
    }

    private static String dimensions(List<Integer> dimensions) {
        return dimensions.stream().map(String::valueOf).collect(Collectors.joining("+"));
    }

    private static String lines(List<BalanceRow> rows) {
        return (rows.size() == 1 ? "line " : "lines ")
                + rows.stream().map(r -> String.valueOf(r.lineNumber())).collect(Collectors.joining(", "));
    }

    private static int compareLists(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Integer.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}

package se.nyckeltal.etl.listing;

import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeSet;
import se.nyckeltal.etl.extract.DeliveryRule;
import se.nyckeltal.etl.extract.ExtractLine;
import se.nyckeltal.schemas.contract.AgeBand;
import se.nyckeltal.schemas.contract.ListingContract;

/**
 * The age bands of one delivery must form one pyramid: no two bands share a year of age, and the
 * highest band is open-ended ({@code 100-}), so every listed person is counted exactly once (SPEC §3).
 * Each band is valid on its own already ({@link CsvListingParser}); this looks at the distinct bands of
 * each file's LISTED rows together, and quarantines the rows of a band that breaks the rule, with the
 * reason. Runs in the Spark task that reads the file ({@link se.nyckeltal.etl.extract.DeliveryRule}).
 */
final class AgeBandCheck implements DeliveryRule.Check {
    static final DeliveryRule RULE = AgeBandCheck::new;
    /** Indexes in a line's values (ListingEntry.LINES). */
    private static final int UNIT = 0;
    private static final int MEASURE = 1;
    private static final int GENDER = 2;
    private static final int AGE_BAND = 3;

    private final TreeSet<AgeBand> bands = new TreeSet<>();
    /** Band as delivered → reason, once every line was seen. */
    private Map<String, String> reasons;

    private AgeBandCheck() {}

    @Override
    public void see(ExtractLine line) {
        if (listed(line)) {
            bands.add(AgeBand.parse((String) line.values().get(AGE_BAND)));
        }
    }

    @Override
    public boolean anyBroken() {
        if (reasons == null) {
            reasons = new HashMap<>();
            problems(bands).forEach((band, reason) -> reasons.put(band.toString(), reason));
        }
        return !reasons.isEmpty();
    }

    /** A LISTED row of a bad band, rejected with the band's reason. */
    @Override
    public ExtractLine judge(ExtractLine line) {
        String reason = listed(line) && anyBroken() ? reasons.get((String) line.values().get(AGE_BAND)) : null;
        return reason == null ? line : ListingEntry.LINES.reject(line, reason, rebuilt(line));
    }

    private static boolean listed(ExtractLine line) {
        return line.kind() == ExtractLine.Kind.VALID && ListingContract.LISTED.equals(line.values().get(MEASURE));
    }

    /** The line from its validated values, as the file has it: period;unit;measure;gender;age_band;quantity. */
    private static String rebuilt(ExtractLine line) {
        StringJoiner text = new StringJoiner(";");
        text.add(Integer.toString(line.period()));
        for (int value : new int[] {UNIT, MEASURE, GENDER, AGE_BAND}) {
            if (line.values().get(value) != null) { // an absent gender is left out, not written empty
                text.add((String) line.values().get(value));
            }
        }
        text.add(line.measure().setScale(ListingEntry.LINES.measureType().scale(), RoundingMode.UNNECESSARY)
                .toPlainString());
        return text.toString();
    }

    /** Each band of one file that breaks the rule, with the controller's reason. */
    static Map<AgeBand, String> problems(TreeSet<AgeBand> bands) {
        Map<AgeBand, String> problems = new LinkedHashMap<>();
        List<AgeBand> ordered = new ArrayList<>(bands);
        for (int i = 0; i < ordered.size(); i++) {
            for (int j = i + 1; j < ordered.size(); j++) {
                AgeBand a = ordered.get(i);
                AgeBand b = ordered.get(j);
                if (a.overlaps(b)) {
                    String reason = "age bands " + a + " and " + b + " of this file overlap: a person would be counted"
                            + " twice; deliver bands that do not share a year of age (e.g. 0-4, 5-9, …, 100-)";
                    problems.putIfAbsent(a, reason);
                    problems.putIfAbsent(b, reason);
                }
            }
        }
        AgeBand last = ordered.isEmpty() ? null : ordered.get(ordered.size() - 1);
        if (last != null && !last.openEnded() && !problems.containsKey(last)) {
            problems.put(last, "age band " + last + " is the last band of this file but not open-ended: persons older"
                    + " than " + last.to() + " are missing; end the bands with an open one (e.g. " + (last.to() + 1)
                    + "-)");
        }
        return problems;
    }
}

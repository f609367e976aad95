package se.nyckeltal.etl.listing;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import se.nyckeltal.etl.extract.ExtractLine;
import se.nyckeltal.schemas.contract.AgeBand;
import se.nyckeltal.schemas.contract.ListingContract;

/**
 * The age bands of one delivery must form one pyramid: no two bands share a year of age, and the
 * highest band is open-ended ({@code 100-}), so every listed person is counted exactly once (SPEC §3).
 * Each band is valid on its own already ({@link CsvListingParser}); this looks at the distinct bands of
 * each file's LISTED rows together, and quarantines the rows of a band that breaks the rule, with the
 * reason. A few distinct bands per file come to the driver; the lines stay in Spark.
 */
final class AgeBandCheck {
    private AgeBandCheck() {}

    /** The validated lines with the LISTED rows of bad bands turned into rejected lines. */
    static Dataset<Row> apply(Dataset<Row> lines) {
        Map<Integer, TreeSet<AgeBand>> bandsByFile = new TreeMap<>();
        for (Row row : lines.filter(col("kind").equalTo(ExtractLine.Kind.VALID.name())
                        .and(col(ListingEntry.MEASURE).equalTo(ListingContract.LISTED)))
                .select(col(ExtractLine.FILE), col(ListingEntry.AGE_BAND)).distinct().collectAsList()) {
            bandsByFile.computeIfAbsent(row.getInt(0), f -> new TreeSet<>()).add(AgeBand.parse(row.getString(1)));
        }
        Map<String, String> reasons = new LinkedHashMap<>(); // "file:band" → reason
        bandsByFile.forEach((file, bands) -> problems(bands).forEach((band, reason) -> reasons.put(file + ":" + band,
                reason)));
        if (reasons.isEmpty()) {
            return lines;
        }
        Column key = concat_ws(":", col(ExtractLine.FILE).cast("string"), col(ListingEntry.AGE_BAND));
        Column reason = lit(null).cast("string");
        for (Map.Entry<String, String> entry : reasons.entrySet()) {
            reason = when(key.equalTo(entry.getKey()), lit(entry.getValue())).otherwise(reason);
        }
        Column listed = col(ListingEntry.MEASURE).equalTo(ListingContract.LISTED);
        Column rebuilt = concat_ws(";", col(ExtractLine.PERIOD).cast("string"), col(ListingEntry.UNIT),
                col(ListingEntry.MEASURE), col(ListingEntry.GENDER), col(ListingEntry.AGE_BAND),
                col(ListingEntry.QUANTITY).cast("string"));
        return ListingEntry.LINES.reject(lines, listed.and(key.isin(reasons.keySet().toArray())), reason, rebuilt);
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

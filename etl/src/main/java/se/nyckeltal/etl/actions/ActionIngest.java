package se.nyckeltal.etl.actions;

import static org.apache.spark.sql.functions.col;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import se.nyckeltal.etl.extract.CsvExtract;
import se.nyckeltal.etl.extract.DeliveryRule;
import se.nyckeltal.etl.extract.ExtractIngest;
import se.nyckeltal.etl.extract.ExtractLine;
import se.nyckeltal.etl.extract.FactGrain;
import se.nyckeltal.etl.extract.IngestResult;
import se.nyckeltal.etl.extract.IngestSettings;
import se.nyckeltal.etl.extract.LandingFile;
import se.nyckeltal.etl.extract.SourceIngest;
import se.nyckeltal.schemas.contract.ActionContract;
import se.nyckeltal.schemas.contract.SourceKind;
import se.nyckeltal.schemas.fact.FactSchema;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;

/**
 * The action plans of one load (effekthemtagning, SPEC §3): CSV deliveries → validated lines →
 * quarantine and Parquet fact partitions by period, through the {@link ExtractIngest} every source
 * shares. Files reconcile on Σ realised effect. An action appears once per month in a file: a second
 * row of the same action and month is quarantined, since neither row can be said to be the right one.
 */
public final class ActionIngest implements SourceIngest {
    /** Indexes of the action's id and name in a line's values (ActionEntry.LINES). */
    private static final int ACTION_ID = 0;
    private static final int ACTION = 1;
    private final ExtractIngest extract;

    public ActionIngest(SparkSession spark, IngestSettings settings) {
        this.extract = new ExtractIngest(spark, settings, SourceKind.ACTIONS, FactSchema.ACTION_PLAN, ActionEntry.LINES,
                file -> CsvExtract.open(file, ActionContract.COLUMNS, CsvActionParser::new),
                FactGrain.asDelivered(ActionIngest::facts),
                OneRowPerActionAndMonth::new);
    }

    @Override
    public SourceKind source() {
        return SourceKind.ACTIONS;
    }

    @Override
    public IngestResult ingest(List<LandingFile> files, WarehouseLayout layout, String loadId) {
        return extract.ingest(files, layout, loadId);
    }

    /** Every row of an action that appears twice in one month of one file goes to quarantine. */
    private static final class OneRowPerActionAndMonth implements DeliveryRule.Check {
        /** (period, action_id) → rows seen and the first line. */
        private final Map<List<Object>, long[]> seen = new HashMap<>();
        private boolean anyTwice;

        @Override
        public void see(ExtractLine line) {
            if (line.kind() == ExtractLine.Kind.VALID && line.values().get(ACTION_ID) != null) {
                long[] rows = seen.computeIfAbsent(key(line), k -> new long[] {0, line.lineNumber()});
                rows[0]++;
                rows[1] = Math.min(rows[1], line.lineNumber());
                anyTwice |= rows[0] > 1;
            }
        }

        @Override
        public boolean anyBroken() {
            return anyTwice;
        }

        @Override
        public ExtractLine judge(ExtractLine line) {
            long[] rows = line.kind() == ExtractLine.Kind.VALID ? seen.get(key(line)) : null;
            if (rows == null || rows[0] < 2) {
                return line;
            }
            Object actionId = line.values().get(ACTION_ID);
            String reason = "action_id " + actionId + " appears " + rows[0] + " times for period " + line.period()
                    + " in this file (first on line " + rows[1] + "); keep one row per action and month";
            return ActionEntry.LINES.reject(line, reason, line.period() + ";" + actionId + ";"
                    + line.values().get(ACTION));
        }

        private static List<Object> key(ExtractLine line) {
            return Arrays.asList(line.period(), line.values().get(ACTION_ID));
        }
    }

    /** Valid lines as they are: the grain is already one row per period × action. */
    private static Dataset<Row> facts(Dataset<Row> valid) {
        return valid.select(col(ExtractLine.SOURCE_FILE), col(ExtractLine.PERIOD), col(ExtractLine.SCENARIO),
                col(ActionEntry.ACTION_ID), col(ActionEntry.ACTION), col(ActionEntry.ORG_ID), col(ActionEntry.RESPONSIBLE),
                col(ActionEntry.TIMELINE), col(ActionEntry.CATEGORY), col(ActionEntry.PLANNED_ANNUAL_EFFECT),
                col(ActionEntry.REALISED_EFFECT), col(ActionEntry.COMMENT));
    }
}

package se.nyckeltal.etl.actions;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import se.nyckeltal.etl.extract.CsvExtract;
import se.nyckeltal.etl.extract.ExtractIngest;
import se.nyckeltal.etl.extract.ExtractLine;
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
    private static final String SEEN = "_rows_of_action";
    private static final String FIRST_LINE = "_first_line";
    private final ExtractIngest extract;

    public ActionIngest(SparkSession spark, IngestSettings settings) {
        this.extract = new ExtractIngest(spark, settings, SourceKind.ACTIONS, FactSchema.ACTION_PLAN, ActionEntry.LINES,
                file -> CsvExtract.open(file, ActionContract.COLUMNS, CsvActionParser::new), ActionIngest::facts,
                ActionIngest::oneRowPerActionAndMonth);
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
    private static Dataset<Row> oneRowPerActionAndMonth(Dataset<Row> lines) {
        WindowSpec sameAction = Window.partitionBy(col(ExtractLine.FILE), col(ExtractLine.PERIOD),
                col(ActionEntry.ACTION_ID));
        Column valid = col("kind").equalTo(ExtractLine.Kind.VALID.name());
        Dataset<Row> counted = lines
                .withColumn(SEEN, count(lit(1)).over(sameAction))
                .withColumn(FIRST_LINE, min(col("line_number")).over(sameAction));
        Column duplicate = valid.and(col(ActionEntry.ACTION_ID).isNotNull()).and(col(SEEN).gt(1));
        Column reason = concat(lit("action_id "), col(ActionEntry.ACTION_ID), lit(" appears "), col(SEEN).cast("string"),
                lit(" times for period "), col(ExtractLine.PERIOD).cast("string"), lit(" in this file (first on line "),
                col(FIRST_LINE).cast("string"), lit("); keep one row per action and month"));
        Column raw = concat(col(ExtractLine.PERIOD).cast("string"), lit(";"), col(ActionEntry.ACTION_ID), lit(";"),
                col(ActionEntry.ACTION));
        return ActionEntry.LINES.reject(counted, duplicate, reason, raw).drop(SEEN, FIRST_LINE);
    }

    /** Valid lines as they are: the grain is already one row per period × action. */
    private static Dataset<Row> facts(Dataset<Row> valid) {
        return valid.select(col(ExtractLine.SOURCE_FILE), col(ExtractLine.PERIOD), col(ExtractLine.SCENARIO),
                col(ActionEntry.ACTION_ID), col(ActionEntry.ACTION), col(ActionEntry.ORG_ID), col(ActionEntry.RESPONSIBLE),
                col(ActionEntry.TIMELINE), col(ActionEntry.CATEGORY), col(ActionEntry.PLANNED_ANNUAL_EFFECT),
                col(ActionEntry.REALISED_EFFECT), col(ActionEntry.COMMENT));
    }
}

package se.nyckeltal.etl.comments;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.substring_index;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import se.nyckeltal.etl.extract.ExtractIngest;
import se.nyckeltal.etl.extract.ExtractLine;
import se.nyckeltal.etl.extract.FactGrain;
import se.nyckeltal.etl.extract.IngestResult;
import se.nyckeltal.etl.extract.IngestSettings;
import se.nyckeltal.etl.extract.LandingFile;
import se.nyckeltal.etl.extract.SourceIngest;
import se.nyckeltal.schemas.contract.SourceKind;
import se.nyckeltal.schemas.fact.FactSchema;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;

/**
 * The comments of one load (analys och kommentarer, SPEC §3): each delivered file becomes a delivery of
 * its own in the comment fact, so the history of every (period, org_id, topic) is kept and the catalogue
 * shows the latest. Threshold, quarantine and reconciliation (on Σ text length) are the shared
 * {@link ExtractIngest}'s.
 */
public final class CommentIngest implements SourceIngest {
    static final String ORG_ID = "org_id";
    static final String TOPIC = "topic";
    static final String TEXT = "text";
    /** The measure a comments file reconciles on: characters of text. */
    static final String TEXT_LENGTH = "text_length";
    static final String DELIVERY = "delivery";

    static final ExtractLine.Schema LINES = new ExtractLine.Schema(TEXT_LENGTH, DataTypes.createDecimalType(18, 4),
            List.of(DataTypes.createStructField(ORG_ID, DataTypes.StringType, false),
                    DataTypes.createStructField(TOPIC, DataTypes.StringType, false),
                    DataTypes.createStructField(TEXT, DataTypes.StringType, false)));

    private final SparkSession spark;
    private final IngestSettings settings;

    public CommentIngest(SparkSession spark, IngestSettings settings) {
        this.spark = requireNonNull(spark, "spark");
        this.settings = requireNonNull(settings, "settings");
    }

    @Override
    public SourceKind source() {
        return SourceKind.COMMENTS;
    }

    @Override
    public IngestResult ingest(List<LandingFile> files, WarehouseLayout layout, String loadId) {
        Map<String, String> deliveries = new HashMap<>();
        for (int i = 0; i < files.size(); i++) {
            // load ids sort by time and files apply in name order: the delivery sorts as the history does
            deliveries.put(files.get(i).relativePath(), loadId + "." + String.format("%03d", i));
        }
        ExtractIngest extract = new ExtractIngest(spark, settings, SourceKind.COMMENTS, FactSchema.COMMENT, LINES,
                file -> CommentDelivery.open(file, deliveries.get(file.relativePath())),
                FactGrain.asDelivered(CommentIngest::facts));
        return extract.ingest(files, layout, loadId);
    }

    /** Valid records as they are; the scenario key {@code ACTUAL@<delivery>} split into its two columns. */
    private static Dataset<Row> facts(Dataset<Row> valid) {
        Column key = col(ExtractLine.SCENARIO);
        return valid.select(col(ExtractLine.SOURCE_FILE), col(ExtractLine.PERIOD),
                substring_index(key, FactSchema.VERSION_SEPARATOR, 1).as(ExtractLine.SCENARIO), col(ORG_ID), col(TOPIC),
                col(TEXT), col(TEXT_LENGTH), substring_index(key, FactSchema.VERSION_SEPARATOR, -1).as(DELIVERY));
    }
}

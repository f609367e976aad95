package se.nyckeltal.etl.production;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import se.nyckeltal.etl.extract.CsvExtract;
import se.nyckeltal.etl.extract.ExtractIngest;
import se.nyckeltal.etl.extract.ExtractLine;
import se.nyckeltal.etl.extract.FactGrain;
import se.nyckeltal.etl.extract.IngestResult;
import se.nyckeltal.etl.extract.IngestSettings;
import se.nyckeltal.etl.extract.LandingFile;
import se.nyckeltal.etl.extract.SourceIngest;
import se.nyckeltal.schemas.contract.ProductionContract;
import se.nyckeltal.schemas.contract.SourceKind;
import se.nyckeltal.schemas.fact.FactSchema;
import se.nyckeltal.schemas.reference.ReferenceData;
import se.nyckeltal.schemas.warehouse.FactPartition;
import se.nyckeltal.schemas.warehouse.Snapshot;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;

/**
 * The production extract of one load (vårdproduktion, SPEC §3): CSV deliveries with monthly or daily
 * rows → validated lines → quarantine and Parquet fact partitions with the weighted volume, through
 * the {@link ExtractIngest} every source shares. When the contact-type weights changed since the
 * published catalogue, the partitions they weigh are re-derived ({@link Reweighting}), so the fact's
 * weighted_volume always matches the reference data it is published with.
 */
public final class ProductionIngest implements SourceIngest {
    private final ExtractIngest extract;
    private final Reweighting reweighting;

    /**
     * @param reference the reference data this load publishes with (its contact-type weights)
     * @param previous the published snapshot, whose partitions are re-weighed when weights changed
     */
    public ProductionIngest(SparkSession spark, IngestSettings settings, ReferenceData reference, Snapshot previous) {
        requireNonNull(spark, "spark");
        requireNonNull(reference, "reference");
        WeightedVolume weightedVolume = new WeightedVolume(spark, reference);
        this.extract = new ExtractIngest(spark, settings, SourceKind.PRODUCTION, FactSchema.PRODUCTION,
                ProductionEntry.LINES, file -> CsvExtract.open(file, ProductionContract.COLUMNS, CsvProductionParser::new),
                FactGrain.alwaysSummed(List.of(ProductionEntry.UNIT, ProductionEntry.PROVIDER, ProductionEntry.COUNTERPART,
                        ProductionEntry.CONTACT_TYPE), List.of(), summed -> weightedVolume.add(facts(summed))));
        this.reweighting = new Reweighting(spark, reference, previous, weightedVolume);
    }

    @Override
    public SourceKind source() {
        return SourceKind.PRODUCTION;
    }

    /**
     * @param files in file-name order, already filtered by the caller; empty when only the reference
     *     data changed
     */
    @Override
    public IngestResult ingest(List<LandingFile> files, WarehouseLayout layout, String loadId) {
        return ingest(files, layout, layout, loadId);
    }

    /** Re-weighing reads the published partitions and reference data from {@code warehouse}. */
    @Override
    public IngestResult ingest(List<LandingFile> files, WarehouseLayout warehouse, WarehouseLayout output,
            String loadId) {
        IngestResult delivered = extract.ingest(files, output, loadId);
        if (delivered.anyRejected()) {
            return delivered; // nothing of this load is published: nothing to re-weigh either
        }
        Set<FactPartition.PartitionKey> replaced = delivered.partitions().stream().map(FactPartition::key)
                .collect(Collectors.toSet());
        List<FactPartition> partitions = new ArrayList<>(delivered.partitions());
        partitions.addAll(reweighting.apply(warehouse, output, loadId, replaced));
        return new IngestResult(delivered.outcomes(), partitions);
    }

    /**
     * Valid lines summed to the fact grain (period × scenario × unit × provider × counterpart × contact
     * type, one source file per partition: daily rows fall into their month there), in the columns the
     * weighing adds to.
     */
    private static Dataset<Row> facts(Dataset<Row> summed) {
        return summed.select(col(ExtractLine.SOURCE_FILE), col(ExtractLine.PERIOD), col(ExtractLine.SCENARIO),
                col(ProductionEntry.UNIT), col(ProductionEntry.PROVIDER), col(ProductionEntry.COUNTERPART),
                col(ProductionEntry.CONTACT_TYPE), col(ProductionEntry.VOLUME));
    }
}

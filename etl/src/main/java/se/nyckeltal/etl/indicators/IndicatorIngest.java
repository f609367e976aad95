package se.nyckeltal.etl.indicators;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

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
import se.nyckeltal.schemas.contract.IndicatorContract;
import se.nyckeltal.schemas.contract.SourceKind;
import se.nyckeltal.schemas.fact.FactSchema;
import se.nyckeltal.schemas.reference.Indicator;
import se.nyckeltal.schemas.reference.ReferenceData;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;

/**
 * The indicator measurements of one load (indikatorer, SPEC §3): CSV deliveries → validated lines →
 * quarantine and Parquet fact partitions by (scenario, period), through the {@link ExtractIngest}
 * every source shares. Files reconcile on Σ numerator and on Σ denominator (valid + quarantined = loaded +
 * quarantined + superseded, each). Numerators and denominators stay additive:
 * the catalogue divides them only after summing over units and months.
 */
public final class IndicatorIngest implements SourceIngest {
    private final ExtractIngest extract;

    /** @param reference the reference data this load publishes with: its indicators.csv decides what loads */
    public IndicatorIngest(SparkSession spark, IngestSettings settings, ReferenceData reference) {
        requireNonNull(reference, "reference");
        Set<String> known = reference.indicators().stream().map(Indicator::code).collect(Collectors.toSet());
        this.extract = new ExtractIngest(spark, settings, SourceKind.INDICATORS, FactSchema.INDICATOR,
                IndicatorEntry.LINES,
                file -> CsvExtract.open(file, IndicatorContract.COLUMNS, mapping -> new CsvIndicatorParser(mapping, known)),
                FactGrain.summed(List.of(IndicatorEntry.UNIT, IndicatorEntry.INDICATOR),
                        List.of(IndicatorEntry.DENOMINATOR), IndicatorIngest::facts));
    }

    @Override
    public SourceKind source() {
        return SourceKind.INDICATORS;
    }

    @Override
    public IngestResult ingest(List<LandingFile> files, WarehouseLayout layout, String loadId) {
        return extract.ingest(files, layout, loadId);
    }

    /**
     * Valid lines summed to the fact grain: period × scenario × unit × indicator, one source file per
     * partition. The denominator's sum is NULL only when no line of the group had one (a count).
     */
    private static Dataset<Row> facts(Dataset<Row> summed) {
        return summed.select(col(ExtractLine.SOURCE_FILE), col(ExtractLine.PERIOD), col(ExtractLine.SCENARIO),
                col(IndicatorEntry.UNIT), col(IndicatorEntry.INDICATOR), col(IndicatorEntry.NUMERATOR),
                col(IndicatorEntry.DENOMINATOR));
    }
}

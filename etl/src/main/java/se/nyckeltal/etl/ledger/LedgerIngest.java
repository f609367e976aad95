package se.nyckeltal.etl.ledger;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.function.BiFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import se.nyckeltal.etl.extract.CsvExtract;
import se.nyckeltal.etl.extract.Delivery;
import se.nyckeltal.etl.extract.ExtractIngest;
import se.nyckeltal.etl.extract.ExtractLine;
import se.nyckeltal.etl.extract.FactGrain;
import se.nyckeltal.etl.extract.IngestResult;
import se.nyckeltal.etl.extract.IngestSettings;
import se.nyckeltal.etl.extract.LandingFile;
import se.nyckeltal.etl.extract.SourceIngest;
import se.nyckeltal.etl.ledger.sie.SieLedgerReader;
import se.nyckeltal.etl.ledger.sie.SieReadResult;
import se.nyckeltal.schemas.contract.LedgerContract;
import se.nyckeltal.schemas.contract.SourceKind;
import se.nyckeltal.schemas.fact.FactSchema;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;

/**
 * The ledger extract of one load: CSV and SIE 4 deliveries → validated lines → quarantine and
 * Parquet fact partitions (SPEC §3, §4), through the {@link ExtractIngest} every source shares.
 * Amounts stay BigDecimal / DECIMAL(18,2) from the text to the Parquet file.
 */
public final class LedgerIngest implements SourceIngest {
    private final ExtractIngest extract;

    public LedgerIngest(SparkSession spark, IngestSettings settings) {
        this(spark, settings, SieLedgerReader::read);
    }

    /** With another SIE reader, for tests. */
    LedgerIngest(SparkSession spark, IngestSettings settings, BiFunction<String, byte[], SieReadResult> sieReader) {
        this.extract = new ExtractIngest(spark, settings, SourceKind.LEDGER, FactSchema.LEDGER, LedgerEntry.LINES,
                file -> open(file, sieReader), FactGrain.summed(List.of(LedgerEntry.COST_CENTER, LedgerEntry.ACCOUNT,
                        LedgerEntry.ACTIVITY, LedgerEntry.COUNTERPART), List.of(), LedgerIngest::facts));
    }

    @Override
    public SourceKind source() {
        return SourceKind.LEDGER;
    }

    /**
     * @param files in file-name order, already filtered by the caller (not loaded before, no
     *     duplicate content within the load)
     */
    @Override
    public IngestResult ingest(List<LandingFile> files, WarehouseLayout layout, String loadId) {
        // Ledger facts do not depend on reference data: no files, nothing to do.
        return extract.ingest(files, layout, loadId);
    }

    private static Delivery open(LandingFile file, BiFunction<String, byte[], SieReadResult> sieReader) {
        return SieLedgerSource.accepts(file)
                ? SieLedgerSource.open(file, sieReader)
                : CsvExtract.open(file, LedgerContract.COLUMNS, CsvLedgerParser::new);
    }

    /**
     * Valid lines summed to the fact grain (period × scenario key × cost centre × account × activity ×
     * counterpart, one source file per partition), then the scenario key {@code FORECAST@YYYYMM}
     * split into scenario FORECAST and forecast_made YYYYMM.
     */
    private static Dataset<Row> facts(Dataset<Row> summed) {
        Column key = col(ExtractLine.SCENARIO);
        Column forecastMade = when(key.contains(FactSchema.VERSION_SEPARATOR),
                substring_index(key, FactSchema.VERSION_SEPARATOR, -1).cast("int"));
        return summed.select(col(ExtractLine.SOURCE_FILE), col(ExtractLine.PERIOD),
                substring_index(key, FactSchema.VERSION_SEPARATOR, 1).as(ExtractLine.SCENARIO),
                col(LedgerEntry.COST_CENTER), col(LedgerEntry.ACCOUNT), col(LedgerEntry.ACTIVITY),
                col(LedgerEntry.COUNTERPART), forecastMade.as(LedgerEntry.FORECAST_MADE), col(LedgerEntry.AMOUNT));
    }
}

package se.nyckeltal.etl.listing;

import static org.apache.spark.sql.functions.col;

import java.util.List;
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
import se.nyckeltal.schemas.contract.ListingContract;
import se.nyckeltal.schemas.contract.SourceKind;
import se.nyckeltal.schemas.fact.FactSchema;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;

/**
 * The listings extract of one load (vårdval, SPEC §3): CSV deliveries of listed persons per vårdcentral,
 * gender and age band, active listed, ACG points and CNI counts at month end → validated lines →
 * quarantine and Parquet fact partitions, through the {@link ExtractIngest} every source shares
 * (encoding and delimiter detection, reject threshold, reconciliation on Σ quantity per file, partition
 * replacement per month: a re-delivered month replaces the earlier delivery whole).
 */
public final class ListingIngest implements SourceIngest {
    private final ExtractIngest extract;

    public ListingIngest(SparkSession spark, IngestSettings settings) {
        this.extract = new ExtractIngest(spark, settings, SourceKind.LISTINGS, FactSchema.LISTINGS, ListingEntry.LINES,
                file -> CsvExtract.open(file, ListingContract.COLUMNS, CsvListingParser::new),
                FactGrain.summed(List.of(ListingEntry.UNIT, ListingEntry.MEASURE, ListingEntry.GENDER,
                        ListingEntry.AGE_BAND), List.of(), ListingIngest::facts), AgeBandCheck.RULE);
    }

    @Override
    public SourceKind source() {
        return SourceKind.LISTINGS;
    }

    @Override
    public IngestResult ingest(List<LandingFile> files, WarehouseLayout layout, String loadId) {
        return extract.ingest(files, layout, loadId);
    }

    /** Valid lines summed to the fact grain (a row delivered twice in one file counts twice). */
    private static Dataset<Row> facts(Dataset<Row> summed) {
        return summed.select(col(ExtractLine.SOURCE_FILE), col(ExtractLine.PERIOD), col(ExtractLine.SCENARIO),
                col(ListingEntry.UNIT), col(ListingEntry.MEASURE), col(ListingEntry.GENDER), col(ListingEntry.AGE_BAND),
                col(ListingEntry.QUANTITY));
    }
}

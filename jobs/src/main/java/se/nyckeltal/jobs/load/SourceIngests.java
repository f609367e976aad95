package se.nyckeltal.jobs.load;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import se.nyckeltal.etl.actions.ActionIngest;
import se.nyckeltal.etl.comments.CommentIngest;
import se.nyckeltal.etl.extract.IngestSettings;
import se.nyckeltal.etl.extract.SourceIngest;
import se.nyckeltal.etl.hr.HrIngest;
import se.nyckeltal.etl.hr.PseudonymKeySource;
import se.nyckeltal.etl.indicators.IndicatorIngest;
import se.nyckeltal.etl.ledger.LedgerIngest;
import se.nyckeltal.etl.listing.ListingIngest;
import se.nyckeltal.etl.production.ProductionIngest;
import se.nyckeltal.schemas.contract.SourceKind;
import se.nyckeltal.schemas.reference.ReferenceData;
import se.nyckeltal.schemas.warehouse.Snapshot;

/** The extract kinds this version loads, each with the ingest that reads it. */
final class SourceIngests {
    /** Known without starting Spark, so the load can tell what it will read before it does. */
    static final Set<SourceKind> SUPPORTED = Set.of(
            SourceKind.LEDGER,
            SourceKind.PRODUCTION,
            SourceKind.HR,
            SourceKind.INDICATORS,
            SourceKind.ACTIONS,
            SourceKind.COMMENTS,
            SourceKind.LISTINGS);

    /**
     * The sources whose ingest does work without new files when the reference data changed: production
     * re-weighs its published partitions when contact-type weights changed ({@code Reweighting}). Every other
     * ingest returns at once for no files, so a load need not start Spark for it.
     */
    static final Set<SourceKind> REDERIVED_ON_REFERENCE_CHANGE = Set.of(SourceKind.PRODUCTION);

    private SourceIngests() {}

    /**
     * @param reference the reference data this load publishes with
     * @param previous the published snapshot, for sources that re-derive facts from earlier loads
     * @param pseudonymKeyFile the configured HR pseudonym key file, or null
     */
    static Map<SourceKind, SourceIngest> create(SparkSession spark, IngestSettings settings, ReferenceData reference,
            Snapshot previous, Path pseudonymKeyFile) {
        Map<SourceKind, SourceIngest> ingests = new EnumMap<>(SourceKind.class);
        for (SourceKind source : SUPPORTED) {
            ingests.put(source, create(source, spark, settings, reference, previous, pseudonymKeyFile));
        }
        return ingests;
    }

    /** The ingest of one source only: a DAG task ingests one, and production's weights cost Spark work to set up. */
    static SourceIngest create(SourceKind source, SparkSession spark, IngestSettings settings, ReferenceData reference,
            Snapshot previous, Path pseudonymKeyFile) {
        return switch (source) {
            case LEDGER -> new LedgerIngest(spark, settings);
            case PRODUCTION -> new ProductionIngest(spark, settings, reference, previous);
            case HR -> new HrIngest(spark, settings, previous, PseudonymKeySource.fromEnvironment(pseudonymKeyFile));
            case INDICATORS -> new IndicatorIngest(spark, settings, reference);
            case ACTIONS -> new ActionIngest(spark, settings);
            case COMMENTS -> new CommentIngest(spark, settings);
            case LISTINGS -> new ListingIngest(spark, settings);
        };
    }
}

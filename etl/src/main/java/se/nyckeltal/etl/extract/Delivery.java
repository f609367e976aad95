package se.nyckeltal.etl.extract;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A delivered file, opened and ready to give its validated lines: a CSV extract read by Spark
 * ({@link CsvExtract}) or a file a source reads on the driver (the ledger's SIE 4). Everything after
 * this point — threshold, quarantine, partition replacement, facts, reconciliation — is
 * {@link ExtractIngest}'s and the same for every source.
 */
public interface Delivery {
    /** The encoding the file was read in, for the load record. */
    String encoding();

    /** The field separator's label, or null for a format without one. */
    String delimiter();

    /** Things the reader noticed that do not reject anything, for the load record. */
    List<String> warnings();

    /** Every physical line after the header, validated: valid, rejected or blank. */
    JavaRDD<ExtractLine> lines(JavaSparkContext spark);
}

package se.nyckeltal.etl.ledger;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import se.nyckeltal.etl.extract.LandingFile;

/**
 * A delivered ledger file, opened and ready to give its validated lines: a CSV extract read by
 * Spark ({@link CsvLedgerSource}) or an SIE 4 file read on the driver ({@link SieLedgerSource}).
 * Everything after this point — threshold, partition replacement, facts — is the same for both.
 */
interface LedgerSource {
    LandingFile file();

    /** The encoding the file was read in, for the load record. */
    String encoding();

    /** The field separator's label, or null for a format without one. */
    String delimiter();

    /** Things the reader noticed that do not reject anything, for the load record. */
    List<String> warnings();

    /** Every physical line after the header as rows of {@link LedgerLine#SCHEMA}, tagged with {@code file}. */
    JavaRDD<Row> lines(JavaSparkContext spark, int file);
}

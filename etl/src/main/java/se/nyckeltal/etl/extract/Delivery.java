package se.nyckeltal.etl.extract;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;

/**
 * A delivered file, opened and ready to give its validated lines: a CSV extract read line by line in
 * a Spark task ({@link CsvExtract}) or a file a source reads whole on the driver (the ledger's SIE 4).
 * Everything after this point — rules across lines, threshold, quarantine, partition replacement,
 * facts, reconciliation — is {@link ExtractIngest}'s and the same for every source.
 *
 * <p>Serializable: {@link ExtractIngest} hands each delivery to the one Spark task that reads it whole.
 */
public interface Delivery extends Serializable {
    /** The encoding the file was read in, for the load record. */
    String encoding();

    /** The field separator's label, or null for a format without one. */
    String delimiter();

    /** Things the reader noticed that do not reject anything, for the load record. */
    List<String> warnings();

    /**
     * Every physical line after the header, validated: valid, rejected or blank, in file order. Reads
     * the file where it is called (a Spark task); the file is closed when the lines are exhausted or
     * the task ends.
     */
    Iterator<ExtractLine> lines();
}

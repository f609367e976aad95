package se.nyckeltal.etl.extract;

/**
 * A delivery that cannot be read at all (no usable header, not a file of this source): the whole
 * file is rejected and never reaches Spark. Carries what was learnt about the file before it failed,
 * for the load record.
 */
public final class UnreadableFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String encoding;
    private final String delimiter;

    /**
     * @param encoding the encoding detected, or null
     * @param delimiter the delimiter's label, or null
     * @param message why, written for the person who has to fix the export
     */
    public UnreadableFileException(String encoding, String delimiter, String message) {
        super(message);
        this.encoding = encoding;
        this.delimiter = delimiter;
    }

    /** The encoding detected, or null. */
    public String encoding() {
        return encoding;
    }

    /** The delimiter detected, or null. */
    public String delimiter() {
        return delimiter;
    }
}

package se.nyckeltal.etl.ledger;

/**
 * A delivery that cannot be read at all (no usable header, not a ledger file): the whole file is
 * rejected. Carries what was learnt about the file before it failed, for the load record.
 */
final class UnreadableFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String encoding;
    private final String delimiter;

    UnreadableFileException(String encoding, String delimiter, String message) {
        super(message);
        this.encoding = encoding;
        this.delimiter = delimiter;
    }

    /** The encoding detected, or null. */
    String encoding() {
        return encoding;
    }

    /** The delimiter detected, or null. */
    String delimiter() {
        return delimiter;
    }
}

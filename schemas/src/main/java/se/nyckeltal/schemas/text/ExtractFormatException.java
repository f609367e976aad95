package se.nyckeltal.schemas.text;

/**
 * Something in a delivered extract cannot be read as the contract says. The message is written
 * for the person who has to fix the export: what is wrong and what to do.
 */
public final class ExtractFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ExtractFormatException(String message) {
        super(message);
    }
}

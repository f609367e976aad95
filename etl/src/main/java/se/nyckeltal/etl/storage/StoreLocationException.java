package se.nyckeltal.etl.storage;

/** A landing or warehouse location that cannot be used: the message names it and what to install or grant. */
public final class StoreLocationException extends IllegalArgumentException {
    public StoreLocationException(String message, Throwable cause) {
        super(message, cause);
    }
}

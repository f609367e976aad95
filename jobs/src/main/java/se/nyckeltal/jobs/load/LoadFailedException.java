package se.nyckeltal.jobs.load;

import se.nyckeltal.schemas.warehouse.LoadRecord;

/** A load that did not publish; the published catalogue is unchanged. Carries what to do about it. */
public final class LoadFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient LoadRecord record;
    private final String hint;

    public LoadFailedException(String message, String hint, LoadRecord record) {
        super(message);
        this.hint = hint;
        this.record = record;
    }

    /** @param cause what went wrong underneath, shown with --verbose */
    public LoadFailedException(String message, String hint, LoadRecord record, Throwable cause) {
        super(message, cause);
        this.hint = hint;
        this.record = record;
    }

    public LoadRecord record() {
        return record;
    }

    public String hint() {
        return hint;
    }
}

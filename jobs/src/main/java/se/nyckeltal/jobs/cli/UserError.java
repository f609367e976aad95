package se.nyckeltal.jobs.cli;

/** A mistake the user can fix: printed as one line plus a hint, never as a stack trace. */
final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String hint;

    UserError(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    String hint() {
        return hint;
    }
}

package se.nyckeltal.warehouse.report;

/** A report request the catalogue cannot answer (unknown org, a period without data): a message and a hint. */
public final class ReportInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String hint;

    public ReportInputException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    public String hint() {
        return hint;
    }
}

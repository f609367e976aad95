package se.nyckeltal.jobs.schedule.run;

/** A run with that id or logical date exists already (Airflow answers 409 Already Exists). */
public final class RunConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunConflictException(String message) {
        super(message);
    }
}

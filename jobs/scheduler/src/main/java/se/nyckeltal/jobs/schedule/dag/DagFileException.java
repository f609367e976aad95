package se.nyckeltal.jobs.schedule.dag;

/** A DAG file that cannot be used: which file, which field, and what is wrong with it. */
public final class DagFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String field;
    private final String problem;

    public DagFileException(String file, String field, String problem) {
        super(file + (field == null ? "" : ": " + field) + ": " + problem);
        this.file = file;
        this.field = field;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    /** The field path, e.g. {@code tasks[2].upstream}, or null for the file as a whole. */
    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}

package se.nyckeltal.jobs.schedule.run;

/** No DAG with that id in the DAG folder. */
public final class UnknownDagException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String dagId;

    public UnknownDagException(String dagId) {
        super("The DAG with dag_id: " + dagId + " was not found");
        this.dagId = dagId;
    }

    public String dagId() {
        return dagId;
    }
}

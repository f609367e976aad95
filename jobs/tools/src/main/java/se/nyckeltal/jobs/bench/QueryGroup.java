package se.nyckeltal.jobs.bench;

/** What kind of question an analyst query asks; the KPI lookups carry the latency target. */
public enum QueryGroup {
    /** A few rows of {@code kpi.kpi_values}: what dashboards and DirectQuery visuals ask all day. */
    KPI_LOOKUP,
    /** A månadsrapport table, a scan of a fact, or a Power BI import: heavier, no target. */
    REPORT
}

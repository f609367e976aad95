package se.nyckeltal.jobs.bench;

/** How a query reaches the published catalogue. */
public enum AccessPath {
    /** DuckDB JDBC on the published catalogue file, opened read-only once (Catalogue.openReadOnly). */
    EMBEDDED,
    /** pgjdbc through the SQL gateway, over loopback TCP, one authenticated session. */
    GATEWAY
}

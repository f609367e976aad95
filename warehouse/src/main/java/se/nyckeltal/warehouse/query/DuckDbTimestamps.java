package se.nyckeltal.warehouse.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * TIMESTAMP WITH TIME ZONE values read from DuckDB as the instants they are. DuckDB JDBC's own
 * conversions ({@code getObject}, {@code getTimestamp}, {@code OffsetDateTime}) go through the JVM's
 * zone and came back an hour off around the Europe/Stockholm DST changes (SPEC §9); {@code getLong}
 * gives DuckDB's stored value, microseconds since 1970-01-01 UTC, untouched.
 */
public final class DuckDbTimestamps {
    private DuckDbTimestamps() {}

    /** The instant in a TIMESTAMPTZ column, or null for SQL NULL. */
    public static Instant instant(ResultSet result, int column) throws SQLException {
        long micros = result.getLong(column);
        if (result.wasNull()) {
            return null;
        }
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}

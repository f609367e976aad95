package se.nyckeltal.warehouse.gateway;

import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The statement a session is running, so a timeout (from the server's timer thread) or a
 * CancelRequest (from another connection) can interrupt it; DuckDB's cancel interrupts the query.
 */
final class Cancellation {
    enum Reason {
        TIMEOUT("canceling statement due to statement timeout"),
        USER("canceling statement due to user request");

        final String message;

        Reason(String message) {
            this.message = message;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Cancellation.class);

    private Statement running;
    private Reason reason;

    synchronized void start(Statement statement) {
        running = statement;
        reason = null;
    }

    synchronized void finish() {
        running = null;
    }

    /** Why the current statement was stopped, or null. */
    synchronized Reason reason() {
        return reason;
    }

    synchronized void clear() {
        reason = null;
    }

    synchronized void cancel(Reason why) {
        if (running == null) {
            return;
        }
        reason = why;
        try {
            running.cancel();
        } catch (SQLException e) {
            LOG.debug("cancel failed: {}", e.toString());
        }
    }
}

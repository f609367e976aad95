package se.nyckeltal.jobs.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises loggers to INFO where Logback is the backend (bin/nyckeltal). Under spark-submit the cluster's backend
 * (Spark's log4j2) takes our SLF4J calls and the cluster jar carries no Logback: there the levels are the
 * operator's, in Spark's {@code log4j2.properties}, and this does nothing.
 */
final class LogLevels {
    private LogLevels() {}

    static void info(String... loggers) {
        if (LoggerFactory.getILoggerFactory().getClass().getName().equals("ch.qos.logback.classic.LoggerContext")) {
            Logback.info(loggers);
        }
    }

    /** Loaded only when Logback is there. */
    private static final class Logback {
        static void info(String... loggers) {
            for (String name : loggers) {
                ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.INFO);
            }
        }
    }
}

package se.nyckeltal.jobs.cli;

/** Whether --verbose was given for this process (one CLI invocation per process, or per test call). */
final class Verbosity {
    private static volatile boolean verbose;

    private Verbosity() {}

    static void set(boolean on) {
        verbose = on;
    }

    static boolean on() {
        return verbose;
    }
}

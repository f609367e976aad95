package se.nyckeltal.jobs.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import se.nyckeltal.jobs.load.LoadProgress;

/**
 * Shows a load's steps on stderr: a progress bar on a terminal, one line per step otherwise (logs,
 * CI), so stdout stays clean for data.
 */
final class ConsoleProgress implements LoadProgress, AutoCloseable {
    private final PrintStream err;
    private final String task;
    private ProgressBar bar;

    ConsoleProgress(String task, PrintStream err) {
        this.task = task;
        this.err = err;
    }

    @Override
    public void step(String description, int done, int total) {
        if (System.console() == null) {
            err.printf("[%d/%d] %s%n", Math.min(done + 1, total), total, description);
            return;
        }
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(err)).build();
        }
        bar.stepTo(done);
        bar.setExtraMessage(description);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}

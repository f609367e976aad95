package se.nyckeltal.jobs.load;

/** Where a load reports which step it is on; the CLI shows it, tests ignore it. */
public interface LoadProgress {
    LoadProgress SILENT = (step, done, total) -> { };

    void step(String description, int done, int total);
}

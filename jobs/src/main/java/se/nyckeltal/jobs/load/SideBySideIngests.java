package se.nyckeltal.jobs.load;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.nyckeltal.etl.extract.IngestResult;
import se.nyckeltal.etl.extract.LandingFile;
import se.nyckeltal.schemas.contract.SourceKind;

/**
 * The sources of a small delivery ingested side by side, each on a thread of its own in the load's one
 * SparkSession. A nightly's few files are mostly fixed cost on the driver — planning and code generation of
 * each Spark query, reading back what was staged, HR's spell walk — during which one core would idle; side
 * by side, one source's driver work overlaps another's Spark tasks. A large delivery keeps both cores busy
 * with one source's tasks and goes one source after the other, as before ({@link #suits}).
 *
 * <p>The load takes the results in source order ({@link #result}), so outcomes and partitions come in the
 * same order either way. What the sources share is safe side by side: each stages its own tables; the
 * quarantine takes each write's files into the load's folder by moves; and the load's staging folder holds a
 * marker while they run, so that a source done with staging cannot remove the folder while another one
 * creates its table's folder in it.
 */
final class SideBySideIngests implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SideBySideIngests.class);
    /** Above this many bytes of new files, the sources go one after the other. */
    static final long MAX_BYTES = 256L << 20;
    private static final String MARKER = ".sources-side-by-side";

    private final Path staging;
    private final Map<SourceKind, FutureTask<IngestResult>> running = new EnumMap<>(SourceKind.class);
    private final Map<SourceKind, Long> millis = new EnumMap<>(SourceKind.class);

    /**
     * Starts every ingest at once.
     *
     * @param staging the load's staging folder ({@code staging/<loadId>/})
     */
    SideBySideIngests(Path staging, Map<SourceKind, Supplier<IngestResult>> ingests) {
        this.staging = requireNonNull(staging, "staging");
        try {
            Files.createDirectories(staging);
            Files.write(staging.resolve(MARKER), new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + staging, e);
        }
        ingests.forEach((source, ingest) -> {
            FutureTask<IngestResult> task = new FutureTask<>(() -> {
                long started = System.nanoTime();
                try {
                    return ingest.get();
                } finally {
                    synchronized (millis) {
                        millis.put(source, (System.nanoTime() - started) / 1_000_000);
                    }
                }
            });
            running.put(source, task);
            Thread thread = new Thread(task, "nyckeltal-ingest-" + source.folder());
            thread.setDaemon(true);
            thread.start();
        });
    }

    /**
     * Whether these sources' new files are few enough to ingest side by side, and of more than one source (a
     * source without files only re-derives its facts, e.g. production's weights after a reference change).
     */
    static boolean suits(Map<SourceKind, List<LandingFile>> files) {
        if (files.values().stream().filter(f -> !f.isEmpty()).count() < 2) {
            return false;
        }
        long bytes = 0;
        for (List<LandingFile> ofSource : files.values()) {
            for (LandingFile file : ofSource) {
                try {
                    bytes += Files.size(file.path());
                } catch (IOException e) {
                    return false; // the ingest reports it; one after the other, as always
                }
            }
        }
        return bytes <= MAX_BYTES;
    }

    /**
     * One source's result, once it is done. A source that failed fails the load, but only once every other
     * source has ended: a failed load removes the staging folder they write to.
     */
    IngestResult result(SourceKind source) {
        FutureTask<IngestResult> task = running.get(source);
        if (task == null) {
            throw new IllegalArgumentException(source + " is not ingested here");
        }
        try {
            return outcome(task);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Each source's own wall time so far, in milliseconds. */
    Map<SourceKind, Long> millis() {
        synchronized (millis) {
            return new EnumMap<>(millis);
        }
    }

    /** Waits for every ingest to end (whatever their outcome) and removes the marker. */
    @Override
    public void close() {
        List<Throwable> failures = new ArrayList<>();
        for (FutureTask<IngestResult> task : running.values()) {
            try {
                outcome(task);
            } catch (RuntimeException | Error e) {
                failures.add(e); // the caller reports its own source's failure; the others are logged
            }
        }
        failures.forEach(e -> LOG.debug("a source ingested side by side failed", e));
        try {
            Files.deleteIfExists(staging.resolve(MARKER));
            Files.deleteIfExists(staging);
        } catch (DirectoryNotEmptyException stillStaged) {
            // the load's own clean-up removes it
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + staging, e);
        }
    }

    private static IngestResult outcome(FutureTask<IngestResult> task) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true; // a Spark job is not interruptible here: wait for it, then say so
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("an ingest failed", e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

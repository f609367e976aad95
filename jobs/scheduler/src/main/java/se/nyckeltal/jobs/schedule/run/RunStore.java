package se.nyckeltal.jobs.schedule.run;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The scheduler's durable state: one JSON file per run (the run and its task instances), one per
 * paused DAG, and the task logs. Every write goes to a temporary file, is forced to disk and renamed
 * into place, so a crash leaves the old or the new file, never half of one. Several processes may
 * use the folder at once — the scheduler, and {@code dags trigger} from a shell — because a run file
 * is created only if absent (a hard link, atomic) and afterwards written by the scheduler alone.
 *
 * <pre>
 * STATE/dags/&lt;dag_id&gt;/runs/&lt;run_id, URL-encoded&gt;.json   one run with its task instances
 * STATE/dags/&lt;dag_id&gt;/paused.json                         {"is_paused": true|false}, once set
 * STATE/logs/dag_id=&lt;d&gt;/run_id=&lt;r&gt;/task_id=&lt;t&gt;/attempt=&lt;n&gt;.log   Airflow's log layout
 * STATE/scheduler.lock                                  held by the running scheduler
 * </pre>
 */
public final class RunStore {
    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;
    private final Map<Path, Cached> cache = new HashMap<>();

    private record Cached(FileTime modified, long size, DagRun run) {}

    private record Paused(boolean isPaused) {}

    public RunStore(Path root) {
        this.root = requireNonNull(root, "root").toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the scheduler state folder " + this.root, e);
        }
    }

    public Path root() {
        return root;
    }

    /** Every run of the DAG, oldest logical date first. */
    public synchronized List<DagRun> runs(String dagId) {
        Path dir = runsDir(dagId);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<DagRun> runs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                runs.add(read(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        runs.sort(Comparator.comparing(DagRun::logicalDate).thenComparing(DagRun::runId));
        return runs;
    }

    public synchronized Optional<DagRun> run(String dagId, String runId) {
        Path file = runFile(dagId, runId);
        return Files.exists(file) ? Optional.of(read(file)) : Optional.empty();
    }

    /** Stores a new run; false (and nothing written) when a run with that id exists. */
    public synchronized boolean create(DagRun run) {
        Path target = runFile(run.dagId(), run.runId());
        Path tmp = write(target, run, ".new");
        try {
            Files.createLink(target, tmp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + target, e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a stray .new file is harmless: only *.json files are runs
            }
        }
    }

    /** Replaces a run's file with its new state. */
    public synchronized void save(DagRun run) {
        Path target = runFile(run.dagId(), run.runId());
        Path tmp = write(target, run, ".tmp");
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    public synchronized Optional<Boolean> paused(String dagId) {
        Path file = dagDir(dagId).resolve("paused.json");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), Paused.class).isPaused());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public synchronized void setPaused(String dagId, boolean paused) {
        Path target = dagDir(dagId).resolve("paused.json");
        Path tmp = write(target, new Paused(paused), ".tmp");
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** Where attempt {@code tryNumber} of a task writes its output (Airflow's default log path). */
    public Path logFile(String dagId, String runId, String taskId, int tryNumber) {
        return root.resolve("logs").resolve("dag_id=" + dagId).resolve("run_id=" + runId)
                .resolve("task_id=" + taskId).resolve("attempt=" + tryNumber + ".log");
    }

    /**
     * Takes the scheduler lock, or returns null when another scheduler holds it. The lock goes when
     * the channel closes or the process dies.
     */
    public FileChannel tryLockScheduler() {
        Path file = root.resolve("scheduler.lock");
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return null;
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)));
            return channel;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    /** True when a scheduler process holds the lock (checked by trying it). */
    public boolean schedulerRunning() {
        FileChannel channel = tryLockScheduler();
        if (channel == null) {
            return true;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // released either way
        }
        return false;
    }

    private DagRun read(Path file) {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            Cached cached = cache.get(file);
            if (cached != null && cached.modified().equals(modified) && cached.size() == size) {
                return cached.run();
            }
            DagRun run = JSON.readValue(file.toFile(), DagRun.class);
            cache.put(file, new Cached(modified, size, run));
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read run " + file + ": " + e.getMessage(), e);
        }
    }

    private Path write(Path target, Object value, String suffix) {
        try {
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling(target.getFileName() + suffix);
            byte[] bytes = JSON.writeValueAsBytes(value);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true); // on disk before the rename makes it the run's state
            }
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    private Path dagDir(String dagId) {
        return root.resolve("dags").resolve(dagId);
    }

    private Path runsDir(String dagId) {
        return dagDir(dagId).resolve("runs");
    }

    private Path runFile(String dagId, String runId) {
        return runsDir(dagId).resolve(URLEncoder.encode(runId, StandardCharsets.UTF_8) + ".json");
    }
}

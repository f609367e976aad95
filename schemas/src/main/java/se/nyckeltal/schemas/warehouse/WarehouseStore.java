package se.nyckeltal.schemas.warehouse;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads and writes the warehouse's small JSON state: snapshots, the current pointer and load
 * records. Every write goes to a temporary file first and is renamed into place, so a reader sees
 * either the old or the new file, never half of one.
 */
public final class WarehouseStore {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final WarehouseLayout layout;

    public WarehouseStore(WarehouseLayout layout) {
        this.layout = requireNonNull(layout, "layout");
    }

    public WarehouseLayout layout() {
        return layout;
    }

    /** The id of the published snapshot, if anything has been published. */
    public Optional<String> currentSnapshotId() {
        if (versionedPointers()) {
            return newestPointer().snapshotId();
        }
        Path pointer = layout.currentPointer();
        if (!Files.exists(pointer)) {
            return Optional.empty();
        }
        try {
            String id = Files.readString(pointer, StandardCharsets.UTF_8).strip();
            return id.isEmpty() ? Optional.empty() : Optional.of(id);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pointer, e);
        }
    }

    /** The published snapshot; empty for a warehouse where nothing has been published yet. */
    public Optional<Snapshot> publishedSnapshot() {
        return currentSnapshotId().map(this::readSnapshot);
    }

    /** The published snapshot, or {@link Snapshot#empty()} (nothing loaded) for a new warehouse. */
    public Snapshot currentSnapshot() {
        return publishedSnapshot().orElse(Snapshot.empty());
    }

    public Snapshot readSnapshot(String snapshotId) {
        return read(layout.snapshotFile(snapshotId), Snapshot.class);
    }

    public void writeSnapshot(Snapshot snapshot) {
        writeAtomically(layout.snapshotFile(snapshot.snapshotId()), toJson(snapshot));
    }

    /**
     * Makes {@code snapshotId} the published one — only if {@code base} is still the published one
     * (a compare-and-swap, as Iceberg's {@code commit(base, metadata)}). The compare and the atomic
     * rename of the pointer happen under {@link WarehouseLayout#publishLockFile()}, so two publishes,
     * in this process or another, cannot both succeed from the same base.
     *
     * @param base the snapshot the new one was built on; empty when it was built on an empty warehouse
     * @throws StaleSnapshotException when another snapshot was published since {@code base}; nothing changes
     */
    public void publish(Optional<String> base, String snapshotId) {
        requireNonNull(base, "base");
        requireNonNull(snapshotId, "snapshotId");
        if (versionedPointers()) {
            publishByPointer(base, snapshotId);
            return;
        }
        try {
            Files.createDirectories(layout.root());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + layout.root(), e);
        }
        try (FileChannel channel = FileChannel.open(layout.publishLockFile(), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lock(channel)) {
            Optional<String> current = currentSnapshotId();
            if (!current.equals(base)) {
                throw new StaleSnapshotException(snapshotId, base, current);
            }
            writeAtomically(layout.currentPointer(), snapshotId + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + layout.publishLockFile(), e);
        }
    }

    /**
     * A warehouse on a Hadoop store (HDFS, S3, Azure) publishes with versioned pointer files instead of
     * a renamed {@code current}: a rename is a copy and a delete on object stores, and there are no file
     * locks. The next pointer's name is one more than the newest; creating it (create-if-absent, never
     * rewritten) is the compare-and-swap: of two publishes from the same base only one can create it.
     */
    private boolean versionedPointers() {
        return layout.root().getFileSystem() != FileSystems.getDefault();
    }

    private void publishByPointer(Optional<String> base, String snapshotId) {
        Pointer newest = newestPointer();
        if (!newest.snapshotId().equals(base)) {
            throw new StaleSnapshotException(snapshotId, base, newest.snapshotId());
        }
        Path next = layout.publishedPointersDir().resolve(String.format("%020d", newest.number() + 1));
        try {
            Files.createDirectories(next.getParent());
            try (OutputStream out = Files.newOutputStream(next, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                out.write((snapshotId + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (FileAlreadyExistsException anotherPublishWon) {
            throw new StaleSnapshotException(snapshotId, base, newestPointer().snapshotId());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + next, e);
        }
    }

    /**
     * The highest pointer number and the snapshot of the newest valid pointer: one that ends in a line
     * break (a crash while writing leaves it without) and names a snapshot whose manifest exists.
     */
    private Pointer newestPointer() {
        Path dir = layout.publishedPointersDir();
        if (!Files.isDirectory(dir)) {
            return new Pointer(0, Optional.empty());
        }
        List<Path> pointers = pointersNewestFirst(dir);
        long highest = pointers.isEmpty() ? 0 : Long.parseLong(pointers.get(0).getFileName().toString());
        for (Path pointer : pointers) {
            Optional<String> id = readPointer(pointer);
            if (id.isPresent()) {
                return new Pointer(highest, id);
            }
        }
        return new Pointer(highest, Optional.empty());
    }

    private record Pointer(long number, Optional<String> snapshotId) {}

    /**
     * Deletes the versioned pointers nobody reads any more: those below the newest valid pointer whose
     * snapshot's manifest is gone (its catalogue was pruned). The newest valid pointer, every pointer above
     * it (the highest number is the next publish's compare-and-swap) and the pointers of snapshots still kept
     * stay. Without this a Hadoop store gains one file per publish for ever.
     *
     * @return how many pointers were deleted; 0 on the local file system, which has no pointers
     */
    public int pruneUnusedPointers() {
        Path dir = layout.publishedPointersDir();
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        boolean belowNewestValid = false;
        for (Path pointer : pointersNewestFirst(dir)) {
            Optional<String> id = readPointer(pointer);
            if (!belowNewestValid) {
                belowNewestValid = id.isPresent();
                continue;
            }
            if (id.isEmpty()) {
                try {
                    Files.deleteIfExists(pointer);
                    removed++;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete " + pointer, e);
                }
            }
        }
        return removed;
    }

    private static List<Path> pointersNewestFirst(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("\\d{20}"))
                    .sorted(Comparator.comparing((Path f) -> f.getFileName().toString()).reversed()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /**
     * The snapshot a pointer names when it is valid: complete (ends in a line break; a crash while writing
     * leaves it without) and naming a snapshot whose manifest exists. A pointer deleted meanwhile (pruned
     * by another process) is not valid.
     */
    private Optional<String> readPointer(Path pointer) {
        try {
            String text = new String(Files.readAllBytes(pointer), StandardCharsets.UTF_8);
            String id = text.strip();
            return text.endsWith("\n") && !id.isEmpty() && Files.isRegularFile(layout.snapshotFile(id))
                    ? Optional.of(id) : Optional.empty();
        } catch (NoSuchFileException pruned) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pointer, e);
        }
    }

    /** Waits for the publish lock; another thread of this JVM holding it shows as an overlap, not a wait. */
    private static FileLock lock(FileChannel channel) throws IOException {
        while (true) {
            try {
                return channel.lock();
            } catch (OverlappingFileLockException heldInThisJvm) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for the publish lock", e);
                }
            }
        }
    }

    public void writeLoadRecord(LoadRecord record) {
        writeAtomically(layout.loadRecordFile(record.loadId()), toJson(record));
    }

    /** Written last by a source task, so its presence means the prepared result is complete. */
    public void writePreparedSource(PreparedSource record) {
        writeAtomically(layout.preparedSourceFile(record.runId(), record.source()), toJson(record));
    }

    /** The record of a prepared source; empty when there is none or it cannot be read (then it is not used). */
    public Optional<PreparedSource> readPreparedSource(String runId, String source) {
        return readIfPresent(layout.preparedSourceFile(runId, source), PreparedSource.class);
    }

    public void writePreparedRun(PreparedRun record) {
        writeAtomically(layout.preparedRunFile(record.runId()), toJson(record));
    }

    public Optional<PreparedRun> readPreparedRun(String runId) {
        return readIfPresent(layout.preparedRunFile(runId), PreparedRun.class);
    }

    /** A prepared record found while sweeping, read by path; empty when unreadable. */
    public static Optional<PreparedSource> readPreparedSource(Path file) {
        return readIfPresent(file, PreparedSource.class);
    }

    public static Optional<PreparedRun> readPreparedRun(Path file) {
        return readIfPresent(file, PreparedRun.class);
    }

    private static <T> Optional<T> readIfPresent(Path file, Class<T> type) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(JSON.readValue(in, type));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    public void writeDagRunRecord(DagRunRecord record) {
        writeAtomically(layout.dagRunFile(record.dagId(), record.runId()), toJson(record));
    }

    /**
     * Every DAG run record, by file name. A file that does not parse is skipped: records are written
     * through a temporary file, so that is a leftover of a crash, rewritten on the run's next change.
     */
    public List<DagRunRecord> dagRunRecords() {
        Path dir = layout.dagRunsDir();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<DagRunRecord> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                try {
                    try (InputStream in = Files.newInputStream(file)) {
                        records.add(JSON.readValue(in, DagRunRecord.class));
                    }
                } catch (IOException halfWritten) {
                    // skipped, see above
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return records;
    }

    /** Every load record, oldest first. */
    public List<LoadRecord> loadRecords() {
        List<LoadRecord> records = new ArrayList<>();
        for (Path file : loadRecordFiles()) {
            records.add(read(file, LoadRecord.class));
        }
        records.sort(Comparator.comparing(LoadRecord::startedAt).thenComparing(LoadRecord::loadId));
        return records;
    }

    /**
     * What a load record says of its load without its files: the id, the start and the outcome. Every record lists
     * every file of the landing zone, so a year of nightly loads is ≈ 70 MB of records at scale M; a load that only
     * looks for RUNNING or FAILED ones reads the start of each file, up to its outcome (written before the files).
     * Ordered as {@link #loadRecords()}.
     */
    public List<LoadHead> loadHeads() {
        List<LoadHead> heads = new ArrayList<>();
        for (Path file : loadRecordFiles()) {
            heads.add(readHead(file));
        }
        heads.sort(Comparator.comparing(LoadHead::startedAt).thenComparing(LoadHead::loadId));
        return heads;
    }

    /** The files of the load records, in no particular order. */
    private List<Path> loadRecordFiles() {
        Path dir = layout.loadsDir();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** One load's record, whole. */
    public LoadRecord loadRecord(String loadId) {
        return read(layout.loadRecordFile(loadId), LoadRecord.class);
    }

    /** A load record's id, start and outcome ({@link #loadHeads()}). */
    public record LoadHead(String loadId, Instant startedAt, LoadRecord.Outcome outcome) {}

    private static LoadHead readHead(Path file) {
        String loadId = null;
        Instant startedAt = null;
        LoadRecord.Outcome outcome = null;
        try (InputStream in = Files.newInputStream(file); JsonParser parser = JSON.getFactory().createParser(in)) {
            boolean object = parser.nextToken() == JsonToken.START_OBJECT;
            while (object && (loadId == null || startedAt == null || outcome == null)
                    && parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "load_id" -> loadId = parser.getValueAsString();
                    case "started_at" -> startedAt = Instant.parse(parser.getValueAsString());
                    case "outcome" -> outcome = LoadRecord.Outcome.valueOf(parser.getValueAsString());
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), new IOException(e));
        }
        if (loadId == null || startedAt == null || outcome == null) {
            throw new UncheckedIOException("cannot read " + file + ": no load_id, started_at or outcome",
                    new IOException(file.toString()));
        }
        return new LoadHead(loadId, startedAt, outcome);
    }

    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(Path file, Class<T> type) {
        try (InputStream in = Files.newInputStream(file)) {
            return JSON.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeAtomically(Path target, String content) {
        try {
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}

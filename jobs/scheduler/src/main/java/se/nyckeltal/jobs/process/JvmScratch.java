package se.nyckeltal.jobs.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.nyckeltal.schemas.files.FileTree;

/**
 * Where a {@code nyckeltal} JVM writes scratch files: {@code java.io.tmpdir}, where DuckDB extracts its
 * 70 MB native library (deleted on a clean exit only), and Spark's block manager and shuffle folders
 * ({@code spark.local.dir}, put beside it). The JDK fixes the temp folder when the JVM starts, so the
 * launchers ({@code bin/nyckeltal}, {@link #newProcessFolder()} for child processes) give each JVM a
 * folder of its own, {@code <tmp>/nyckeltal-jvm-<id>}; the JVM writes its process id into it, and
 * every load removes the folders of processes that no longer run — what a {@code kill -9} left.
 */
public final class JvmScratch {
    /** The temp folder under which the per-process folders are. */
    public static final String ROOT_PROPERTY = "nyckeltal.jvm.tmp.root";
    public static final String PREFIX = "nyckeltal-jvm-";
    private static final String PID_FILE = "pid";
    /**
     * Locked by the JVM for as long as it runs. A process id alone cannot tell: processes in another PID
     * namespace (a container sharing the temp folder) look ended; a file lock is the kernel's, seen by all.
     */
    private static final String LOCK_FILE = "alive.lock";
    /** Held until the JVM exits (the lock goes with the channel). */
    private static FileChannel aliveLock;
    /** A folder without a pid file younger than this belongs to a JVM still starting. */
    private static final Duration STARTING = Duration.ofMinutes(10);

    private JvmScratch() {}

    /** The folder the per-process scratch folders are in. */
    public static Path root() {
        String configured = System.getProperty(ROOT_PROPERTY);
        if (configured != null) {
            return Path.of(configured);
        }
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        return tmp.getFileName() != null && tmp.getFileName().toString().startsWith(PREFIX) ? tmp.getParent() : tmp;
    }

    /**
     * A new scratch folder's path for a child JVM, to pass as its {@code -Djava.io.tmpdir}. Not created
     * here (a command line may never be run): the child's {@link #claimProcessTemp()} creates it first.
     */
    public static Path newProcessFolder() {
        return root().resolve(PREFIX + UUID.randomUUID().toString().substring(0, 8));
    }

    /**
     * Called first by the CLI: in a scratch folder of its own (started by a launcher), records this
     * process's id there and puts Spark's local dirs beside it, unless the operator chose others.
     */
    public static void claimProcessTemp() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        if (tmp.getFileName() == null || !tmp.getFileName().toString().startsWith(PREFIX)) {
            return;
        }
        try {
            Files.createDirectories(tmp);
            FileChannel lock = FileChannel.open(tmp.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            if (lock.tryLock() == null) {
                lock.close();
                return; // another process claimed this folder
            }
            aliveLock = lock;
            Files.writeString(tmp.resolve(PID_FILE), String.valueOf(ProcessHandle.current().pid()),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            return; // nothing to clean up after us then; the folder stays as the launcher made it
        }
        if (System.getProperty("spark.local.dir") == null && System.getenv("SPARK_LOCAL_DIRS") == null) {
            System.setProperty("spark.local.dir", tmp.resolve("spark").toString());
        }
        // A clean exit leaves nothing; a killed process leaves the folder to the next load.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                FileTree.delete(tmp);
            } catch (UncheckedIOException e) {
                // the next load removes what is left
            }
        }, "nyckeltal-scratch-cleanup"));
    }

    /** Removes the scratch folders of nyckeltal processes that no longer run; how many. */
    public static int removeDeadProcessTemps() {
        Path root = root();
        int removed = 0;
        if (!Files.isDirectory(root)) {
            return 0;
        }
        // This JVM's own folder is never looked into: closing any channel of its lock file would release the lock
        // this JVM holds on it (file locks belong to the process, not to the channel).
        Path own = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(root, PREFIX + "*")) {
            for (Path folder : folders) {
                if (Files.isDirectory(folder) && !Files.isSymbolicLink(folder)
                        && !folder.toAbsolutePath().normalize().equals(own) && ended(folder)) {
                    FileTree.delete(folder);
                    removed++;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            log().warn("cannot remove the scratch folders of ended processes in {}: {}", root, e.toString());
        }
        if (removed > 0) {
            log().info("removed the scratch folders of {} ended process(es) in {}", removed, root);
        }
        return removed;
    }

    /**
     * Asked for when needed, not held in a static field: {@link #claimProcessTemp()} runs first in every JVM, before
     * the logging configuration is read (≈ 0.15 s, which the CLI's start then does beside DuckDB's library).
     */
    private static Logger log() {
        return LoggerFactory.getLogger(JvmScratch.class);
    }

    private static boolean ended(Path folder) throws IOException {
        Path lockFile = folder.resolve(LOCK_FILE);
        if (Files.exists(lockFile)) {
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    return false; // its JVM runs, whatever its process id looks like from here
                }
                lock.release();
                return true;
            }
        }
        Path pidFile = folder.resolve(PID_FILE);
        if (!Files.exists(pidFile)) {
            return Files.getLastModifiedTime(folder).toInstant().isBefore(Instant.now().minus(STARTING));
        }
        String pid = Files.readString(pidFile, StandardCharsets.UTF_8).strip();
        if (pid.isEmpty() || !pid.chars().allMatch(Character::isDigit)) {
            return true;
        }
        return ProcessHandle.of(Long.parseLong(pid)).map(p -> !p.isAlive()).orElse(true);
    }
}

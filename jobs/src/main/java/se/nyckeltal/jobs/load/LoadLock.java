package se.nyckeltal.jobs.load;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import se.nyckeltal.etl.storage.StorePaths;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;

/**
 * The warehouse's "one load at a time" lock, {@code W/.lock}. On a local disk an OS file lock, which the
 * OS releases when the process dies. A Hadoop store (HDFS, S3) has no file locks: there the lock is a
 * lease file, created if absent, naming its owner ({@code host pid token}) and kept fresh by touching its
 * modification time every {@link #RENEW}; a lease not touched for {@link #EXPIRY}, or held by a process
 * of this host that no longer runs, belonged to a load that died and is taken over.
 */
final class LoadLock implements AutoCloseable {
    static final Duration RENEW = Duration.ofSeconds(20);
    static final Duration EXPIRY = Duration.ofMinutes(2);

    private final FileChannel channel;
    private final FileLock fileLock;
    private final Path lease;
    private final ScheduledExecutorService renewer;

    private LoadLock(FileChannel channel, FileLock fileLock, Path lease, ScheduledExecutorService renewer) {
        this.channel = channel;
        this.fileLock = fileLock;
        this.lease = lease;
        this.renewer = renewer;
    }

    /** @throws LoadFailedException when another load holds the lock */
    static LoadLock acquire(WarehouseLayout layout) {
        return tryAcquire(layout.lockFile()).orElseThrow(() -> running(layout));
    }

    /**
     * The same kind of lock on any file of the warehouse (the prepared folders of the nightly DAG's tasks use
     * them): empty when a live process holds it, this one included.
     */
    static java.util.Optional<LoadLock> tryAcquire(Path file) {
        try {
            if (StorePaths.remote(file)) {
                return java.util.Optional.ofNullable(lease(file));
            }
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new LoadLock(channel, lock, null, null));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    /** The lease, or null when a live process holds it. */
    private static LoadLock lease(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        String owner = InetAddress.getLocalHost().getHostName() + " " + ProcessHandle.current().pid() + " "
                + UUID.randomUUID();
        for (int attempt = 0; attempt < 2; attempt++) {
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                out.write((owner + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (FileAlreadyExistsException held) {
                if (!expired(file)) {
                    return null;
                }
                Files.deleteIfExists(file); // a dead load's lease
                continue;
            }
            // Two loads taking over one dead lease at once: the one whose owner line is in the file won.
            if (!Files.readString(file, StandardCharsets.UTF_8).strip().equals(owner)) {
                return null;
            }
            ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "load-lease-renewal");
                thread.setDaemon(true);
                return thread;
            });
            renewer.scheduleAtFixedRate(() -> touch(file), RENEW.toSeconds(), RENEW.toSeconds(), TimeUnit.SECONDS);
            return new LoadLock(null, null, file, renewer);
        }
        return null;
    }

    private static boolean expired(Path file) throws IOException {
        try {
            Instant touched = Files.getLastModifiedTime(file).toInstant();
            if (touched.plus(EXPIRY).isBefore(Instant.now())) {
                return true;
            }
            String[] owner = Files.readString(file, StandardCharsets.UTF_8).strip().split(" ");
            // Written whole or not yet: a lease without its owner line is one being created right now.
            return owner.length == 3 && owner[0].equals(InetAddress.getLocalHost().getHostName())
                    && ProcessHandle.of(Long.parseLong(owner[1])).isEmpty();
        } catch (NoSuchFileException released) {
            return true;
        }
    }

    private static void touch(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        } catch (IOException | RuntimeException e) {
            // the next renewal tries again; a lease unrenewed for EXPIRY may be taken over
        }
    }

    private static LoadFailedException running(WarehouseLayout layout) {
        return new LoadFailedException("another load is running on " + layout.root(),
                "wait for it to finish (it holds " + layout.lockFile() + ")", null);
    }

    @Override
    public void close() throws IOException {
        if (fileLock != null) {
            try (FileChannel open = channel) {
                fileLock.release();
            }
            return;
        }
        renewer.shutdownNow();
        Files.deleteIfExists(lease);
    }
}

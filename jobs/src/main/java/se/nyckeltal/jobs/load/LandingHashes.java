package se.nyckeltal.jobs.load;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Content hashes of landing files, remembered between loads the way git's index remembers them: a file
 * whose path, size, modification time and file key (inode) are unchanged is not read again. Every load
 * lists the whole landing zone to tell new deliveries from published ones, and without this the
 * listing reads years of history every night. A file written anew — in place or by a rename — gets
 * another modification time or inode and is hashed again.
 *
 * <p>Kept in {@code W/meta/landing_hashes.json}; losing it costs one full re-hash, nothing else. A nightly DAG run's
 * source tasks hash the new files they stage and leave those hashes beside what they staged ({@link #writeEntries});
 * the run's load takes them as it takes its own memory ({@link #load(Path, List)}), by the same rule, so the night's
 * files are read once for their hash, not twice.
 */
public final class LandingHashes {
    private static final Logger LOG = LoggerFactory.getLogger(LandingHashes.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a hash was computed from. */
    record Entry(long size, long modifiedNanos, String fileKey, String sha256) {}

    private final Path file;
    /** What {@link #file} holds. */
    private final Map<String, Entry> known;
    /** What a DAG run's source tasks hashed for its load; never written to {@link #file} unless seen again. */
    private final Map<String, Entry> staged;
    private final Map<String, Entry> seen = new ConcurrentHashMap<>();

    private LandingHashes(Path file, Map<String, Entry> known, Map<String, Entry> staged) {
        this.file = file;
        this.known = known;
        this.staged = staged;
    }

    /** No memory: every file is hashed (a landing zone listed without a warehouse). */
    static LandingHashes none() {
        return new LandingHashes(null, Map.of(), Map.of());
    }

    /** The hashes the warehouse remembers; an unreadable file is ignored (everything is hashed again). */
    static LandingHashes load(Path file) {
        return load(file, List.of());
    }

    /**
     * The hashes the warehouse remembers, and those a DAG run's source tasks wrote for the files they staged
     * ({@link #writeEntries}; a file that does not exist is skipped). Either counts only for a file whose size,
     * modification time and inode are still those hashed.
     */
    static LandingHashes load(Path file, List<Path> stagedFiles) {
        requireNonNull(file, "file");
        Map<String, Entry> staged = new HashMap<>();
        for (Path stagedFile : stagedFiles) {
            staged.putAll(read(stagedFile, "hashing the files its task staged again"));
        }
        return new LandingHashes(file, read(file, "hashing every landing file again"), staged);
    }

    private static Map<String, Entry> read(Path file, String otherwise) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return JSON.readValue(in, new TypeReference<Map<String, Entry>>() {});
        } catch (IOException e) {
            LOG.warn("cannot read {} ({}); {}", file, e.getMessage(), otherwise);
            return Map.of();
        }
    }

    /** The SHA-256 of a landing file, from memory when the file is unchanged. */
    String sha256(Path path) {
        String key = path.toAbsolutePath().normalize().toString();
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            long size = attributes.size();
            long modified = attributes.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
            String fileKey = String.valueOf(attributes.fileKey());
            Entry entry = unchanged(known.get(key), size, modified, fileKey);
            if (entry == null) {
                entry = unchanged(staged.get(key), size, modified, fileKey);
            }
            if (entry == null) {
                entry = new Entry(size, modified, fileKey, hash(path));
                BasicFileAttributes after = Files.readAttributes(path, BasicFileAttributes.class);
                if (after.size() != size || after.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS)
                        != modified) {
                    // written while hashed: the hash is of no version; the stat after parsing sees the change
                    entry = new Entry(-1, -1, fileKey, entry.sha256());
                }
            }
            seen.put(key, entry);
            return entry.sha256();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** {@code entry} when it was hashed from a file of this size, modification time and inode, else null. */
    private static Entry unchanged(Entry entry, long size, long modifiedNanos, String fileKey) {
        return entry != null && entry.size() == size && entry.modifiedNanos() == modifiedNanos
                && entry.fileKey().equals(fileKey) ? entry : null;
    }

    /**
     * Writes what this listing hashed (or remembered) for {@code files} to {@code target}, for another process's
     * {@link #load(Path, List)}: a DAG source task's, for its run's load. A file this listing did not see is left
     * out; a failure to write is logged, and costs the load one hash of each file.
     */
    void writeEntries(Path target, Collection<Path> files) {
        Map<String, Entry> entries = new TreeMap<>();
        for (Path path : files) {
            String key = path.toAbsolutePath().normalize().toString();
            Entry entry = seen.get(key);
            if (entry != null) {
                entries.put(key, entry);
            }
        }
        try {
            write(target, entries);
        } catch (IOException e) {
            LOG.warn("cannot write {} ({}); the load hashes these files again", target, e.getMessage());
        }
    }

    /**
     * Whether a file hashed by this load has another size, modification time or inode now: then the bytes
     * a parser read may not be the bytes hashed. A file this load did not hash counts as changed.
     */
    boolean changedSinceHashed(Path path) {
        Entry entry = seen.get(path.toAbsolutePath().normalize().toString());
        if (entry == null) {
            return true;
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return attributes.size() != entry.size()
                    || attributes.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS) != entry.modifiedNanos()
                    || !String.valueOf(attributes.fileKey()).equals(entry.fileKey());
        } catch (IOException gone) {
            return true;
        }
    }

    /** Remembers the files seen by this load (only those: deleted files are forgotten). */
    void save() {
        if (file == null || seen.equals(known)) {
            return;
        }
        try {
            write(file, new TreeMap<>(seen));
        } catch (IOException e) {
            LOG.warn("cannot write {} ({}); the next load hashes every landing file again", file, e.getMessage());
        }
    }

    private static void write(Path target, Map<String, Entry> entries) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            JSON.writeValue(out, entries);
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String hash(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

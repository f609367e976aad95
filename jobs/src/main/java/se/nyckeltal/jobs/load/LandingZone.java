package se.nyckeltal.jobs.load;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import se.nyckeltal.etl.extract.LandingFile;
import se.nyckeltal.schemas.contract.LedgerContract;
import se.nyckeltal.schemas.contract.SourceKind;
import se.nyckeltal.schemas.reference.ReferenceData;

/**
 * The landing folder as the load sees it (SPEC §3): {@code ledger/}, {@code production/}, {@code listings/},
 * {@code hr/} and optional {@code reference/}. Files are taken in file-name order.
 *
 * <p>Only what lies inside the landing zone is read: a file or source folder that is a symbolic link
 * leading outside it is refused (a link to {@code /etc/shadow} must not become a delivery). A file that
 * may still be being written waits for a later load: younger than {@link Readiness#minFileAge}, or —
 * where the region's extract system writes markers — without its {@code x.csv.done}.
 *
 * @param hashes content hashes remembered from earlier loads
 */
public record LandingZone(Path root, LandingHashes hashes, Readiness readiness) {
    private static final List<String> CSV_SUFFIXES = List.of(".csv", ".txt", ".tsv");
    /** The marker an extract system writes beside {@code x.csv} once {@code x.csv} is complete. */
    static final String DONE_SUFFIX = ".done";

    /**
     * When a landing file counts as delivered.
     *
     * @param minFileAge files modified less than this long before {@code now} wait
     * @param doneMarkers a file waits until {@code <file>.done} exists
     * @param now the load's start
     */
    public record Readiness(Duration minFileAge, boolean doneMarkers, Instant now) {
        public Readiness {
            requireNonNull(minFileAge, "minFileAge");
            requireNonNull(now, "now");
        }

        /** Every file is ready. */
        static Readiness any() {
            return new Readiness(Duration.ZERO, false, Instant.EPOCH);
        }
    }

    public LandingZone {
        requireNonNull(root, "root");
        requireNonNull(hashes, "hashes");
        requireNonNull(readiness, "readiness");
        root = root.toAbsolutePath().normalize();
    }

    public LandingZone(Path root, LandingHashes hashes) {
        this(root, hashes, Readiness.any());
    }

    /** A landing zone whose every file is hashed when listed. */
    public LandingZone(Path root) {
        this(root, LandingHashes.none());
    }

    /** The reference override folder, or null when the landing zone has none. */
    public Path referenceDir() {
        Path dir = root.resolve("reference");
        return Files.isDirectory(dir) ? dir : null;
    }

    /** {@link ReferenceData#REQUIRED_FILE_NAMES} not in {@code reference/}, in that order; empty when all are there. */
    public List<String> missingRequiredReference() {
        Path dir = root.resolve("reference");
        return ReferenceData.REQUIRED_FILE_NAMES.stream().filter(name -> !Files.isRegularFile(dir.resolve(name))).toList();
    }

    /** Files of {@code reference/} (or the folder itself) that are symbolic links leading outside the landing zone. */
    public List<String> referenceLinksOutside() {
        Path dir = root.resolve("reference");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        Path realRoot = realPath(root);
        if (!realPath(dir).startsWith(realRoot)) {
            return List.of("reference/");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isSymbolicLink).filter(link -> !insideLandingZone(link, realRoot)).sorted()
                    .map(link -> "reference/" + link.getFileName()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** The folder the region's reference files go in (whether or not it exists yet). */
    public Path referenceFolder() {
        return root.resolve("reference");
    }

    /** A landing file not read, and why (never quoting its content). */
    public record Skipped(String relativePath, String reason) {}

    /**
     * What a source folder holds: files to read, files that are not extracts (reported, not read), files
     * still being written (read by a later load) and links refused.
     */
    public record Listing(List<LandingFile> files, List<String> unsupported, List<Skipped> waiting,
            List<Skipped> refused) {
        public Listing(List<LandingFile> files, List<String> unsupported) {
            this(files, unsupported, List.of(), List.of());
        }
    }

    public Listing list(SourceKind source) {
        Path dir = root.resolve(source.folder());
        List<LandingFile> files = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        List<Skipped> waiting = new ArrayList<>();
        List<Skipped> refused = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return new Listing(files, unsupported, waiting, refused);
        }
        Path realRoot = realPath(root);
        if (!realPath(dir).startsWith(realRoot)) {
            refused.add(new Skipped(source.folder() + "/", "the folder " + source.folder() + "/ is a symbolic link"
                    + " leading outside the landing zone " + root + "; refused: make it a real folder"));
            return new Listing(files, unsupported, waiting, refused);
        }
        List<Path> extracts = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path path : entries.sorted().toList()) {
                String name = path.getFileName().toString();
                String relative = source.folder() + "/" + name;
                if (name.startsWith(".") || name.startsWith("~$") || name.endsWith(DONE_SUFFIX)) {
                    continue; // hidden files, editors' lock files and markers are never deliveries
                }
                if (Files.isSymbolicLink(path) && !insideLandingZone(path, realRoot)) {
                    refused.add(new Skipped(relative, relative + " is a symbolic link leading outside the landing"
                            + " zone; refused: copy the file into the landing zone instead"));
                    continue;
                }
                if (!Files.isRegularFile(path)) {
                    continue;
                }
                if (!isExtract(source, name)) {
                    unsupported.add(relative);
                } else {
                    String notReady = notReady(path);
                    if (notReady != null) {
                        waiting.add(new Skipped(relative, notReady));
                    } else {
                        extracts.add(path);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        // Hashing reads whole files: new ones on all cores at once, the rest from memory.
        List<String> hashed = extracts.parallelStream().map(hashes::sha256).toList();
        for (int i = 0; i < extracts.size(); i++) {
            Path path = extracts.get(i);
            files.add(new LandingFile(path, source.folder() + "/" + path.getFileName(), hashed.get(i)));
        }
        return new Listing(files, unsupported, waiting, refused);
    }

    /** Why a file may still be being written, or null when it counts as delivered. */
    private String notReady(Path path) throws IOException {
        if (readiness.doneMarkers() && !Files.exists(path.resolveSibling(path.getFileName() + DONE_SUFFIX))) {
            return "no " + path.getFileName() + DONE_SUFFIX + " marker yet: the extract is not complete";
        }
        if (!readiness.minFileAge().isZero()) {
            Instant modified = Files.getLastModifiedTime(path).toInstant();
            Duration age = Duration.between(modified, readiness.now());
            if (age.compareTo(readiness.minFileAge()) < 0) {
                return "modified " + Math.max(0, age.toSeconds()) + " s before the load, less than --min-file-age "
                        + readiness.minFileAge().toSeconds() + " s: it may still be being written";
            }
        }
        return null;
    }

    private static boolean insideLandingZone(Path link, Path realRoot) {
        try {
            return link.toRealPath().startsWith(realRoot);
        } catch (IOException dangling) {
            return false;
        }
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + path, e);
        }
    }

    private static boolean isExtract(SourceKind source, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (CSV_SUFFIXES.stream().anyMatch(lower::endsWith)) {
            return true;
        }
        return source == SourceKind.LEDGER && LedgerContract.SIE_SUFFIXES.stream().anyMatch(lower::endsWith);
    }
}

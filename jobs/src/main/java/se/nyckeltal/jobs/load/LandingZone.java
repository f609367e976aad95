package se.nyckeltal.jobs.load;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
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
 */
public record LandingZone(Path root, LandingHashes hashes) {
    private static final List<String> CSV_SUFFIXES = List.of(".csv", ".txt", ".tsv");

    /** @param hashes content hashes remembered from earlier loads */
    public LandingZone {
        requireNonNull(root, "root");
        requireNonNull(hashes, "hashes");
        root = root.toAbsolutePath().normalize();
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

    /** The folder the region's reference files go in (whether or not it exists yet). */
    public Path referenceFolder() {
        return root.resolve("reference");
    }

    /** What a source folder holds: files to read, and files that are not extracts (reported, not read). */
    public record Listing(List<LandingFile> files, List<String> unsupported) {}

    public Listing list(SourceKind source) {
        Path dir = root.resolve(source.folder());
        List<LandingFile> files = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return new Listing(files, unsupported);
        }
        List<Path> extracts = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path path : entries.sorted().toList()) {
                String name = path.getFileName().toString();
                if (name.startsWith(".") || name.startsWith("~$") || !Files.isRegularFile(path)) {
                    continue; // hidden files and editors' lock files are never deliveries
                }
                if (isExtract(source, name)) {
                    extracts.add(path);
                } else {
                    unsupported.add(source.folder() + "/" + name);
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
        return new Listing(files, unsupported);
    }

    private static boolean isExtract(SourceKind source, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (CSV_SUFFIXES.stream().anyMatch(lower::endsWith)) {
            return true;
        }
        return source == SourceKind.LEDGER && LedgerContract.SIE_SUFFIXES.stream().anyMatch(lower::endsWith);
    }
}

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

/**
 * The landing folder as the load sees it (SPEC §3): {@code ledger/}, {@code production/},
 * {@code hr/} and optional {@code reference/}. Files are taken in file-name order.
 */
public record LandingZone(Path root) {
    private static final List<String> CSV_SUFFIXES = List.of(".csv", ".txt", ".tsv");

    public LandingZone {
        requireNonNull(root, "root");
        root = root.toAbsolutePath().normalize();
    }

    /** The reference override folder, or null when the landing zone has none. */
    public Path referenceDir() {
        Path dir = root.resolve("reference");
        return Files.isDirectory(dir) ? dir : null;
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
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path path : entries.sorted().toList()) {
                String name = path.getFileName().toString();
                if (name.startsWith(".") || name.startsWith("~$") || !Files.isRegularFile(path)) {
                    continue; // hidden files and editors' lock files are never deliveries
                }
                String relative = source.folder() + "/" + name;
                if (isExtract(source, name)) {
                    files.add(new LandingFile(path, relative, sha256(path)));
                } else {
                    unsupported.add(relative);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
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

    static String sha256(Path file) {
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

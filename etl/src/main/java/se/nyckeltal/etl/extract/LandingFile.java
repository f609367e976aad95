package se.nyckeltal.etl.extract;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * A delivered file to ingest.
 *
 * @param path absolute path of the file
 * @param relativePath landing-relative with '/', e.g. {@code ledger/huvudbok-2024-03.csv}; this is
 *     the name the file has in facts (source_file), quarantine and load records
 * @param sha256 hex SHA-256 of the content
 */
public record LandingFile(Path path, String relativePath, String sha256) {
    public LandingFile {
        requireNonNull(path, "path");
        requireNonNull(relativePath, "relativePath");
        requireNonNull(sha256, "sha256");
    }

    /** The last segment of the path, e.g. {@code huvudbok-2024-03.csv}. */
    public String fileName() {
        return path.getFileName().toString();
    }
}

package se.nyckeltal.schemas.warehouse;

import static java.util.Objects.requireNonNull;

/** A delivered file whose content has been published; the same content is skipped next time. */
public record LoadedFile(String sha256, String path, String loadId) {
    public LoadedFile {
        requireNonNull(sha256, "sha256");
        requireNonNull(path, "path");
        requireNonNull(loadId, "loadId");
    }
}

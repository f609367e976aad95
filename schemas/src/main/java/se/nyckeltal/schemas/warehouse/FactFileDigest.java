package se.nyckeltal.schemas.warehouse;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A fact file as its snapshot's manifest records it: size and SHA-256 of the content. A file that no
 * longer matches (overwritten, truncated, swapped for another partition's file) is refused by the
 * catalogue build and the gateway instead of being read as if it were the partition.
 */
public record FactFileDigest(long size, String sha256) {
    public FactFileDigest {
        requireNonNull(sha256, "sha256");
    }

    public static FactFileDigest of(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            long size = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
                size += n;
            }
            return new FactFileDigest(size, HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What differs between the recorded digest and the file now, or null when it matches. */
    public String mismatch(Path file) {
        long actualSize;
        try {
            actualSize = Files.size(file);
        } catch (IOException e) {
            return "it cannot be read (" + e.getMessage() + ")";
        }
        if (actualSize != size) {
            return "it has " + actualSize + " bytes, the manifest records " + size;
        }
        String actual = of(file).sha256();
        return actual.equals(sha256) ? null : "its content hash is " + actual + ", the manifest records " + sha256;
    }
}

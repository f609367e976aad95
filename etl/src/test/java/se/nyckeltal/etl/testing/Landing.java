package se.nyckeltal.etl.testing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import se.nyckeltal.etl.extract.LandingFile;

/**
 * A landing folder that tests fill with deliveries byte by byte, so a test can say exactly which
 * encoding, byte-order mark, line ending and separator a file has.
 */
public final class Landing {
    public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Path root;

    public Landing(Path root) {
        this.root = requireNonNull(root, "root");
    }

    public Path root() {
        return root;
    }

    /** Writes {@code relativePath} (e.g. {@code ledger/a.csv}) with exactly these bytes. */
    public LandingFile write(String relativePath, byte[] content) {
        Path file = root.resolve(relativePath);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LandingFile(file.toAbsolutePath(), relativePath, sha256(content));
    }

    /** Text as UTF-8 without byte-order mark; line endings are whatever the text holds. */
    public LandingFile write(String relativePath, String text) {
        return write(relativePath, text.getBytes(StandardCharsets.UTF_8));
    }

    public LandingFile write(String relativePath, String text, Charset charset) {
        return write(relativePath, text.getBytes(charset));
    }

    /** Text as UTF-8 with a byte-order mark, as Excel saves "CSV UTF-8". */
    public LandingFile writeWithBom(String relativePath, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[UTF8_BOM.length + body.length];
        System.arraycopy(UTF8_BOM, 0, content, 0, UTF8_BOM.length);
        System.arraycopy(body, 0, content, UTF8_BOM.length, body.length);
        return write(relativePath, content);
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

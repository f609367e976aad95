package se.nyckeltal.etl.hr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;

/**
 * Where the HR pseudonym key comes from, first match wins: the key file an operator configured
 * ({@code --pseudonym-key-file}), the environment variable {@value #ENVIRONMENT_VARIABLE}, or the
 * warehouse's own key {@code W/restricted/pseudonym.key}, generated on the first HR load so that a
 * fresh warehouse loads out of the box. A generated key is logged loudly: it must be backed up, and
 * should be configured explicitly, because pseudonyms (and with them sick spells across months) only
 * stay stable as long as the key does.
 *
 * @param keyFile the configured key file, or null
 * @param environmentValue the value of {@value #ENVIRONMENT_VARIABLE}, or null
 */
public record PseudonymKeySource(Path keyFile, String environmentValue) {
    public static final String ENVIRONMENT_VARIABLE = "NYCKELTAL_PSEUDONYM_KEY";
    private static final Logger LOG = LoggerFactory.getLogger(PseudonymKeySource.class);
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    /** The configured file, else this process's {@value #ENVIRONMENT_VARIABLE}, else the warehouse's key. */
    public static PseudonymKeySource fromEnvironment(Path keyFile) {
        return new PseudonymKeySource(keyFile, System.getenv(ENVIRONMENT_VARIABLE));
    }

    /** The key file a warehouse generates when no key is configured. */
    public static Path generatedKeyFile(WarehouseLayout layout) {
        return layout.generatedPseudonymKeyFile();
    }

    /**
     * @throws IllegalArgumentException when the configured key is missing, unreadable or too short
     */
    public PseudonymKey resolve(WarehouseLayout layout) {
        if (keyFile != null) {
            if (!Files.isRegularFile(keyFile)) {
                throw new IllegalArgumentException("pseudonym key file " + keyFile + " does not exist");
            }
            warnIfReadableByOthers(keyFile);
            return PseudonymKey.of(read(keyFile), "key file " + keyFile);
        }
        if (environmentValue != null && !environmentValue.isBlank()) {
            return PseudonymKey.of(environmentValue, "environment variable " + ENVIRONMENT_VARIABLE);
        }
        Path generated = generatedKeyFile(layout);
        if (Files.isRegularFile(generated)) {
            LOG.warn("HR employee ids are pseudonymised with the key nyckeltal generated in {}: configure it explicitly"
                    + " (--pseudonym-key-file or {}) and keep a backup of it", generated, ENVIRONMENT_VARIABLE);
            return PseudonymKey.of(read(generated), "generated key file " + generated);
        }
        return PseudonymKey.of(generate(generated), "generated key file " + generated);
    }

    private static String generate(Path file) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String key = Base64.getEncoder().encodeToString(random);
        try {
            RestrictedArea.prepare(file.getParent());
            if (posix(file.getParent())) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, key + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException raced) {
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generated pseudonym key " + file, e);
        }
        LOG.warn("""

                ************************************************************************************************
                  NO PSEUDONYM KEY CONFIGURED: nyckeltal generated a random one in
                    {}
                  (readable by this user only). HR employee ids are pseudonymised with it; the pseudonyms, and
                  with them sick spells that run across loads, stay stable only as long as this key does.
                  BACK IT UP with the warehouse, and configure it explicitly for production:
                    --pseudonym-key-file {}   or   {}=<key>
                  If it is lost, HR data must be reloaded from the extracts into a new warehouse.
                ************************************************************************************************""",
                file, file, ENVIRONMENT_VARIABLE);
        return key;
    }

    private static boolean posix(Path path) {
        return Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
    }

    private static void warnIfReadableByOthers(Path file) {
        try {
            if (posix(file) && !Files.getPosixFilePermissions(file).stream()
                    .allMatch(p -> p == PosixFilePermission.OWNER_READ || p == PosixFilePermission.OWNER_WRITE
                            || p == PosixFilePermission.OWNER_EXECUTE)) {
                LOG.warn("pseudonym key file {} can be read by other users ({}); chmod 600 it", file,
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            }
        } catch (IOException | UnsupportedOperationException e) {
            // permissions unknown: nothing to warn about
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pseudonym key file " + file, e);
        }
    }

    @Override
    public String toString() {
        return "PseudonymKeySource[keyFile=" + keyFile + ", environment=" + (environmentValue == null ? "unset" : "set")
                + "]";
    }
}

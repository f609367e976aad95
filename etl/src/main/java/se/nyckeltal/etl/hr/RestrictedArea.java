package se.nyckeltal.etl.hr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * {@code W/restricted/}: employee-level HR data and the generated pseudonym key. Readable by the
 * owner (the user that runs the loads) only, on file systems that have permissions.
 */
public final class RestrictedArea {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private RestrictedArea() {}

    /** Creates the folder owner-only, or makes an existing one owner-only. */
    public static void prepare(Path restrictedDir) {
        try {
            Files.createDirectories(restrictedDir);
            if (Files.getFileAttributeView(restrictedDir, PosixFileAttributeView.class) != null
                    && !Files.getPosixFilePermissions(restrictedDir).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(restrictedDir, OWNER_ONLY);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the restricted folder " + restrictedDir, e);
        }
    }
}

package se.nyckeltal.schemas.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Removes a folder and everything under it — staging areas, scratch warehouses, temporary folders.
 * One behaviour everywhere: a missing folder is fine (it may already be gone), anything that cannot
 * be removed fails with the path that could not.
 */
public final class FileTree {
    private FileTree() {}

    /**
     * Deletes {@code root} and its contents; does nothing when it does not exist.
     *
     * @throws UncheckedIOException naming the file or folder that could not be removed
     */
    public static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot remove " + path + " (removing " + root + ")", e);
                }
            }
        } catch (NoSuchFileException goneMeanwhile) {
            // removed by someone else while we walked it: what we wanted
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + root, e);
        }
    }
}

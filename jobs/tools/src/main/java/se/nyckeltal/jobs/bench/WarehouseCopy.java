package se.nyckeltal.jobs.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import se.nyckeltal.schemas.files.FileTree;

/**
 * A warehouse folder as it is now, for a second run from the same state: Parquet fact and quarantine files
 * are hard links (a committed Parquet file is never written again, only deleted), everything else is copied
 * (the current pointer, records, manifests and landing hashes are replaced, catalogues rebuilt, the key
 * fingerprint rewritten in place); the locks are left behind.
 */
final class WarehouseCopy {
    private WarehouseCopy() {}

    static void copy(Path from, Path to) {
        FileTree.delete(to);
        try (Stream<Path> tree = Files.walk(from)) {
            for (Path source : tree.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                String name = source.getFileName().toString();
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (!name.equals(".lock") && !name.equals(".publish.lock")) {
                    if (!name.endsWith(".parquet") || !link(source, target)) {
                        Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the warehouse " + from + " to " + to, e);
        }
    }

    private static boolean link(Path source, Path target) {
        try {
            Files.createLink(target, source);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}

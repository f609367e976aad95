package se.nyckeltal.schemas.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreeTest {
    @TempDir
    Path tmp;

    @Test
    void removesAFolderWithEverythingUnderIt() throws Exception {
        Path root = tmp.resolve("staging");
        Files.createDirectories(root.resolve("ledger/period=202401"));
        Files.writeString(root.resolve("ledger/period=202401/part-0.parquet"), "x");
        Files.writeString(root.resolve("top.txt"), "y");

        FileTree.delete(root);

        assertThat(root).doesNotExist();
        assertThat(tmp).exists();
    }

    @Test
    void aMissingFolderIsAlreadyRemoved() {
        FileTree.delete(tmp.resolve("never-made"));
        assertThat(tmp.resolve("never-made")).doesNotExist();
    }
}

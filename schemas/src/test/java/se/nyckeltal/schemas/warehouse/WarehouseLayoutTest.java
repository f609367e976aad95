package se.nyckeltal.schemas.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarehouseLayoutTest {

    @TempDir
    Path root;

    @Test
    void factPartitionFolderHasAZeroPaddedMonth() {
        WarehouseLayout layout = new WarehouseLayout(root);

        assertThat(layout.relative(layout.factPartitionDir("ledger", 202403))).isEqualTo("facts/ledger/year=2024/month=03");
        assertThat(layout.relative(layout.factPartitionDir("ledger", 202412))).isEqualTo("facts/ledger/year=2024/month=12");
    }

    @Test
    void relativePathsUseForwardSlashesAndResolveBack() {
        WarehouseLayout layout = new WarehouseLayout(root);
        Path snapshot = layout.snapshotFile("s1");

        assertThat(layout.relative(snapshot)).isEqualTo("snapshots/s1.json");
        assertThat(layout.resolve("snapshots/s1.json")).isEqualTo(snapshot);
    }

    @Test
    void rootIsMadeAbsoluteAndNormal() {
        WarehouseLayout layout = new WarehouseLayout(root.resolve("a/../w"));

        assertThat(layout.root()).isEqualTo(root.resolve("w").toAbsolutePath());
        assertThat(layout.currentPointer()).isEqualTo(root.resolve("w/current"));
    }
}

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

    @Test
    void aDagRunsPreparedFolderIsASafeNameOfItsOwn() {
        WarehouseLayout layout = new WarehouseLayout(root);
        String run = "scheduled__2025-03-14T03:30:00+00:00";

        // ':' and '+' are no part of a folder name Spark and Hadoop paths take; a hash keeps ids apart
        assertThat(WarehouseLayout.preparedRunFolder(run)).matches("scheduled__2025-03-14T03_30_00_00_00-[0-9a-f]{8}");
        assertThat(WarehouseLayout.preparedRunFolder("scheduled__2025-03-14T03_30_00_00_00"))
                .isNotEqualTo(WarehouseLayout.preparedRunFolder(run));
        assertThat(layout.relative(layout.preparedSourceFile(run, "ledger")))
                .isEqualTo("prepared/" + WarehouseLayout.preparedRunFolder(run) + "/ledger.json");
        assertThat(layout.preparedSourceDir(run, "hr").getParent()).isEqualTo(layout.preparedRunDir(run));
    }
}

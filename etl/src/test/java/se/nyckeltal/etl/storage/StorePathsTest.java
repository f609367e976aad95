package se.nyckeltal.etl.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * How a location becomes a path, and what a path on a Hadoop store does without touching the store
 * (Hadoop resolves the name node's address but connects on first use): the manifests' relative paths,
 * Spark's and Hadoop's URIs.
 */
class StorePathsTest {
    @Test
    void plainPathsAndFileUrisAreTheLocalFileSystemAsBefore() {
        assertThat(StorePaths.of("/data/warehouse")).isEqualTo(Path.of("/data/warehouse"));
        assertThat(StorePaths.of("warehouse")).isEqualTo(Path.of("warehouse"));
        assertThat(StorePaths.of("file:///data/warehouse")).isEqualTo(Path.of("/data/warehouse"));
        assertThat(StorePaths.remote(StorePaths.of("/data/warehouse"))).isFalse();
        assertThat(StorePaths.of("/data/warehouse").getFileSystem()).isSameAs(FileSystems.getDefault());
    }

    @Test
    void anHdfsPathResolvesAndRelativizesLikeALocalOneAndPrintsAsItsUri() {
        Path root = StorePaths.of("hdfs://127.0.0.1:8020/nyckeltal/warehouse/");
        Path file = root.resolve("facts").resolve("ledger/year=2024").resolve("month=01/ACTUAL-L1-00000.parquet");

        assertThat(StorePaths.remote(root)).isTrue();
        assertThat(root).hasToString("hdfs://127.0.0.1:8020/nyckeltal/warehouse");
        assertThat(root.relativize(file)).hasToString("facts/ledger/year=2024/month=01/ACTUAL-L1-00000.parquet");
        assertThat(root.resolve(root.relativize(file))).isEqualTo(file);
        assertThat(file.getFileName()).hasToString("ACTUAL-L1-00000.parquet");
        assertThat(file.getParent().getParent()).isEqualTo(root.resolve("facts/ledger/year=2024"));
        assertThat(file.startsWith(root)).isTrue();
        assertThat(root.resolve("staging/../facts/./ledger").normalize()).isEqualTo(root.resolve("facts/ledger"));
        assertThat(root.resolveSibling("pseudonym.key")).hasToString("hdfs://127.0.0.1:8020/nyckeltal/pseudonym.key");
        assertThat(StorePaths.of(file.toString())).as("what a task on an executor reads back").isEqualTo(file);
    }

    @Test
    void aFileNameWithBlanksAndBracketsStaysAsDeliveredNotUriEscaped() {
        Path file = StorePaths.of("hdfs://127.0.0.1:8020/landing/ledger/huvudbok [rättad] mars.csv");

        assertThat(file).hasToString("hdfs://127.0.0.1:8020/landing/ledger/huvudbok [rättad] mars.csv");
        assertThat(file.getFileName()).hasToString("huvudbok [rättad] mars.csv");
    }

    @Test
    void aLocationWithoutAuthorityAndNoDefaultFileSystemConfiguredIsOneLineNamingTheSettings() {
        assertThatThrownBy(() -> StorePaths.of("hdfs:///nyckeltal/warehouse"))
                .isInstanceOf(StoreLocationException.class)
                .hasMessage("hdfs:///nyckeltal/warehouse: cannot use it (Incomplete HDFS URI, no host: hdfs:///); check"
                        + " the address and the Hadoop settings (core-site.xml, or --conf spark.hadoop.fs.…)");
    }

    @Test
    void aSchemeWithoutAFileSystemOnTheClasspathNamesTheModuleToAdd() {
        assertThatThrownBy(() -> StorePaths.of("abfs://container@account.dfs.core.windows.net/w"))
                .isInstanceOf(StoreLocationException.class)
                .hasMessage("abfs://container@account.dfs.core.windows.net/w: no file system for abfs:// on the"
                        + " classpath; add org.apache.hadoop:hadoop-azure to the classpath (spark-submit --packages …,"
                        + " or the cluster's Hadoop jars)");
        assertThatThrownBy(() -> StorePaths.of("nosuchfs://somewhere/w"))
                .isInstanceOf(StoreLocationException.class)
                .hasMessageStartingWith("nosuchfs://somewhere/w: no file system for nosuchfs:// on the classpath;"
                        + " add the Hadoop module that provides nosuchfs://");
    }
}

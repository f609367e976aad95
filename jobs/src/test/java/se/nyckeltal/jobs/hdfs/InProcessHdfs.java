package se.nyckeltal.jobs.hdfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import se.nyckeltal.etl.storage.StorePaths;
import se.nyckeltal.schemas.files.FileTree;

/**
 * A real HDFS — name node and one data node of Hadoop's {@code MiniDFSCluster}, the Hadoop version
 * Spark brings — in the test JVM, on loopback with ephemeral ports, started once per test class:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final InProcessHdfs HDFS = new InProcessHdfs();
 * ... Path warehouse = HDFS.path("/w");   // hdfs://127.0.0.1:&lt;port&gt;/w, through StorePaths
 * </pre>
 *
 * Processes started by the test (a load in its own JVM, a Spark standalone cluster's executors) reach it
 * at {@link #uri()}.
 */
public final class InProcessHdfs implements BeforeAllCallback, AfterAllCallback {
    private MiniDFSCluster cluster;
    private Path baseDir;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        baseDir = Files.createTempDirectory("nyckeltal-hdfs-");
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.toString());
        // Loopback only, every port chosen by the OS.
        conf.set("dfs.namenode.rpc-address", "127.0.0.1:0");
        conf.set("dfs.namenode.http-address", "127.0.0.1:0");
        conf.set("dfs.datanode.address", "127.0.0.1:0");
        conf.set("dfs.datanode.http.address", "127.0.0.1:0");
        conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
        conf.setBoolean("dfs.permissions.enabled", true);
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).nameNodePort(0).nameNodeHttpPort(0)
                .checkDataNodeHostConfig(true).build();
        cluster.waitActive();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster != null) {
            cluster.shutdown(true);
        }
        if (baseDir != null) {
            FileTree.delete(baseDir);
        }
    }

    /** {@code hdfs://127.0.0.1:<port>}, without a path. */
    public URI uri() {
        return URI.create("hdfs://127.0.0.1:" + cluster.getNameNodePort());
    }

    /** A path on this HDFS as the load sees it, e.g. {@code path("/landing")}. */
    public Path path(String absolutePath) {
        return StorePaths.of(uri() + absolutePath);
    }

    /** Copies a local folder (a fixture's landing zone) to this HDFS. */
    public Path upload(Path localFolder, String absolutePath) {
        Path target = path(absolutePath);
        try (var paths = Files.walk(localFolder)) {
            for (Path file : paths.toList()) {
                Path to = target.resolve(localFolder.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot upload " + localFolder + " to " + target, e);
        }
        return target;
    }

    public MiniDFSCluster cluster() {
        return cluster;
    }
}

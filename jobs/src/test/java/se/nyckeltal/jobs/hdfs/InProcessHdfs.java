package se.nyckeltal.jobs.hdfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import se.nyckeltal.etl.storage.StorePaths;
import se.nyckeltal.schemas.files.FileTree;

/**
 * A real HDFS — name node and one data node of Hadoop's {@code MiniDFSCluster}, the Hadoop version
 * Spark brings — in the test JVM, on loopback with ephemeral ports:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final InProcessHdfs HDFS = new InProcessHdfs();
 * ... Path warehouse = HDFS.path("/w");   // hdfs://127.0.0.1:&lt;port&gt;/&lt;TestClass&gt;/w, through StorePaths
 * </pre>
 *
 * The cluster starts once per test JVM, on the first class that registers the extension, and stops when the
 * test run ends (as {@code SharedSpark}'s session): a start and a stop cost seconds, and every class that
 * uses HDFS asks for the same thing. Each class works in a folder of its own ({@code /<simple class name>}),
 * deleted after the class, so no class sees another's files.
 *
 * <p>Processes started by the test (a load in its own JVM, a Spark standalone cluster's executors) reach it
 * at {@link #uri()}.
 */
public final class InProcessHdfs implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(InProcessHdfs.class);

    private Cluster cluster;
    private String classFolder;

    @Override
    public void beforeAll(ExtensionContext context) {
        // The root store lives as long as the test run and closes its resources at the end.
        cluster = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Cluster.class, type -> Cluster.start(), Cluster.class);
        classFolder = "/" + context.getRequiredTestClass().getSimpleName();
        try {
            FileSystem fs = cluster.dfs.getFileSystem();
            fs.delete(new org.apache.hadoop.fs.Path(classFolder), true);
            fs.mkdirs(new org.apache.hadoop.fs.Path(classFolder));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + classFolder + " on HDFS", e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (cluster != null && classFolder != null) {
            cluster.dfs.getFileSystem().delete(new org.apache.hadoop.fs.Path(classFolder), true);
        }
    }

    /** {@code hdfs://127.0.0.1:<port>}, without a path. */
    public URI uri() {
        return URI.create("hdfs://127.0.0.1:" + cluster.dfs.getNameNodePort());
    }

    /** A path in this class's folder on HDFS as the load sees it, e.g. {@code path("/landing")}. */
    public Path path(String absolutePath) {
        return StorePaths.of(uri() + classFolder + absolutePath);
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

    /**
     * Copies a folder of this HDFS (a landing zone, a published warehouse) with its files' permissions and
     * modification times: a copy of a warehouse is a warehouse (nothing in it holds an absolute path, SPEC §6),
     * for milliseconds instead of a load.
     */
    public Path copy(String fromAbsolutePath, String toAbsolutePath) {
        try {
            FileSystem fs = cluster.dfs.getFileSystem();
            copyTree(fs, new org.apache.hadoop.fs.Path(classFolder + fromAbsolutePath),
                    new org.apache.hadoop.fs.Path(classFolder + toAbsolutePath));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + fromAbsolutePath + " to " + toAbsolutePath + " on HDFS", e);
        }
        return path(toAbsolutePath);
    }

    private static void copyTree(FileSystem fs, org.apache.hadoop.fs.Path from, org.apache.hadoop.fs.Path to)
            throws IOException {
        FileStatus status = fs.getFileStatus(from);
        if (status.isDirectory()) {
            fs.mkdirs(to);
            for (FileStatus child : fs.listStatus(from)) {
                copyTree(fs, child.getPath(), new org.apache.hadoop.fs.Path(to, child.getPath().getName()));
            }
        } else if (!FileUtil.copy(fs, from, fs, to, false, false, fs.getConf())) {
            throw new IOException("cannot copy " + from + " to " + to);
        }
        fs.setPermission(to, status.getPermission());
        fs.setTimes(to, status.getModificationTime(), -1);
    }

    public MiniDFSCluster cluster() {
        return cluster.dfs;
    }

    /** The JVM's one MiniDFSCluster, shut down (and its folder deleted) when the test run ends. */
    private record Cluster(MiniDFSCluster dfs, Path baseDir) implements ExtensionContext.Store.CloseableResource {
        static Cluster start() {
            try {
                Path baseDir = Files.createTempDirectory("nyckeltal-hdfs-");
                Configuration conf = new Configuration();
                conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.toString());
                // Loopback only, every port chosen by the OS.
                conf.set("dfs.namenode.rpc-address", "127.0.0.1:0");
                conf.set("dfs.namenode.http-address", "127.0.0.1:0");
                conf.set("dfs.datanode.address", "127.0.0.1:0");
                conf.set("dfs.datanode.http.address", "127.0.0.1:0");
                conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
                conf.setBoolean("dfs.permissions.enabled", true);
                MiniDFSCluster dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).nameNodePort(0).nameNodeHttpPort(0)
                        .checkDataNodeHostConfig(true).build();
                dfs.waitActive();
                return new Cluster(dfs, baseDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the in-process HDFS", e);
            }
        }

        @Override
        public void close() {
            dfs.shutdown(true);
            FileTree.delete(baseDir);
        }
    }
}

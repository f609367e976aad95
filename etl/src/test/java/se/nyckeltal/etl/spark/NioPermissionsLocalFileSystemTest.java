package se.nyckeltal.etl.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local file system of a local session sets the permissions Hadoop's would, without a chmod process. */
class NioPermissionsLocalFileSystemTest {
    @Test
    void foldersAndFilesGetHadoopsPermissions(@TempDir Path dir) throws Exception {
        Configuration conf = new Configuration(false);
        conf.set("fs.file.impl", NioPermissionsLocalFileSystem.class.getName());
        conf.setBoolean("fs.file.impl.disable.cache", true);
        conf.set("fs.permissions.umask-mode", "022");
        try (FileSystem fs = FileSystem.get(dir.toUri(), conf)) {
            assertThat(fs).isInstanceOf(NioPermissionsLocalFileSystem.class);
            org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(dir.resolve("a/b").toUri());
            assertThat(fs.mkdirs(folder)).isTrue();
            try (FSDataOutputStream out = fs.create(new org.apache.hadoop.fs.Path(folder, "part-0.parquet"))) {
                out.write(1);
            }
            // 0777 and 0666 less the umask 022, as Hadoop's chmod would set them.
            assertThat(permissions(dir.resolve("a/b"))).isEqualTo("rwxr-xr-x");
            assertThat(permissions(dir.resolve("a/b/part-0.parquet"))).isEqualTo("rw-r--r--");
            assertThat(permissions(dir.resolve("a/b/.part-0.parquet.crc"))).isEqualTo("rw-r--r--");
            fs.setPermission(new org.apache.hadoop.fs.Path(folder, "part-0.parquet"), new FsPermission((short) 0640));
        }
        assertThat(permissions(dir.resolve("a/b/part-0.parquet"))).isEqualTo("rw-r-----");
    }

    private static String permissions(Path path) throws java.io.IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}

package se.nyckeltal.etl.storage;

import java.io.IOException;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * HDFS permissions as POSIX ones, so {@code W/restricted/} and a generated pseudonym key are owner-only
 * on HDFS as on a local disk (the code that makes them so asks for this view). Owner and group are read,
 * never changed.
 */
final class StorePermissionsView implements PosixFileAttributeView {
    private final HadoopPath file;

    StorePermissionsView(HadoopPath file) {
        this.file = file;
    }

    @Override
    public String name() {
        return "posix";
    }

    @Override
    public PosixFileAttributes readAttributes() throws IOException {
        FileStatus status;
        try {
            status = file.getFileSystem().hadoop().getFileStatus(file.hadoop());
        } catch (IOException e) {
            throw HadoopStoreProvider.translate(e, file);
        }
        return new StoreFileAttributes(status);
    }

    @Override
    public void setPermissions(Set<PosixFilePermission> permissions) throws IOException {
        try {
            file.getFileSystem().hadoop().setPermission(file.hadoop(),
                    FsPermission.valueOf("-" + PosixFilePermissions.toString(permissions)));
        } catch (IOException e) {
            throw HadoopStoreProvider.translate(e, file);
        }
    }

    @Override
    public void setOwner(UserPrincipal owner) {
        throw new UnsupportedOperationException("the owner of " + file + " is not changed by nyckeltal");
    }

    @Override
    public UserPrincipal getOwner() throws IOException {
        return readAttributes().owner();
    }

    @Override
    public void setGroup(GroupPrincipal group) {
        throw new UnsupportedOperationException("the group of " + file + " is not changed by nyckeltal");
    }

    @Override
    public void setTimes(FileTime modified, FileTime accessed, FileTime created) throws IOException {
        try {
            file.getFileSystem().hadoop().setTimes(file.hadoop(), modified == null ? -1 : modified.toMillis(),
                    accessed == null ? -1 : accessed.toMillis());
        } catch (IOException e) {
            throw HadoopStoreProvider.translate(e, file);
        }
    }
}

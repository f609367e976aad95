package se.nyckeltal.etl.storage;

import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;

/**
 * A Hadoop {@link FileStatus} as file attributes; the file key is the full path (no inodes). Owner, group
 * and permissions are only offered where the store enforces them (see {@link StorePermissionsView}).
 */
record StoreFileAttributes(FileStatus status) implements PosixFileAttributes {
    @Override
    public FileTime lastModifiedTime() {
        return FileTime.fromMillis(status.getModificationTime());
    }

    @Override
    public FileTime lastAccessTime() {
        return FileTime.fromMillis(status.getAccessTime());
    }

    @Override
    public FileTime creationTime() {
        return lastModifiedTime();
    }

    @Override
    public boolean isRegularFile() {
        return status.isFile();
    }

    @Override
    public boolean isDirectory() {
        return status.isDirectory();
    }

    @Override
    public boolean isSymbolicLink() {
        return false;
    }

    @Override
    public boolean isOther() {
        return false;
    }

    @Override
    public long size() {
        return status.getLen();
    }

    @Override
    public Object fileKey() {
        return status.getPath().toString();
    }

    @Override
    public UserPrincipal owner() {
        return status::getOwner;
    }

    @Override
    public GroupPrincipal group() {
        return status::getGroup;
    }

    @Override
    public Set<PosixFilePermission> permissions() {
        return PosixFilePermissions.fromString(status.getPermission().toString().substring(0, 9));
    }
}

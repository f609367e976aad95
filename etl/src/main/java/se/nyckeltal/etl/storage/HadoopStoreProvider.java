package se.nyckeltal.etl.storage;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * {@link java.nio.file.Files} over Hadoop's {@code FileSystem} API, so one load reads and writes a
 * local folder, HDFS, S3 ({@code s3a://}) or Azure ({@code abfs://}) through the same code. Only what
 * the load needs: streams, listing, basic attributes, create-if-absent ({@code CREATE_NEW}, which HDFS
 * does atomically), rename, delete. Not registered as an installed provider: {@link StorePaths} hands
 * out its paths.
 */
final class HadoopStoreProvider extends FileSystemProvider {
    private final Configuration conf;
    private final Map<URI, HadoopStore> stores = new ConcurrentHashMap<>();

    HadoopStoreProvider(Configuration conf) {
        this.conf = conf;
    }

    @Override
    public String getScheme() {
        return "hadoop";
    }

    /**
     * The store of {@code scheme://authority}, connected on first use; an empty authority
     * ({@code hdfs:///warehouse}) is the cluster's default file system of that scheme.
     */
    HadoopStore store(String scheme, String authority) throws IOException {
        URI key = URI.create(scheme + "://" + (authority.isEmpty() ? "/" : authority));
        HadoopStore known = stores.get(key);
        if (known != null) {
            return known;
        }
        org.apache.hadoop.fs.FileSystem hadoop = org.apache.hadoop.fs.FileSystem.get(key, conf);
        // hadoop.getUri() has the authority of the default file system where the location had none
        HadoopStore store = new HadoopStore(this, key, hadoop, FileContext.getFileContext(hadoop.getUri(), conf));
        HadoopStore raced = stores.putIfAbsent(key, store);
        return raced == null ? store : raced;
    }

    private HadoopStore store(URI uri) throws IOException {
        return store(uri.getScheme(), uri.getAuthority() == null ? "" : uri.getAuthority());
    }

    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) throws IOException {
        return store(uri);
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
        try {
            return store(uri);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public Path getPath(URI uri) {
        return getFileSystem(uri).getPath(uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath());
    }

    @Override
    public InputStream newInputStream(Path path, OpenOption... options) throws IOException {
        HadoopPath file = cast(path);
        try {
            return file.getFileSystem().hadoop().open(file.hadoop());
        } catch (IOException e) {
            throw translate(e, file);
        }
    }

    @Override
    public OutputStream newOutputStream(Path path, OpenOption... options) throws IOException {
        Set<OpenOption> opened = Set.of(options.length == 0
                ? new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING}
                : options);
        return create(cast(path), opened, new FileAttribute<?>[0]);
    }

    private OutputStream create(HadoopPath file, Set<? extends OpenOption> options, FileAttribute<?>[] attrs)
            throws IOException {
        org.apache.hadoop.fs.FileSystem hadoop = file.getFileSystem().hadoop();
        org.apache.hadoop.fs.Path path = file.hadoop();
        try {
            if (options.contains(StandardOpenOption.APPEND)) {
                return hadoop.append(path);
            }
            boolean createNew = options.contains(StandardOpenOption.CREATE_NEW);
            FileStatus existing = createNew ? null : statusOrNull(hadoop, path);
            if (existing == null && !createNew && !options.contains(StandardOpenOption.CREATE)) {
                throw new NoSuchFileException(file.toString());
            }
            // A file written anew keeps its permissions, as a truncated local file keeps its mode (HDFS makes a
            // new file): an owner-only key stays owner-only. CREATE_NEW is create-if-absent, atomic on HDFS.
            FsPermission permission = permissionOf(attrs);
            if (permission == null && existing != null) {
                permission = existing.getPermission();
            }
            if (permission == null) {
                return hadoop.create(path, !createNew);
            }
            return hadoop.create(path, permission, !createNew, hadoop.getConf().getInt("io.file.buffer.size", 4096),
                    hadoop.getDefaultReplication(path), hadoop.getDefaultBlockSize(path), null);
        } catch (IOException e) {
            throw translate(e, file);
        }
    }

    private static FileStatus statusOrNull(org.apache.hadoop.fs.FileSystem hadoop, org.apache.hadoop.fs.Path path)
            throws IOException {
        try {
            return hadoop.getFileStatus(path);
        } catch (FileNotFoundException absent) {
            return null;
        }
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        HadoopPath file = cast(path);
        if (options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND)) {
            return new WriteChannel(create(file, options, attrs));
        }
        try {
            FSDataInputStream in = file.getFileSystem().hadoop().open(file.hadoop());
            long size = file.getFileSystem().hadoop().getFileStatus(file.hadoop()).getLen();
            return new ReadChannel(in, size);
        } catch (IOException e) {
            throw translate(e, file);
        }
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        HadoopPath folder = cast(dir);
        List<Path> entries = new ArrayList<>();
        try {
            if (!folder.getFileSystem().hadoop().getFileStatus(folder.hadoop()).isDirectory()) {
                throw new NotDirectoryException(folder.toString());
            }
            for (FileStatus status : folder.getFileSystem().hadoop().listStatus(folder.hadoop())) {
                Path entry = folder.resolve(status.getPath().getName());
                if (filter.accept(entry)) {
                    entries.add(entry);
                }
            }
        } catch (IOException e) {
            throw translate(e, folder);
        }
        return new DirectoryStream<>() {
            @Override
            public Iterator<Path> iterator() {
                return entries.iterator();
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        HadoopPath folder = cast(dir);
        org.apache.hadoop.fs.FileSystem hadoop = folder.getFileSystem().hadoop();
        try {
            if (hadoop.exists(folder.hadoop())) {
                throw new FileAlreadyExistsException(folder.toString());
            }
            Path parent = folder.getParent();
            if (parent != null && !hadoop.exists(cast(parent).hadoop())) {
                throw new NoSuchFileException(parent.toString());
            }
            if (!hadoop.mkdirs(folder.hadoop())) {
                throw new IOException("cannot create the folder " + folder);
            }
            FsPermission permission = permissionOf(attrs);
            if (permission != null) {
                hadoop.setPermission(folder.hadoop(), permission);
            }
        } catch (IOException e) {
            throw translate(e, folder);
        }
    }

    @Override
    public void delete(Path path) throws IOException {
        HadoopPath file = cast(path);
        org.apache.hadoop.fs.FileSystem hadoop = file.getFileSystem().hadoop();
        try {
            FileStatus status = hadoop.getFileStatus(file.hadoop());
            if (status.isDirectory() && hadoop.listStatus(file.hadoop()).length > 0) {
                throw new DirectoryNotEmptyException(file.toString());
            }
            if (!hadoop.delete(file.hadoop(), false) && hadoop.exists(file.hadoop())) {
                throw new IOException("cannot delete " + file);
            }
        } catch (IOException e) {
            throw translate(e, file);
        }
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        HadoopPath from = cast(source);
        HadoopPath to = cast(target);
        boolean replace = Arrays.asList(options).contains(StandardCopyOption.REPLACE_EXISTING);
        try {
            if (!replace && to.getFileSystem().hadoop().exists(to.hadoop())) {
                throw new FileAlreadyExistsException(to.toString());
            }
            if (!FileUtil.copy(from.getFileSystem().hadoop(), from.hadoop(), to.getFileSystem().hadoop(), to.hadoop(),
                    false, replace, conf)) {
                throw new IOException("cannot copy " + from + " to " + to);
            }
        } catch (IOException e) {
            throw translate(e, from);
        }
    }

    /**
     * A rename. Replacing an existing target goes through {@link FileContext} with
     * {@code Rename.OVERWRITE}, one atomic step on HDFS; on object stores a rename is a copy and a
     * delete, which is why the publish never relies on it (see {@code WarehouseStore}).
     */
    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        HadoopPath from = cast(source);
        HadoopPath to = cast(target);
        HadoopStore store = from.getFileSystem();
        boolean replace = Arrays.asList(options).contains(StandardCopyOption.REPLACE_EXISTING);
        try {
            if (replace) {
                store.context().rename(from.hadoop(), to.hadoop(), Options.Rename.OVERWRITE);
                return;
            }
            // Hadoop moves a file into an existing folder of the target's name; java.nio refuses.
            if (store.hadoop().exists(to.hadoop())) {
                throw new FileAlreadyExistsException(to.toString());
            }
            if (!store.hadoop().rename(from.hadoop(), to.hadoop())) {
                if (!store.hadoop().exists(from.hadoop())) {
                    throw new NoSuchFileException(from.toString());
                }
                throw new IOException("cannot rename " + from + " to " + to);
            }
        } catch (IOException e) {
            throw translate(e, from);
        }
    }

    @Override
    public boolean isSameFile(Path path, Path other) {
        return path.toAbsolutePath().normalize().equals(other.toAbsolutePath().normalize());
    }

    @Override
    public boolean isHidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    @Override
    public FileStore getFileStore(Path path) {
        throw new UnsupportedOperationException("no file store on " + path);
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        HadoopPath file = cast(path);
        org.apache.hadoop.fs.FileSystem hadoop = file.getFileSystem().hadoop();
        try {
            hadoop.getFileStatus(file.hadoop());
            for (AccessMode mode : modes) {
                hadoop.access(file.hadoop(), switch (mode) {
                    case READ -> FsAction.READ;
                    case WRITE -> FsAction.WRITE;
                    case EXECUTE -> FsAction.EXECUTE;
                });
            }
        } catch (IOException e) {
            throw translate(e, file);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        HadoopPath file = cast(path);
        if (type == PosixFileAttributeView.class && file.getFileSystem().enforcesPermissions()) {
            return (V) new StorePermissionsView(file);
        }
        if (type != BasicFileAttributeView.class) {
            return null; // no POSIX view: callers that set owner-only permissions check for null
        }
        return (V) new BasicFileAttributeView() {
            @Override
            public String name() {
                return "basic";
            }

            @Override
            public BasicFileAttributes readAttributes() throws IOException {
                return HadoopStoreProvider.this.readAttributes(file, BasicFileAttributes.class);
            }

            @Override
            public void setTimes(FileTime modified, FileTime accessed, FileTime created) throws IOException {
                setTimesOf(file, modified, accessed);
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
            throws IOException {
        HadoopPath file = cast(path);
        if (type == PosixFileAttributes.class && file.getFileSystem().enforcesPermissions()) {
            return (A) new StorePermissionsView(file).readAttributes();
        }
        if (!type.isAssignableFrom(BasicFileAttributes.class)) {
            throw new UnsupportedOperationException(type.getSimpleName() + " is not supported on " + path);
        }
        try {
            return (A) new StoreFileAttributes(file.getFileSystem().hadoop().getFileStatus(file.hadoop()));
        } catch (IOException e) {
            throw translate(e, file);
        }
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        String view = attributes.contains(":") ? attributes.substring(0, attributes.indexOf(':')) : "basic";
        if (!view.equals("basic")) {
            throw new UnsupportedOperationException("only basic attributes are supported on " + path);
        }
        BasicFileAttributes read = readAttributes(path, BasicFileAttributes.class, options);
        Map<String, Object> all = new HashMap<>();
        all.put("size", read.size());
        all.put("lastModifiedTime", read.lastModifiedTime());
        all.put("lastAccessTime", read.lastAccessTime());
        all.put("creationTime", read.creationTime());
        all.put("isRegularFile", read.isRegularFile());
        all.put("isDirectory", read.isDirectory());
        all.put("isSymbolicLink", read.isSymbolicLink());
        all.put("isOther", read.isOther());
        all.put("fileKey", read.fileKey());
        String names = attributes.contains(":") ? attributes.substring(attributes.indexOf(':') + 1) : attributes;
        if (names.equals("*")) {
            return all;
        }
        Map<String, Object> wanted = new HashMap<>();
        for (String name : names.split(",")) {
            if (all.containsKey(name)) {
                wanted.put(name, all.get(name));
            }
        }
        return wanted;
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
        if (attribute.equals("lastModifiedTime") || attribute.equals("basic:lastModifiedTime")) {
            setTimesOf(cast(path), (FileTime) value, null);
            return;
        }
        throw new UnsupportedOperationException(attribute + " cannot be set on " + path);
    }

    private static void setTimesOf(HadoopPath file, FileTime modified, FileTime accessed) throws IOException {
        try {
            file.getFileSystem().hadoop().setTimes(file.hadoop(), modified == null ? -1 : modified.toMillis(),
                    accessed == null ? -1 : accessed.toMillis());
        } catch (IOException e) {
            throw translate(e, file);
        }
    }

    /** {@code posix:permissions} among the attributes (an owner-only key file, the restricted folder), or null. */
    @SuppressWarnings("unchecked")
    private static FsPermission permissionOf(FileAttribute<?>[] attrs) {
        for (FileAttribute<?> attr : attrs) {
            if (attr.name().equals("posix:permissions")) {
                return FsPermission.valueOf("-" + PosixFilePermissions.toString((Set<PosixFilePermission>) attr.value()));
            }
        }
        return null;
    }

    /** Hadoop's exceptions as the ones {@code java.nio.file.Files} callers catch. */
    static IOException translate(IOException e, Path path) {
        if (e instanceof FileNotFoundException) {
            return (IOException) new NoSuchFileException(path.toString(), null, e.getMessage()).initCause(e);
        }
        if (e instanceof org.apache.hadoop.fs.FileAlreadyExistsException) {
            return (IOException) new FileAlreadyExistsException(path.toString(), null, e.getMessage()).initCause(e);
        }
        if (e instanceof org.apache.hadoop.security.AccessControlException) {
            return (IOException) new AccessDeniedException(path.toString(), null, e.getMessage()).initCause(e);
        }
        return e;
    }

    private static HadoopPath cast(Path path) {
        if (!(path instanceof HadoopPath hadoopPath)) {
            throw new ProviderMismatchException(path + " is not on a Hadoop file system");
        }
        return hadoopPath;
    }

    /** Reads with positions, as {@code Files.newByteChannel} readers expect. */
    private static final class ReadChannel implements SeekableByteChannel {
        private final FSDataInputStream in;
        private final long size;
        private boolean open = true;

        ReadChannel(FSDataInputStream in, long size) {
            this.in = in;
            this.size = size;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            byte[] buffer = new byte[dst.remaining()];
            int n = in.read(buffer);
            if (n > 0) {
                dst.put(buffer, 0, n);
            }
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new NonWritableChannelException();
        }

        @Override
        public long position() throws IOException {
            return in.getPos();
        }

        @Override
        public SeekableByteChannel position(long newPosition) throws IOException {
            in.seek(newPosition);
            return this;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public SeekableByteChannel truncate(long newSize) {
            throw new NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() throws IOException {
            open = false;
            in.close();
        }
    }

    /** Writes from the start to the end: Hadoop files are written once, in order. */
    private static final class WriteChannel implements SeekableByteChannel {
        private final java.nio.channels.WritableByteChannel out;
        private long position;

        WriteChannel(OutputStream out) {
            this.out = Channels.newChannel(out);
        }

        @Override
        public int read(ByteBuffer dst) {
            throw new java.nio.channels.NonReadableChannelException();
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            int n = out.write(src);
            position += n;
            return n;
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            throw new UnsupportedOperationException("Hadoop files are written in order");
        }

        @Override
        public long size() {
            return position;
        }

        @Override
        public SeekableByteChannel truncate(long newSize) {
            throw new UnsupportedOperationException("Hadoop files cannot be truncated");
        }

        @Override
        public boolean isOpen() {
            return out.isOpen();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}

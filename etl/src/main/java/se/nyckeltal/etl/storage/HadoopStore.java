package se.nyckeltal.etl.storage;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileContext;

/**
 * One Hadoop file system ({@code hdfs://namenode:8020}, {@code s3a://bucket}) seen through
 * {@link java.nio.file.FileSystem}: what a location of another scheme than {@code file} resolves to.
 */
final class HadoopStore extends FileSystem {
    private final HadoopStoreProvider provider;
    private final URI uri;
    private final org.apache.hadoop.fs.FileSystem hadoop;
    private final FileContext context;

    HadoopStore(HadoopStoreProvider provider, URI uri, org.apache.hadoop.fs.FileSystem hadoop, FileContext context) {
        this.provider = requireNonNull(provider, "provider");
        this.uri = requireNonNull(uri, "uri");
        this.hadoop = requireNonNull(hadoop, "hadoop");
        this.context = requireNonNull(context, "context");
    }

    /** {@code scheme://authority}, without a path. */
    URI uri() {
        return uri;
    }

    org.apache.hadoop.fs.FileSystem hadoop() {
        return hadoop;
    }

    /** For the one operation {@code FileSystem} does not offer publicly: a rename that replaces its target. */
    FileContext context() {
        return context;
    }

    /**
     * Whether the store's permissions protect files (HDFS). Object stores report made-up permissions
     * (S3A: everything readable by all), so they offer no POSIX view: owner-only files are up to the
     * bucket's or container's access policy there.
     */
    boolean enforcesPermissions() {
        return uri.getScheme().equalsIgnoreCase("hdfs");
    }

    @Override
    public HadoopStoreProvider provider() {
        return provider;
    }

    /** Hadoop caches its file systems per JVM; closing one here would close it for Spark too. */
    @Override
    public void close() {}

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public String getSeparator() {
        return "/";
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        return List.of(HadoopPath.parse(this, "/"));
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return List.of();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return enforcesPermissions() ? Set.of("basic", "posix") : Set.of("basic");
    }

    @Override
    public Path getPath(String first, String... more) {
        StringBuilder path = new StringBuilder(first);
        for (String name : more) {
            path.append('/').append(name);
        }
        return HadoopPath.parse(this, path.toString());
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        throw new UnsupportedOperationException("path matchers are not supported on " + uri);
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        throw new UnsupportedOperationException("user principals are not supported on " + uri);
    }

    @Override
    public WatchService newWatchService() {
        throw new UnsupportedOperationException("a Hadoop file system cannot be watched: " + uri);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HadoopStore that && that.uri.equals(uri);
    }

    @Override
    public int hashCode() {
        return uri.hashCode();
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}

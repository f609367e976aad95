package se.nyckeltal.etl.storage;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A path on a Hadoop file system ({@code hdfs://namenode:8020/warehouse/facts}), as a
 * {@link java.nio.file.Path} so the load's file handling reads the same for a local folder and a
 * remote store. Forward slashes only; an absolute path prints as its full URI (what Spark and Hadoop
 * are given), a relative one as its slash-separated names (what manifests store).
 */
final class HadoopPath implements Path {
    private final HadoopStore store;
    private final boolean absolute;
    private final List<String> names;

    HadoopPath(HadoopStore store, boolean absolute, List<String> names) {
        this.store = requireNonNull(store, "store");
        this.absolute = absolute;
        this.names = List.copyOf(names);
    }

    /** Parses a slash-separated path; empty names (a doubled or trailing slash) are dropped. */
    static HadoopPath parse(HadoopStore store, String path) {
        List<String> names = Arrays.stream(path.split("/")).filter(n -> !n.isEmpty()).toList();
        return new HadoopPath(store, path.startsWith("/"), names);
    }

    /** The path part of the URI, e.g. {@code /warehouse/facts}. */
    String pathString() {
        return (absolute ? "/" : "") + String.join("/", names);
    }

    org.apache.hadoop.fs.Path hadoop() {
        URI base = store.uri();
        return new org.apache.hadoop.fs.Path(base.getScheme(), base.getAuthority(),
                ((HadoopPath) toAbsolutePath()).pathString());
    }

    @Override
    public HadoopStore getFileSystem() {
        return store;
    }

    @Override
    public boolean isAbsolute() {
        return absolute;
    }

    @Override
    public Path getRoot() {
        return absolute ? new HadoopPath(store, true, List.of()) : null;
    }

    @Override
    public Path getFileName() {
        if (names.isEmpty()) {
            return absolute ? null : this;
        }
        return new HadoopPath(store, false, List.of(names.get(names.size() - 1)));
    }

    @Override
    public Path getParent() {
        if (names.isEmpty() || (names.size() == 1 && !absolute)) {
            return null;
        }
        return new HadoopPath(store, absolute, names.subList(0, names.size() - 1));
    }

    @Override
    public int getNameCount() {
        return names.size();
    }

    @Override
    public Path getName(int index) {
        return new HadoopPath(store, false, List.of(names.get(index)));
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
        return new HadoopPath(store, false, names.subList(beginIndex, endIndex));
    }

    @Override
    public boolean startsWith(Path other) {
        HadoopPath that = cast(other);
        return that.absolute == absolute && that.names.size() <= names.size()
                && names.subList(0, that.names.size()).equals(that.names);
    }

    @Override
    public boolean endsWith(Path other) {
        HadoopPath that = cast(other);
        if (that.absolute) {
            return equals(that);
        }
        return that.names.size() <= names.size()
                && names.subList(names.size() - that.names.size(), names.size()).equals(that.names);
    }

    @Override
    public Path normalize() {
        List<String> normal = new ArrayList<>();
        for (String name : names) {
            if (name.equals(".")) {
                continue;
            }
            if (name.equals("..") && !normal.isEmpty() && !normal.get(normal.size() - 1).equals("..")) {
                normal.remove(normal.size() - 1);
            } else if (!(name.equals("..") && absolute)) {
                normal.add(name);
            }
        }
        return new HadoopPath(store, absolute, normal);
    }

    @Override
    public Path resolve(Path other) {
        HadoopPath that = cast(other);
        if (that.absolute) {
            return that;
        }
        List<String> joined = new ArrayList<>(names);
        joined.addAll(that.names);
        return new HadoopPath(store, absolute, joined);
    }

    @Override
    public Path relativize(Path other) {
        HadoopPath that = cast(other);
        if (that.absolute != absolute) {
            throw new IllegalArgumentException("cannot relativize " + that + " against " + this);
        }
        int common = 0;
        while (common < names.size() && common < that.names.size()
                && names.get(common).equals(that.names.get(common))) {
            common++;
        }
        List<String> relative = new ArrayList<>();
        for (int i = common; i < names.size(); i++) {
            relative.add("..");
        }
        relative.addAll(that.names.subList(common, that.names.size()));
        return new HadoopPath(store, false, relative);
    }

    @Override
    public URI toUri() {
        URI base = store.uri();
        try {
            return new URI(base.getScheme(), base.getAuthority(), ((HadoopPath) toAbsolutePath()).pathString(), null,
                    null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("not a URI: " + this, e);
        }
    }

    /** A relative path is taken from the store's root: a store location is always given as a full URI. */
    @Override
    public Path toAbsolutePath() {
        return absolute ? this : new HadoopPath(store, true, names);
    }

    /** Hadoop file systems have no symbolic links the load could follow: the real path is the normal one. */
    @Override
    public Path toRealPath(LinkOption... options) throws IOException {
        Path real = toAbsolutePath().normalize();
        if (!store.hadoop().exists(((HadoopPath) real).hadoop())) {
            throw new NoSuchFileException(real.toString());
        }
        return real;
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
        throw new UnsupportedOperationException("a Hadoop file system cannot be watched: " + this);
    }

    @Override
    public int compareTo(Path other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HadoopPath that && that.store.equals(store) && that.absolute == absolute
                && that.names.equals(names);
    }

    @Override
    public int hashCode() {
        return 31 * store.hashCode() + pathString().hashCode();
    }

    /** Not URI-escaped: Hadoop's {@code Path} escapes the string itself (see {@code SparkPaths}). */
    @Override
    public String toString() {
        if (!absolute) {
            return pathString();
        }
        // hdfs:///w on the default file system: StorePaths.of reads it back as the same path
        URI base = store.uri();
        return base.getScheme() + "://" + (base.getAuthority() == null ? "" : base.getAuthority()) + pathString();
    }

    private HadoopPath cast(Path other) {
        if (!(other instanceof HadoopPath that) || !that.store.equals(store)) {
            throw new ProviderMismatchException(other + " is not on " + store.uri());
        }
        return that;
    }
}

package se.nyckeltal.warehouse.catalogue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * DuckDB's native library unpacked once per build, beside a copy of DuckDB's JDBC jar without its libraries
 * (bin/nyckeltal runs this after each build and puts the copy on the class path in the jar's place).
 *
 * <p>DuckDB JDBC looks for its library in its jar first and, when it is there, inflates it (72 MB) into a new
 * temporary file and loads that: ≈ 0.3 s of one core in every JVM that opens a catalogue — each load, each check task
 * of the nightly DAG, each {@code sql}. When the jar holds none, it tries {@code System.loadLibrary} and then loads
 * the file of the library's name from the jar's own folder: this one, written once. {@code check} proves a JVM loads
 * it so before the launcher uses the copy.
 *
 * <pre>
 *   java -cp WAREHOUSE_JAR se.nyckeltal.warehouse.catalogue.DuckDbNativeLibrary unpack DUCKDB_JAR FOLDER
 *   java -cp …FOLDER/DUCKDB_JAR_NAME… se.nyckeltal.warehouse.catalogue.DuckDbNativeLibrary check
 * </pre>
 * Both exit 1 with a message on standard error when they cannot; the launcher then keeps DuckDB's own jar.
 */
public final class DuckDbNativeLibrary {
    /** The prefix of the libraries' entries in DuckDB's jar, followed by {@code <os>_<arch>}. */
    static final String ENTRY_PREFIX = "libduckdb_java.so_";

    private DuckDbNativeLibrary() {}

    public static void main(String[] args) {
        try {
            if (args.length == 3 && args[0].equals("unpack")) {
                unpack(Path.of(args[1]), Path.of(args[2]));
            } else if (args.length == 1 && args[0].equals("check")) {
                check();
            } else {
                throw new IllegalArgumentException("usage: unpack DUCKDB_JAR FOLDER | check");
            }
        } catch (IOException | SQLException | RuntimeException | LinkageError e) {
            System.err.println("DuckDB's native library not unpacked: " + e);
            System.exit(1);
        }
    }

    /**
     * Writes {@code folder/<the jar's name>} (every entry of {@code duckdbJar} but the native libraries) and, beside it,
     * this machine's library under the name DuckDB looks for. The library is in place before the jar, each moved
     * into place whole, so a JVM that finds the jar finds the library.
     *
     * @return the copy of the jar
     * @throws IOException when the jar holds no library for this machine, or on a write error (nothing is left)
     */
    static Path unpack(Path duckdbJar, Path folder) throws IOException {
        String library = libraryName(System.getProperty("os.name"), System.getProperty("os.arch"));
        Files.createDirectories(folder);
        Path slim = folder.resolve(duckdbJar.getFileName().toString());
        // this process's own part files (another launcher may unpack beside it), made with the usual permissions
        String part = "." + ProcessHandle.current().pid() + ".part";
        Path slimPart = folder.resolve(slim.getFileName() + part);
        Path libraryPart = folder.resolve(library + part);
        try {
            boolean found = false;
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(duckdbJar));
                    ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(slimPart))) {
                for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    if (entry.getName().startsWith(ENTRY_PREFIX)) {
                        if (entry.getName().equals(library)) {
                            Files.copy(in, libraryPart, StandardCopyOption.REPLACE_EXISTING);
                            found = true;
                        }
                        continue;
                    }
                    ZipEntry copy = new ZipEntry(entry.getName());
                    copy.setTime(entry.getTime());
                    out.putNextEntry(copy);
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
            if (!found) {
                throw new IOException(duckdbJar + " holds no " + library);
            }
            Files.move(libraryPart, folder.resolve(library), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            Files.move(slimPart, slim, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return slim;
        } finally {
            Files.deleteIfExists(slimPart);
            Files.deleteIfExists(libraryPart);
        }
    }

    /**
     * Opens an in-memory DuckDB and asks it for an answer, after making sure the driver on the class path is a copy
     * without libraries (so the library came from the copy's folder, not from a temporary file).
     */
    static void check() throws SQLException {
        String library = libraryName(System.getProperty("os.name"), System.getProperty("os.arch"));
        URL packed = DuckDbNativeLibrary.class.getClassLoader().getResource(library);
        if (packed != null) {
            throw new IllegalStateException("the driver on the class path still holds its library: " + packed);
        }
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet answer = statement.executeQuery("SELECT 6 * 7")) {
            if (!answer.next() || answer.getInt(1) != 42) {
                throw new IllegalStateException("DuckDB answered wrong");
            }
        }
    }

    /**
     * The library's name as DuckDB JDBC 2.0 spells it ({@code DuckDBNative.nativeLibName}): {@code
     * libduckdb_java.so_<os>_<arch>}, os linux, macos or windows, arch amd64 or arm64. A machine it would name
     * otherwise is left to DuckDB's own jar.
     */
    static String libraryName(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT).strip();
        String arch = osArch.toLowerCase(Locale.ROOT).strip();
        Optional<String> osPart = os.startsWith("linux") ? Optional.of("linux")
                : os.startsWith("mac") ? Optional.of("macos")
                : os.startsWith("windows") ? Optional.of("windows") : Optional.empty();
        Optional<String> archPart = switch (arch) {
            case "x86_64", "amd64" -> Optional.of("amd64");
            case "aarch64", "arm64" -> Optional.of("arm64");
            default -> Optional.empty();
        };
        if (osPart.isEmpty() || archPart.isEmpty()) {
            throw new IllegalStateException("no DuckDB library name for " + osName + " " + osArch);
        }
        return ENTRY_PREFIX + osPart.get() + "_" + archPart.get();
    }
}

package se.nyckeltal.warehouse.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DuckDB's library unpacked beside a copy of its jar without the libraries, and a JVM that loads it from there. */
class DuckDbNativeLibraryTest {
    private static final String HERE = DuckDbNativeLibrary.libraryName(System.getProperty("os.name"),
            System.getProperty("os.arch"));

    @TempDir
    Path temp;

    @Test
    void theCopyOfTheJarKeepsEverythingButTheLibrariesAndThisMachinesLibraryLiesBesideIt() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("META-INF/services/java.sql.Driver", "org.duckdb.DuckDBDriver\n");
        entries.put("org/duckdb/DuckDBDriver.class", "driver");
        entries.put(HERE, "this machine's library");
        entries.put(HERE.equals("libduckdb_java.so_windows_amd64") ? "libduckdb_java.so_linux_arm64"
                : "libduckdb_java.so_windows_amd64", "another machine's library");
        Path jar = jar(temp.resolve("duckdb_jdbc-9.9.9.jar"), entries);

        Path slim = DuckDbNativeLibrary.unpack(jar, temp.resolve("unpacked"));

        assertThat(slim).isEqualTo(temp.resolve("unpacked/duckdb_jdbc-9.9.9.jar"));
        assertThat(read(slim)).containsExactly(Map.entry("META-INF/services/java.sql.Driver", "org.duckdb.DuckDBDriver\n"),
                Map.entry("org/duckdb/DuckDBDriver.class", "driver"));
        assertThat(temp.resolve("unpacked").resolve(HERE)).hasContent("this machine's library");
        try (var left = Files.list(temp.resolve("unpacked"))) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("duckdb_jdbc-9.9.9.jar", HERE);
        }
    }

    @Test
    void aJarWithoutThisMachinesLibraryLeavesNothingBehind() throws IOException {
        Path jar = jar(temp.resolve("duckdb_jdbc-9.9.9.jar"), Map.of("org/duckdb/DuckDBDriver.class", "driver",
                "libduckdb_java.so_plan9_mips", "no machine's library"));

        assertThatThrownBy(() -> DuckDbNativeLibrary.unpack(jar, temp.resolve("unpacked")))
                .isInstanceOf(IOException.class).hasMessageContaining("holds no " + HERE);
        try (var left = Files.list(temp.resolve("unpacked"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void theLibraryIsNamedAsDuckDbNamesIt() {
        assertThat(DuckDbNativeLibrary.libraryName("Linux", "amd64")).isEqualTo("libduckdb_java.so_linux_amd64");
        assertThat(DuckDbNativeLibrary.libraryName("Linux", "aarch64")).isEqualTo("libduckdb_java.so_linux_arm64");
        assertThat(DuckDbNativeLibrary.libraryName("Mac OS X", "aarch64")).isEqualTo("libduckdb_java.so_macos_arm64");
        assertThat(DuckDbNativeLibrary.libraryName("Windows 11", "amd64"))
                .isEqualTo("libduckdb_java.so_windows_amd64");
        assertThatThrownBy(() -> DuckDbNativeLibrary.libraryName("Linux", "riscv64"))
                .isInstanceOf(IllegalStateException.class);
    }

    /**
     * The real driver: unpacked from the jar the build uses, a new JVM with the copy on its class path opens DuckDB
     * (check fails when the copy still held a library, or DuckDB found none).
     */
    @Test
    void aJvmWithTheCopyLoadsTheLibraryFromItsFolder() throws Exception {
        Path duckdbJar = Path.of(Class.forName("org.duckdb.DuckDBDriver").getProtectionDomain().getCodeSource()
                .getLocation().toURI());
        Path slim = DuckDbNativeLibrary.unpack(duckdbJar, temp.resolve("unpacked"));
        Path ours = Path.of(DuckDbNativeLibrary.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path scratch = Files.createDirectories(temp.resolve("scratch"));

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + scratch, "-cp", slim + java.io.File.pathSeparator + ours,
                DuckDbNativeLibrary.class.getName(), "check"));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(child.exitValue()).as(output).isZero();
        try (var unpackedThere = Files.list(scratch)) {
            assertThat(unpackedThere).as("nothing inflated into the JVM's temp folder").isEmpty();
        }

        // and the driver's own jar fails the check: its library would be inflated into a temporary file
        Process packed = new ProcessBuilder(List.of(command.get(0), "-Djava.io.tmpdir=" + scratch, "-cp",
                duckdbJar + java.io.File.pathSeparator + ours, DuckDbNativeLibrary.class.getName(), "check"))
                .redirectErrorStream(true).start();
        String refused = new String(packed.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(packed.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(packed.exitValue()).isEqualTo(1);
        assertThat(refused).contains("still holds its library");
    }

    private static Path jar(Path file, Map<String, String> entries) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return file;
    }

    private static Map<String, String> read(Path jar) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }
}

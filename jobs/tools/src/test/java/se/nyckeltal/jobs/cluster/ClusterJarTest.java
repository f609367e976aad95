package se.nyckeltal.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * jobs/target/nyckeltal-cluster.jar against Spark's own class path (etl's {@code target/spark-runtime-classpath.txt},
 * what a cluster's SPARK_HOME/jars holds): nothing of Spark, Hadoop, Scala or the logging is inside, and no class
 * inside is also one of the cluster's, so neither side can load the other's version of a library.
 */
class ClusterJarTest {
    private static final String MAIN_CLASS = "se.nyckeltal.jobs.cli.NyckeltalCli";
    private static Set<String> jarClasses;
    private static Map<String, String> sparkClasses;

    @BeforeAll
    static void readBothSides() throws IOException {
        jarClasses = classes(clusterJar());
        sparkClasses = new HashMap<>();
        String list = Files.readString(Path.of(System.getProperty(StandaloneCluster.SPARK_CLASSPATH_PROPERTY)),
                StandardCharsets.UTF_8).strip();
        for (String jar : list.split(File.pathSeparator)) {
            for (String name : classes(Path.of(jar))) {
                sparkClasses.put(name, Path.of(jar).getFileName().toString());
            }
        }
    }

    @Test
    void noClassOfTheJarIsAlsoOnSparksClassPath() {
        assertThat(sparkClasses).as("Spark's class path").containsKey("org/apache/spark/SparkContext.class")
                .containsKey("com/fasterxml/jackson/databind/ObjectMapper.class");
        Set<String> clashes = new TreeSet<>();
        for (String name : jarClasses) {
            if (sparkClasses.containsKey(name)) {
                clashes.add(name + " (also in " + sparkClasses.get(name) + ")");
            }
        }
        assertThat(clashes).as("classes both in the cluster jar and on Spark's class path").isEmpty();
    }

    @Test
    void sparkHadoopScalaAndLoggingAreTheClusters() {
        for (String prefix : List.of("org/apache/spark/", "org/apache/hadoop/", "scala/", "org/slf4j/",
                "ch/qos/logback/", "org/apache/logging/log4j/", "com/google/common/", "io/netty/")) {
            assertThat(jarClasses).as("classes under " + prefix).noneMatch(name -> name.startsWith(prefix));
        }
    }

    @Test
    void librariesSparkAlsoShipsAreRelocatedAndOursAreUsed() {
        assertThat(jarClasses).contains("se/nyckeltal/shaded/com/fasterxml/jackson/databind/ObjectMapper.class",
                "se/nyckeltal/shaded/org/yaml/snakeyaml/Yaml.class",
                "se/nyckeltal/shaded/org/apache/commons/io/IOUtils.class");
        assertThat(jarClasses).noneMatch(name -> name.startsWith("com/fasterxml/jackson/")
                || name.startsWith("org/yaml/") || name.startsWith("org/jline/")
                || name.startsWith("org/apache/commons/io/") || name.startsWith("org/apache/commons/logging/"));
    }

    @Test
    void duckDbKeepsItsPackageAndNativeLibraryAndTheCliIsTheMainClass() throws IOException {
        // DuckDB's JNI functions are named after org.duckdb.DuckDBNative; relocating it would break them.
        assertThat(jarClasses).contains("org/duckdb/DuckDBNative.class", "se/nyckeltal/jobs/cli/NyckeltalCli.class");
        try (JarFile jar = new JarFile(clusterJar().toFile())) {
            assertThat(jar.getEntry("libduckdb_java.so_linux_amd64")).as("DuckDB's Linux library").isNotNull();
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo(MAIN_CLASS);
            assertThat(jar.getEntry("logback.xml")).as("bin/nyckeltal's logging configuration").isNull();
        }
    }

    static Path clusterJar() {
        Path jar = Path.of(System.getProperty("nyckeltal.cluster.jar", "../target/nyckeltal-cluster.jar"));
        assertThat(jar).as("the cluster jar, built in jobs' package phase").isRegularFile();
        return jar.toAbsolutePath();
    }

    /** The class files of a jar, those of a multi-release jar's version folders under their plain name. */
    private static Set<String> classes(Path jar) throws IOException {
        Set<String> names = new TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
                    names.add(name.replaceFirst("^META-INF/versions/\\d+/", ""));
                }
            }
        }
        return names;
    }
}

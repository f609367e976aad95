package se.nyckeltal.warehouse.kpi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every KPI nyckeltal publishes: one file per KPI (or family of KPIs) under
 * {@code sql/kpi/definitions/<source>/}, found there at build time — nothing lists them. A file's header is
 * the KPI's metadata (dim.kpi, docs/analysts.md), its SQL computes numerator and denominator; see
 * {@code sql/kpi/definitions/README.md}.
 */
public record KpiDefinitions(List<KpiDefinition> kpis) {
    /** Where the definitions are, as a class-path folder. */
    public static final String ROOT = "/se/nyckeltal/warehouse/sql/kpi/definitions/";
    private static final String FILE_PREFIX = "kpi/definitions/";
    private static final String COLUMNS = "period, time_window, org_level, org_id, org_name, measure";

    public KpiDefinitions {
        kpis = List.copyOf(kpis);
        Map<String, String> files = new HashMap<>();
        for (KpiDefinition kpi : kpis) {
            String other = files.put(kpi.kpiId(), kpi.file());
            if (other != null) {
                throw new IllegalStateException("sql/" + kpi.file() + " and sql/" + other + " both define "
                        + kpi.kpiId() + "; a KPI is defined in one file");
            }
        }
    }

    /**
     * The definitions shipped with nyckeltal, sorted by file. Synchronized: a definitions folder inside a jar is
     * read through a zip file system that this method opens and closes.
     */
    public static synchronized KpiDefinitions load() {
        URL root = KpiDefinitions.class.getResource(ROOT);
        if (root == null) {
            throw new IllegalStateException("sql/kpi/definitions/ is missing from the build");
        }
        try {
            URI uri = root.toURI();
            if (!uri.getScheme().equals("jar")) {
                return read(Path.of(uri));
            }
            FileSystem jar;
            boolean opened;
            try {
                jar = FileSystems.newFileSystem(uri, Map.of());
                opened = true;
            } catch (FileSystemAlreadyExistsException e) {
                jar = FileSystems.getFileSystem(uri);
                opened = false;
            }
            try {
                return read(jar.provider().getPath(uri));
            } finally {
                if (opened) {
                    jar.close();
                }
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate sql/kpi/definitions/: " + root, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sql/kpi/definitions/", e);
        }
    }

    private static KpiDefinitions read(Path root) throws IOException {
        List<KpiDefinition> kpis = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".sql")).sorted().toList()) {
                String relative = FILE_PREFIX + root.relativize(file).toString().replace('\\', '/');
                kpis.add(DefinitionFile.parse(relative, Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        return new KpiDefinitions(kpis);
    }

    public Optional<KpiDefinition> find(String kpiId) {
        return kpis.stream().filter(k -> k.kpiId().equals(kpiId)).findFirst();
    }

    /**
     * The body of internal.kpi_components: each definition's query with its kpi_id, parts cast to the types
     * kpi_values divides (each on its own, so one KPI's parts never change another's type).
     */
    public String componentsSql() {
        if (kpis.isEmpty()) {
            return "SELECT CAST(NULL AS VARCHAR) AS kpi_id, CAST(NULL AS INTEGER) AS period, CAST(NULL AS VARCHAR) AS"
                    + " time_window, CAST(NULL AS VARCHAR) AS org_level, CAST(NULL AS VARCHAR) AS org_id,"
                    + " CAST(NULL AS VARCHAR) AS org_name, CAST(NULL AS VARCHAR) AS measure,"
                    + " CAST(NULL AS DECIMAL(38,12)) AS numerator, CAST(NULL AS DECIMAL(38,12)) AS denominator,"
                    + " CAST(NULL AS DECIMAL(38,6)) AS ratio_scale, CAST(NULL AS BOOLEAN) AS suppressed WHERE false";
        }
        List<String> selects = new ArrayList<>();
        for (KpiDefinition kpi : kpis) {
            String id = kpi.family() ? "'" + kpi.familyPrefix() + "' || definition.member" : "'" + kpi.kpiId() + "'";
            selects.add("-- " + kpi.kpiId() + ": sql/" + kpi.file() + "\n"
                    + "SELECT CAST(" + id + " AS VARCHAR) AS kpi_id, " + COLUMNS + ",\n"
                    + "       CAST(numerator AS DECIMAL(38,12)) AS numerator,"
                    + " CAST(denominator AS DECIMAL(38,12)) AS denominator,\n"
                    + "       CAST(ratio_scale AS DECIMAL(38,6)) AS ratio_scale, CAST(suppressed AS BOOLEAN) AS suppressed\n"
                    + "FROM (\n" + kpi.computation() + ") AS definition\n");
        }
        return String.join("\nUNION ALL\n\n", selects);
    }

    /** A digest of every definition file: part of the catalogue's fingerprint. */
    public String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (KpiDefinition kpi : kpis) {
                digest.update((kpi.file() + "\n").getBytes(StandardCharsets.UTF_8));
                digest.update(String.valueOf(kpi).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

package se.nyckeltal.warehouse.catalogue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sums over groups of any size a build computes into build-only TEMP tables (the HR groups, the suppression's
 * cells), kept outside the catalogue under {@code W/restricted/catalogue/<snapshot>/<table>/} for the
 * next build to read back the earlier periods it needs: one folder per period ({@code period=YYYYMM/*.parquet}). A
 * build writes only the periods it computed; an earlier period's files are the previous build's, linked (hard links;
 * copied where the file system has none), so a nightly build writes a month, not the history.
 */
final class KeptGroups {
    private static final String PERIOD_FOLDER = "period=";

    private KeptGroups() {
    }

    /**
     * Adds the rows of the periods before {@code from} that a later step reads — from the January two years before
     * {@code from}'s (the HR relations reach back 24 months: temp.hr_suppression_relations; nothing reads further) —
     * of those the previous build kept in {@code previous} to the rows the SQL file just computed. Row order does not
     * matter: every reader of a temp table joins it on its key or sorts.
     */
    static void copyEarlierPeriods(Connection connection, String table, Path previous, int from) throws SQLException {
        int since = readBackFrom(from);
        List<String> files = new ArrayList<>();
        for (Path period : periodFolders(previous)) {
            int value = period(period);
            if (value >= since && value < from) {
                files.add(SqlLiteral.of(period.toAbsolutePath() + "/*.parquet"));
            }
        }
        if (files.isEmpty()) {
            return;
        }
        CatalogueBuilder.execute(connection, "INSERT INTO " + table + " BY NAME SELECT * FROM read_parquet(["
                + String.join(", ", files) + "], hive_partitioning = false)", "reuse " + table);
    }

    /** The earliest period of a kept table a build that recomputes from {@code from} reads back. */
    static int readBackFrom(int from) {
        return (from / 100 - 2) * 100 + 1;
    }

    /**
     * Keeps a build-only table in {@code folder}: writes its periods from {@code from} on, and links the earlier
     * periods' files of {@code previous} (the kept folder they were copied from; null when the build computed every
     * period).
     */
    static void keep(Connection connection, String table, Path folder, int from, Path previous) throws SQLException {
        try {
            deleteTree(folder);
            Files.createDirectories(folder.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + folder, e);
        }
        CatalogueBuilder.execute(connection, "COPY (SELECT * FROM " + table + " WHERE period >= " + from + ") TO "
                + SqlLiteral.of(folder.toAbsolutePath().toString())
                + " (FORMAT parquet, PARTITION_BY (period), WRITE_PARTITION_COLUMNS true)", "keep " + table);
        try {
            Files.createDirectories(folder);
            if (previous != null) {
                linkEarlierPeriods(previous, folder, from);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the earlier periods of " + previous + " in " + folder, e);
        }
    }

    private static void linkEarlierPeriods(Path previous, Path folder, int from) throws IOException {
        for (Path period : periodFolders(previous)) {
            if (period(period) >= from) {
                continue;
            }
            Path target = Files.createDirectories(folder.resolve(period.getFileName().toString()));
            try (DirectoryStream<Path> files = Files.newDirectoryStream(period, "*.parquet")) {
                for (Path file : files) {
                    link(file, target.resolve(file.getFileName().toString()));
                }
            }
        }
    }

    /** The {@code period=YYYYMM} folders of a kept table; none when it is not there. */
    private static List<Path> periodFolders(Path table) {
        List<Path> folders = new ArrayList<>();
        if (!Files.isDirectory(table)) {
            return folders;
        }
        try (DirectoryStream<Path> periods = Files.newDirectoryStream(table, PERIOD_FOLDER + "*")) {
            periods.forEach(folders::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + table, e);
        }
        return folders;
    }

    private static int period(Path periodFolder) {
        return Integer.parseInt(periodFolder.getFileName().toString().substring(PERIOD_FOLDER.length()));
    }

    private static void link(Path existing, Path link) throws IOException {
        try {
            Files.createLink(link, existing);
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(existing, link);
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}

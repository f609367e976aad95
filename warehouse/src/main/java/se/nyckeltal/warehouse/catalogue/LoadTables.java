package se.nyckeltal.warehouse.catalogue;

import static se.nyckeltal.warehouse.catalogue.Rows.row;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import se.nyckeltal.schemas.warehouse.FileOutcome;
import se.nyckeltal.schemas.warehouse.LoadRecord;
import se.nyckeltal.schemas.warehouse.Snapshot;

/** Fills meta.snapshot, meta.loads and meta.load_files from the snapshot and the load records. */
final class LoadTables {
    /** meta.load_files' amounts are DECIMAL(38,4). */
    private static final int AMOUNT_SCALE = 4;

    private LoadTables() {}

    static void insert(Connection connection, Snapshot snapshot, List<LoadRecord> loads) throws SQLException {
        Rows.insert(connection, "INSERT INTO meta.snapshot VALUES (?, CAST(? AS TIMESTAMPTZ), ?)",
                List.of(row(snapshot.snapshotId(), snapshot.createdAt().toString(), snapshot.loadId())));

        // A load id appearing twice (a record rewritten when the load ended) counts once: the later one.
        Map<String, LoadRecord> byId = new LinkedHashMap<>();
        loads.forEach(l -> byId.put(l.loadId(), l));

        List<List<Object>> loadRows = new ArrayList<>();
        for (LoadRecord load : byId.values()) {
            List<FileOutcome> files = load.files();
            loadRows.add(row(load.loadId(), load.startedAt().toString(),
                    load.finishedAt() == null ? null : load.finishedAt().toString(), load.outcome().name(),
                    load.snapshotId(), load.landing(), load.message(), files.size(),
                    files.stream().mapToLong(FileOutcome::rowsLoaded).sum(),
                    files.stream().mapToLong(FileOutcome::rowsQuarantined).sum(),
                    sum(files, FileOutcome::amountTotal), sum(files, FileOutcome::amountLoaded),
                    sum(files, FileOutcome::amountQuarantined)));
        }
        Rows.insert(connection, "INSERT INTO meta.loads VALUES (?, CAST(? AS TIMESTAMPTZ), CAST(? AS TIMESTAMPTZ),"
                + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", loadRows);
        appendFiles(connection, byId.values());
    }

    /**
     * meta.load_files through DuckDB's appender. Every load lists every file of the landing zone (most of them
     * skipped as already loaded), so the table grows by a landing zone's worth of rows each night: ≈ 150 000 rows after
     * 400 nightly loads at scale M, which as bound VALUES parameters ({@link Rows}) took 37 s of every build
     * (BENCHMARKS.md). The appender takes each value in its column's own type: BIGINT counts as {@code long}, the
     * DECIMAL(38,4) amounts at scale 4, rounded half away from zero as DuckDB's cast of the bound values rounded.
     */
    private static void appendFiles(Connection connection, Iterable<LoadRecord> loads) throws SQLException {
        try (DuckDBAppender appender = connection.unwrap(DuckDBConnection.class).createAppender("meta", "load_files")) {
            for (LoadRecord load : loads) {
                for (FileOutcome f : load.files()) {
                    appender.beginRow().append(load.loadId()).append(f.source()).append(f.path());
                    text(appender, f.sha256()).append(f.status().name());
                    text(appender, f.encoding());
                    text(appender, f.delimiter()).append(f.rowsRead()).append(f.rowsLoaded()).append(f.rowsQuarantined())
                            .append(f.rowsUnparsedAmount()).append(f.blankLines());
                    amount(appender, f.amountTotal());
                    amount(appender, f.amountLoaded());
                    amount(appender, f.amountQuarantined());
                    amount(appender, f.amountSuperseded()).append(f.reconciled())
                            .append(String.join(",", f.partitions()));
                    text(appender, f.message()).endRow();
                }
            }
        }
    }

    private static DuckDBAppender text(DuckDBAppender appender, String value) throws SQLException {
        return value == null ? appender.appendNull() : appender.append(value);
    }

    private static DuckDBAppender amount(DuckDBAppender appender, BigDecimal value) throws SQLException {
        return value == null ? appender.appendNull() : appender.append(value.setScale(AMOUNT_SCALE, RoundingMode.HALF_UP));
    }

    private static BigDecimal sum(List<FileOutcome> files, Function<FileOutcome, BigDecimal> amount) {
        return files.stream().map(amount).filter(a -> a != null).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}

package se.nyckeltal.warehouse.catalogue;

import static se.nyckeltal.warehouse.catalogue.Rows.row;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import se.nyckeltal.schemas.warehouse.FileOutcome;
import se.nyckeltal.schemas.warehouse.LoadRecord;
import se.nyckeltal.schemas.warehouse.Snapshot;

/** Fills meta.snapshot, meta.loads and meta.load_files from the snapshot and the load records. */
final class LoadTables {
    private LoadTables() {}

    static void insert(Connection connection, Snapshot snapshot, List<LoadRecord> loads) throws SQLException {
        Rows.insert(connection, "INSERT INTO meta.snapshot VALUES (?, CAST(? AS TIMESTAMPTZ), ?)",
                List.of(row(snapshot.snapshotId(), snapshot.createdAt().toString(), snapshot.loadId())));

        // A load id appearing twice (a record rewritten when the load ended) counts once: the later one.
        Map<String, LoadRecord> byId = new LinkedHashMap<>();
        loads.forEach(l -> byId.put(l.loadId(), l));

        List<List<Object>> loadRows = new ArrayList<>();
        List<List<Object>> fileRows = new ArrayList<>();
        for (LoadRecord load : byId.values()) {
            List<FileOutcome> files = load.files();
            loadRows.add(row(load.loadId(), load.startedAt().toString(),
                    load.finishedAt() == null ? null : load.finishedAt().toString(), load.outcome().name(),
                    load.snapshotId(), load.landing(), load.message(), files.size(),
                    files.stream().mapToLong(FileOutcome::rowsLoaded).sum(),
                    files.stream().mapToLong(FileOutcome::rowsQuarantined).sum(),
                    sum(files, FileOutcome::amountTotal), sum(files, FileOutcome::amountLoaded),
                    sum(files, FileOutcome::amountQuarantined)));
            for (FileOutcome f : files) {
                fileRows.add(row(load.loadId(), f.source(), f.path(), f.sha256(), f.status().name(), f.encoding(),
                        f.delimiter(), f.rowsRead(), f.rowsLoaded(), f.rowsQuarantined(), f.rowsUnparsedAmount(),
                        f.blankLines(), f.amountTotal(), f.amountLoaded(), f.amountQuarantined(),
                        f.amountSuperseded(), f.reconciled(), String.join(",", f.partitions()), f.message()));
            }
        }
        Rows.insert(connection, "INSERT INTO meta.loads VALUES (?, CAST(? AS TIMESTAMPTZ), CAST(? AS TIMESTAMPTZ),"
                + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", loadRows);
        Rows.insert(connection, "INSERT INTO meta.load_files VALUES"
                + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", fileRows);
    }

    private static BigDecimal sum(List<FileOutcome> files, Function<FileOutcome, BigDecimal> amount) {
        return files.stream().map(amount).filter(a -> a != null).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}

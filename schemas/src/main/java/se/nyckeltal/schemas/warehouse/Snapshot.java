package se.nyckeltal.schemas.warehouse;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Everything one published catalogue is built from: the live fact partitions, the files already
 * loaded, and the reference data folder. Immutable; a load makes a new one.
 *
 * @param referenceDir warehouse-relative folder holding the reference CSVs used
 */
public record Snapshot(
        String snapshotId,
        Instant createdAt,
        String loadId,
        List<FactPartition> partitions,
        List<LoadedFile> loadedFiles,
        String referenceDir) {
    public Snapshot {
        requireNonNull(snapshotId, "snapshotId");
        requireNonNull(createdAt, "createdAt");
        requireNonNull(loadId, "loadId");
        partitions = List.copyOf(partitions);
        loadedFiles = List.copyOf(loadedFiles);
    }

    /**
     * The base a first load builds on: nothing loaded. Never written or published; whether anything is
     * published is {@link WarehouseStore#publishedSnapshot()}, not this snapshot's id.
     */
    public static Snapshot empty() {
        return new Snapshot("none", Instant.EPOCH, "none", List.of(), List.of(), null);
    }

    public List<FactPartition> partitions(String table) {
        return partitions.stream().filter(p -> p.table().equals(table)).toList();
    }

    /** Live Parquet files of a table, warehouse-relative, in a stable order. */
    public List<String> files(String table) {
        return partitions(table).stream()
                .sorted(Comparator.comparingInt(FactPartition::period).thenComparing(FactPartition::scenario))
                .flatMap(p -> p.files().stream())
                .toList();
    }

    public Set<String> loadedHashes() {
        return loadedFiles.stream().map(LoadedFile::sha256).collect(Collectors.toSet());
    }

    /**
     * The snapshot after a load: its partitions replace those with the same key, everything else
     * stays as it was.
     */
    public Snapshot with(String newSnapshotId, Instant at, String newLoadId, List<FactPartition> replacing,
            List<LoadedFile> newlyLoaded, String newReferenceDir) {
        Map<FactPartition.PartitionKey, FactPartition> byKey = new TreeMap<>(
                Comparator.comparing(FactPartition.PartitionKey::table)
                        .thenComparing(FactPartition.PartitionKey::scenario)
                        .thenComparingInt(FactPartition.PartitionKey::period));
        partitions.forEach(p -> byKey.put(p.key(), p));
        replacing.forEach(p -> byKey.put(p.key(), p));
        List<LoadedFile> loaded = new ArrayList<>(loadedFiles);
        loaded.addAll(newlyLoaded);
        return new Snapshot(newSnapshotId, at, newLoadId, List.copyOf(byKey.values()), loaded, newReferenceDir);
    }
}

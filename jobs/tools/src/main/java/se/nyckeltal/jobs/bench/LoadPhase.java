package se.nyckeltal.jobs.bench;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.nyckeltal.schemas.contract.SourceKind;
import se.nyckeltal.schemas.warehouse.FileOutcome;
import se.nyckeltal.schemas.warehouse.LoadRecord;

/**
 * One measured load: the child process's wall time and peak memory, and from its load record the
 * time of each stage and the rows each source read.
 *
 * @param stageMillis the load's own stage timings (spark_start, ingest.ledger, publish, …)
 */
record LoadPhase(String name, long wallMillis, long peakRssBytes, String outcome, Map<String, Long> stageMillis,
        List<SourceLoad> sources) {
    LoadPhase {
        requireNonNull(name, "name");
        stageMillis = new LinkedHashMap<>(stageMillis);
        sources = List.copyOf(sources);
    }

    /** One source in one load: files and rows loaded, the ingest stage's time and its rate. */
    record SourceLoad(String source, int files, long rowsRead, long ingestMillis) {
        double rowsPerSecond() {
            return ingestMillis == 0 ? 0 : rowsRead * 1000.0 / ingestMillis;
        }
    }

    static LoadPhase of(String name, ChildRun run, LoadRecord record) {
        List<SourceLoad> sources = new ArrayList<>();
        for (SourceKind source : SourceKind.values()) {
            List<FileOutcome> files = record.files().stream()
                    .filter(f -> f.source().equals(source.folder()) && f.status() == FileOutcome.Status.LOADED)
                    .toList();
            if (!files.isEmpty()) {
                sources.add(new SourceLoad(source.folder(), files.size(),
                        files.stream().mapToLong(FileOutcome::rowsRead).sum(),
                        record.stageMillis().getOrDefault("ingest." + source.folder(), 0L)));
            }
        }
        return new LoadPhase(name, run.wallMillis(), run.peakRssBytes(), record.outcome().name(), record.stageMillis(),
                sources);
    }

    long rowsRead() {
        return sources.stream().mapToLong(SourceLoad::rowsRead).sum();
    }

    long stage(String stage) {
        return stageMillis.getOrDefault(stage, 0L);
    }
}

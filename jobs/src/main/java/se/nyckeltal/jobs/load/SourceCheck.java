package se.nyckeltal.jobs.load;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import se.nyckeltal.etl.extract.IngestResult;
import se.nyckeltal.etl.extract.IngestSettings;
import se.nyckeltal.etl.extract.LandingFile;
import se.nyckeltal.etl.extract.SourceIngest;
import se.nyckeltal.etl.hr.PseudonymKeySource;
import se.nyckeltal.schemas.contract.SourceKind;
import se.nyckeltal.schemas.files.FileTree;
import se.nyckeltal.schemas.reference.ReferenceData;
import se.nyckeltal.schemas.text.ExtractFormatException;
import se.nyckeltal.schemas.warehouse.FileOutcome;
import se.nyckeltal.schemas.warehouse.Snapshot;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.schemas.warehouse.WarehouseStore;

/**
 * One source's new deliveries run through that source's real ingest — the same parsing,
 * validation and reject threshold as the load — into a scratch warehouse that is thrown away:
 * nothing is published. The nightly DAG's ingest tasks use it so a file that would be refused fails
 * its source's task before the load starts.
 */
public final class SourceCheck {
    /** What the check found; {@code supported} is false for a source this version does not load. */
    public record Result(SourceKind source, boolean supported, int waitingFiles, List<FileOutcome> outcomes,
            List<String> notes) {
        public boolean anyRejected() {
            return outcomes.stream().anyMatch(o -> o.status() == FileOutcome.Status.REJECTED);
        }
    }

    private SourceCheck() {}

    public static boolean supported(SourceKind source) {
        return SourceIngests.SUPPORTED.contains(source);
    }

    /**
     * @throws LoadFailedException when the reference data cannot be read (nothing can be validated)
     */
    public static Result run(SourceKind source, LoadSettings settings, Supplier<SparkSession> spark) {
        requireNonNull(source, "source");
        LandingZone landing = new LandingZone(settings.landing());
        if (!Files.isDirectory(settings.landing())) {
            throw new LoadFailedException("landing folder " + settings.landing() + " does not exist",
                    "point --landing at the folder that holds ledger/ (and production/, hr/, reference/)", null);
        }
        LandingZone.Listing listing = landing.list(source);
        List<String> notes = new ArrayList<>();
        listing.unsupported().forEach(path -> notes.add(path + " will be skipped by the load: not an extract file"));
        if (!supported(source)) {
            return new Result(source, false, listing.files().size(), List.of(), notes);
        }
        WarehouseLayout layout = new WarehouseLayout(settings.warehouse());
        Snapshot previous = Files.isDirectory(layout.root()) ? new WarehouseStore(layout).currentSnapshot()
                : Snapshot.empty();
        Set<String> published = previous.loadedHashes();
        Set<String> seen = new HashSet<>();
        List<LandingFile> fresh = new ArrayList<>();
        for (LandingFile file : listing.files()) {
            if (!published.contains(file.sha256()) && seen.add(file.sha256())) {
                fresh.add(file);
            }
        }
        if (fresh.isEmpty()) {
            return new Result(source, true, 0, List.of(), notes);
        }
        List<String> missing = landing.missingRequiredReference();
        if (!missing.isEmpty()) {
            throw new LoadFailedException(MissingReference.message(landing, missing), MissingReference.hint(landing), null);
        }
        ReferenceData reference;
        try {
            reference = ReferenceData.load(landing.referenceDir());
        } catch (ExtractFormatException e) {
            throw new LoadFailedException("reference data: " + e.getMessage(), "fix the file in "
                    + landing.referenceFolder() + " (" + MissingReference.OPTIONAL + " may also be removed to use the"
                    + " defaults)", null);
        }
        Path scratch;
        try {
            scratch = Files.createTempDirectory("nyckeltal-check-" + source.folder() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch folder", e);
        }
        try {
            // Validation only, into a scratch warehouse: no earlier facts or spell state are needed (and
            // the real warehouse's would not resolve there), and pseudonyms are thrown away with it.
            SourceIngest ingest = SourceIngests.create(spark.get(), new IngestSettings(settings.rejectThreshold()),
                    reference, Snapshot.empty(), validationKey(settings, scratch)).get(source);
            IngestResult result = ingest.ingest(fresh, new WarehouseLayout(scratch), "check");
            return new Result(source, true, fresh.size(), result.outcomes(), notes);
        } finally {
            FileTree.delete(scratch);
        }
    }

    /** The configured key when there is one; else a throwaway key in the scratch folder (no warning, nothing kept). */
    private static Path validationKey(LoadSettings settings, Path scratch) {
        if (settings.pseudonymKeyFile() != null || System.getenv(PseudonymKeySource.ENVIRONMENT_VARIABLE) != null) {
            return settings.pseudonymKeyFile();
        }
        try {
            Path key = scratch.resolve("validation-only.key");
            Files.writeString(key, java.util.UUID.randomUUID() + "-" + java.util.UUID.randomUUID() + "\n");
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a scratch key", e);
        }
    }
}

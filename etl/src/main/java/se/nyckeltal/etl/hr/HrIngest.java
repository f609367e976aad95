package se.nyckeltal.etl.hr;

import static java.util.Objects.requireNonNull;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import se.nyckeltal.etl.extract.ExtractIngest;
import se.nyckeltal.etl.extract.FactGrain;
import se.nyckeltal.etl.extract.IngestResult;
import se.nyckeltal.etl.extract.IngestSettings;
import se.nyckeltal.etl.extract.LandingFile;
import se.nyckeltal.etl.extract.SourceIngest;
import se.nyckeltal.schemas.contract.SourceKind;
import se.nyckeltal.schemas.fact.FactSchema;
import se.nyckeltal.schemas.files.FileTree;
import se.nyckeltal.schemas.warehouse.FactPartition;
import se.nyckeltal.schemas.warehouse.FileOutcome;
import se.nyckeltal.schemas.warehouse.Snapshot;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;

/**
 * The HR time extract of one load (SPEC §3, §5): CSV deliveries → validated, pseudonymised lines →
 * quarantine (employee ids masked) and employee-level hr_day partitions under {@code W/restricted/},
 * through the {@link ExtractIngest} every source shares; then the months from the earliest delivered
 * one on are derived again ({@link HrDerivedFacts}): sick spells, hr_employee_month, hr_spell_state
 * and the analysts' hr_time. Hours stay BigDecimal / DECIMAL(18,4) from the text to the Parquet file
 * and reconcile per file.
 */
public final class HrIngest implements SourceIngest {
    private final SparkSession spark;
    private final IngestSettings settings;
    private final Snapshot previous;
    private final PseudonymKeySource keys;

    /**
     * @param previous the published snapshot: its hr_day months after the delivered ones are derived
     *     again, its spell state continues the spells
     */
    public HrIngest(SparkSession spark, IngestSettings settings, Snapshot previous, PseudonymKeySource keys) {
        this.spark = requireNonNull(spark, "spark");
        this.settings = requireNonNull(settings, "settings");
        this.previous = requireNonNull(previous, "previous");
        this.keys = requireNonNull(keys, "keys");
    }

    @Override
    public SourceKind source() {
        return SourceKind.HR;
    }

    /**
     * @param files in file-name order, already filtered by the caller; none means nothing to do (HR
     *     facts do not depend on reference data)
     */
    @Override
    public IngestResult ingest(List<LandingFile> files, WarehouseLayout layout, String loadId) {
        return ingest(files, layout, layout, loadId);
    }

    /**
     * The key, its fingerprint and the earlier months' hr_day and spell state come from {@code warehouse};
     * hr_day, the derived facts, the quarantine and the fingerprint the facts were made with go to {@code output}.
     *
     * @param files in file-name order, already filtered by the caller; none means nothing to do (HR
     *     facts do not depend on reference data)
     */
    @Override
    public IngestResult ingest(List<LandingFile> files, WarehouseLayout warehouse, WarehouseLayout output,
            String loadId) {
        if (files.isEmpty()) {
            return new IngestResult(List.of(), List.of());
        }
        RestrictedArea.prepare(output.restrictedDir());
        FileTree.delete(output.restrictedStagingRoot()); // leftovers of a crashed load
        PseudonymKey key;
        try {
            key = keys.resolve(warehouse);
            checkFingerprint(key, warehouse);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return refused(files, e.getMessage());
        }
        ExtractIngest extract = new ExtractIngest(spark, settings, SourceKind.HR, FactSchema.HR_DAY, HrLines.SCHEMA,
                file -> HrDelivery.open(file, key), FactGrain.summed(List.of(HrLines.EMPLOYEE, HrLines.WORK_DATE,
                        HrLines.COST_CENTER, HrLines.STAFF_CATEGORY, HrLines.PROFESSION, HrLines.GENDER,
                        HrLines.BIRTH_YEAR, HrLines.HOUR_TYPE), List.of(), UnaryOperator.identity()),
                DailyHoursLimit.RULE);
        IngestResult days = extract.ingest(files, output, loadId);
        if (days.anyRejected() || days.partitions().isEmpty()) {
            return days;
        }
        List<FactPartition> derived = new HrDerivedFacts(spark, warehouse, output, loadId)
                .derive(monthsToDerive(days.partitions()), openBefore(days.partitions()));
        writeFingerprint(key, output);
        List<FactPartition> partitions = new ArrayList<>(days.partitions());
        partitions.addAll(derived);
        return new IngestResult(days.outcomes(), partitions);
    }

    /** The delivered months and every later month the previous snapshot holds: their spells may change. */
    private List<FactPartition> monthsToDerive(List<FactPartition> delivered) {
        int earliest = delivered.stream().mapToInt(FactPartition::period).min().orElseThrow();
        Set<Integer> replaced = delivered.stream().map(FactPartition::period).collect(Collectors.toSet());
        List<FactPartition> months = new ArrayList<>(delivered);
        previous.partitions(FactSchema.HR_DAY.table()).stream()
                .filter(p -> p.period() > earliest && !replaced.contains(p.period()))
                .forEach(months::add);
        months.sort(Comparator.comparingInt(FactPartition::period));
        return months;
    }

    /** The spell state at the end of the last month before the earliest delivered one, if there is one. */
    private List<FactPartition> openBefore(List<FactPartition> delivered) {
        int earliest = delivered.stream().mapToInt(FactPartition::period).min().orElseThrow();
        Optional<Integer> before = previous.partitions(FactSchema.HR_DAY.table()).stream()
                .map(FactPartition::period).filter(p -> p < earliest).max(Integer::compare);
        if (before.isEmpty()) {
            return List.of();
        }
        List<FactPartition> state = previous.partitions(FactSchema.HR_SPELL_STATE.table()).stream()
                .filter(p -> p.period() == before.get()).toList();
        if (state.isEmpty()) {
            throw new IllegalStateException("the warehouse has HR data for " + before.get() + " but no sick-spell state"
                    + " for that month; reload the HR extracts from the first month on");
        }
        return state;
    }

    /**
     * A key other than the one the warehouse's HR data was pseudonymised with would give every
     * employee a second pseudonym: spells would break at this load and counts would double.
     */
    private void checkFingerprint(PseudonymKey key, WarehouseLayout layout) {
        Path file = layout.pseudonymKeyFingerprintFile();
        if (previous.partitions(FactSchema.HR_DAY.table()).isEmpty() || !Files.isRegularFile(file)) {
            return;
        }
        String expected;
        try {
            expected = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (!expected.equals(key.fingerprint())) {
            throw new IllegalArgumentException("the pseudonym key (" + key.origin() + ") is not the key this warehouse's"
                    + " HR data was pseudonymised with (fingerprint " + key.fingerprint() + ", the data has " + expected
                    + "); configure the original key, or load all HR extracts into a new warehouse");
        }
    }

    private static void writeFingerprint(PseudonymKey key, WarehouseLayout layout) {
        try {
            Files.writeString(layout.pseudonymKeyFingerprintFile(), key.fingerprint() + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the pseudonym key fingerprint", e);
        }
    }

    /** Every file refused before reading a row: the key is missing or wrong. */
    private static IngestResult refused(List<LandingFile> files, String why) {
        List<FileOutcome> outcomes = new ArrayList<>();
        for (LandingFile file : files) {
            outcomes.add(new FileOutcome(SourceKind.HR.folder(), file.relativePath(), file.sha256(),
                    FileOutcome.Status.REJECTED, null, null, 0, 0, 0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO,
                    BigDecimal.ZERO, BigDecimal.ZERO, true, List.of(),
                    file.relativePath() + " not read: " + why));
        }
        return new IngestResult(outcomes, List.of());
    }
}

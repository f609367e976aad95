package se.nyckeltal.etl.extract;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import se.nyckeltal.etl.fact.FactPartitionWriter;
import se.nyckeltal.etl.fact.StagedPartition;
import se.nyckeltal.etl.quarantine.QuarantineWriter;
import se.nyckeltal.schemas.contract.SourceKind;
import se.nyckeltal.schemas.fact.FactSchema;
import se.nyckeltal.schemas.warehouse.FileOutcome;
import se.nyckeltal.schemas.warehouse.FileOutcome.Status;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;

/**
 * One source's extract of one load: delivered files → validated lines → quarantine and Parquet fact
 * partitions (SPEC §3, §4). What is the same for every source lives here — the reject threshold,
 * the quarantine, partition replacement by (source, scenario, period), per-file reconciliation of
 * the measure and all-or-nothing publishing; a source supplies how to open its files and how its
 * valid lines sum to its fact grain.
 *
 * <p>All files of a load go through Spark together: their lines are unioned, validated once and
 * cached, counted in one job, then the rejected lines and the facts are each written in one job.
 * The measure stays BigDecimal / DECIMAL from the text to the Parquet file.
 *
 * <p>A load publishes all or nothing: when any file is rejected (unreadable, or more bad rows than
 * the threshold allows) no fact is written, but the rejected rows still go to quarantine. The
 * outcomes of such a load report each file as validated — rows and measure "loaded" are what passed
 * validation — and say that nothing was published.
 */
public final class ExtractIngest implements SourceIngest {
    /** Input bytes per partition of the validated lines (Spark's own default split is 128 MiB). */
    static final long BYTES_PER_PARTITION = 64L << 20;
    private final SparkSession spark;
    private final IngestSettings settings;
    private final SourceKind source;
    private final FactSchema fact;
    private final ExtractLine.Schema lineSchema;
    private final Function<LandingFile, ? extends Delivery> open;
    private final UnaryOperator<Dataset<Row>> toFactGrain;
    private final UnaryOperator<Dataset<Row>> acrossRows;

    /**
     * @param fact the fact table; its measure column has the name of {@code lineSchema}'s measure
     * @param lineSchema how the source's validated lines look to Spark
     * @param open opens one delivered file, e.g. with {@link CsvExtract#open}; throws
     *     {@link UnreadableFileException} to reject the file whole
     * @param toFactGrain sums valid lines (the {@link ExtractLine.Schema#struct() line columns} and
     *     {@link ExtractLine#SOURCE_FILE}) to the fact grain: every fact column but {@code load_id},
     *     which is added here. Group by {@code source_file} too: a partition comes from one file.
     */
    public ExtractIngest(SparkSession spark, IngestSettings settings, SourceKind source, FactSchema fact,
            ExtractLine.Schema lineSchema, Function<LandingFile, ? extends Delivery> open,
            UnaryOperator<Dataset<Row>> toFactGrain) {
        this(spark, settings, source, fact, lineSchema, open, toFactGrain, UnaryOperator.identity());
    }

    /**
     * A source with rules across lines (HR: at most 24 hours of one type per employee and day, summed
     * over the day's rows).
     *
     * @param acrossRows runs on the validated lines of the whole load (the {@link ExtractLine.Schema#struct()
     *     line columns}, cached) before anything is counted; it may turn valid lines into rejected ones
     *     with {@link ExtractLine.Schema#reject} and must keep every line and every column, in order
     */
    public ExtractIngest(SparkSession spark, IngestSettings settings, SourceKind source, FactSchema fact,
            ExtractLine.Schema lineSchema, Function<LandingFile, ? extends Delivery> open,
            UnaryOperator<Dataset<Row>> toFactGrain, UnaryOperator<Dataset<Row>> acrossRows) {
        this.acrossRows = requireNonNull(acrossRows, "acrossRows");
        this.spark = requireNonNull(spark, "spark");
        this.settings = requireNonNull(settings, "settings");
        this.source = requireNonNull(source, "source");
        this.fact = requireNonNull(fact, "fact");
        this.lineSchema = requireNonNull(lineSchema, "lineSchema");
        this.open = requireNonNull(open, "open");
        this.toFactGrain = requireNonNull(toFactGrain, "toFactGrain");
    }

    @Override
    public SourceKind source() {
        return source;
    }

    /**
     * @param files in file-name order, already filtered by the caller (not loaded before, no
     *     duplicate content within the load)
     */
    @Override
    public IngestResult ingest(List<LandingFile> files, WarehouseLayout layout, String loadId) {
        if (files.isEmpty()) {
            return new IngestResult(List.of(), List.of());
        }
        requireNonNull(layout, "layout");
        requireNonNull(loadId, "loadId");
        List<LandingFile> inputs = List.copyOf(files);
        // Headers (and files a source reads whole) are read on the driver; a file that cannot be
        // read at all is rejected here and never reaches Spark.
        List<Delivery> deliveries = new ArrayList<>(inputs.size());
        Map<Integer, UnreadableFileException> unreadable = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            try {
                deliveries.add(requireNonNull(open.apply(inputs.get(i)), "delivery"));
            } catch (UnreadableFileException e) {
                deliveries.add(null);
                unreadable.put(i, e);
            }
        }
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<JavaRDD<Row>> parts = new ArrayList<>();
        for (int i = 0; i < deliveries.size(); i++) {
            if (deliveries.get(i) != null) {
                parts.add(rows(deliveries.get(i).lines(context), i, lineSchema));
            }
        }
        FactPartitionWriter writer = new FactPartitionWriter(spark, layout, fact, lineSchema.measure(),
                lineSchema.secondMeasure(), loadId);
        Dataset<Row> validated = null;
        Dataset<Row> lines = null;
        try {
            Map<Integer, FileTally> tallies = Map.of();
            if (!parts.isEmpty()) {
                @SuppressWarnings("unchecked")
                JavaRDD<Row>[] all = parts.toArray(JavaRDD[]::new);
                // Cached: the checks across rows, the tally, the quarantine and the facts all read the
                // validated lines, and validating is the expensive part.
                JavaRDD<Row> union = context.union(all);
                int target = targetPartitions(inputs, context.defaultParallelism());
                if (union.getNumPartitions() > target) {
                    // Many small files: one task each would cost more than the work in every job below.
                    union = union.coalesce(target);
                }
                validated = spark.createDataFrame(union, lineSchema.struct())
                        .persist(StorageLevel.MEMORY_AND_DISK());
                lines = acrossRows.apply(validated);
                tallies = FileTally.of(lines, lineSchema);
            }
            Load load = new Load(inputs, deliveries, unreadable, tallies, loadId);
            Column sourceFile = sourceFileColumn(inputs);
            if (lines != null && load.anyQuarantined()) {
                new QuarantineWriter(layout).write(quarantine(lines, sourceFile, loadId), loadId);
            }
            if (load.anyRejected()) {
                return new IngestResult(load.unpublishedOutcomes(), List.of());
            }
            return stageAndCommit(load, lines, sourceFile, writer);
        } finally {
            if (validated != null) {
                validated.unpersist();
            }
            writer.cleanUp();
        }
    }

    /**
     * How many partitions the validated lines of a load need: one per {@value #BYTES_PER_PARTITION}
     * bytes of input, and at least two per core so every core has work.
     */
    static int targetPartitions(List<LandingFile> inputs, int parallelism) {
        long bytes = 0;
        for (LandingFile input : inputs) {
            try {
                bytes += java.nio.file.Files.size(input.path());
            } catch (java.io.IOException e) {
                // unreadable files were rejected already; count nothing for them
            }
        }
        long bySize = (bytes + BYTES_PER_PARTITION - 1) / BYTES_PER_PARTITION;
        return (int) Math.max(2L * parallelism, bySize);
    }

    /** A delivery's lines as rows of the line schema, tagged with the delivery's index in the load. */
    private static JavaRDD<Row> rows(JavaRDD<ExtractLine> lines, int file, ExtractLine.Schema schema) {
        return lines.map(line -> schema.row(file, line));
    }

    /** Facts of the winning partitions, staged, read back, reconciled and only then committed into facts/. */
    private IngestResult stageAndCommit(Load load, Dataset<Row> lines, Column sourceFile, FactPartitionWriter writer) {
        PartitionReplacement replacement = load.replacement();
        List<StagedPartition> staged = List.of();
        if (load.anyValid()) {
            staged = writer.stage(facts(lines, load.supersededKeys(replacement), sourceFile, load.loadId));
        }
        Map<String, BigDecimal> loadedBySource = new HashMap<>();
        Map<String, BigDecimal> secondLoadedBySource = new HashMap<>();
        staged.forEach(p -> loadedBySource.merge(p.sourceFile(), p.amount(), BigDecimal::add));
        staged.forEach(p -> secondLoadedBySource.merge(p.sourceFile(), p.second(), BigDecimal::add));
        List<FileOutcome> outcomes = new ArrayList<>();
        List<String> unreconciled = new ArrayList<>();
        for (int i = 0; i < load.inputs.size(); i++) {
            String path = load.inputs.get(i).relativePath();
            FileOutcome outcome = load.loadedOutcome(i, replacement, loadedBySource.getOrDefault(path, BigDecimal.ZERO),
                    secondLoadedBySource.getOrDefault(path, BigDecimal.ZERO));
            if (!outcome.reconciled()) {
                unreconciled.add(path);
            }
            outcomes.add(outcome);
        }
        if (!unreconciled.isEmpty()) {
            return new IngestResult(load.unreconciledOutcomes(outcomes, unreconciled), List.of());
        }
        return new IngestResult(outcomes, writer.commit(staged));
    }

    /** Valid lines of the partitions each file wins, summed by the source to its fact grain. */
    private Dataset<Row> facts(Dataset<Row> lines, List<String> supersededKeys, Column sourceFile, String loadId) {
        Dataset<Row> valid = lines.filter(col(ExtractLine.KIND).equalTo(ExtractLine.Kind.VALID.name()));
        if (!supersededKeys.isEmpty()) {
            valid = valid.filter(not(partitionKey().isin(supersededKeys.toArray())));
        }
        return toFactGrain.apply(valid.withColumn(ExtractLine.SOURCE_FILE, sourceFile))
                .withColumn("load_id", lit(loadId));
    }

    /** {@code file:SCENARIO:YYYYMM} of a validated line, as {@link Load#supersededKeys} names them. */
    private static Column partitionKey() {
        return concat_ws(":", col(ExtractLine.FILE).cast("string"), col(ExtractLine.SCENARIO),
                col(ExtractLine.PERIOD).cast("string"));
    }

    private Dataset<Row> quarantine(Dataset<Row> lines, Column sourceFile, String loadId) {
        return lines.filter(col(ExtractLine.KIND).equalTo(ExtractLine.Kind.REJECTED.name()))
                .select(lit(loadId).as("load_id"), lit(source.folder()).as("source"), sourceFile.as("source_file"),
                        col(ExtractLine.LINE_NUMBER).as("line_number"), col(ExtractLine.REASON).as("reason"),
                        col(ExtractLine.RAW_LINE).as("raw_line"));
    }

    /** The landing-relative path of a line's file, looked up by the file's index in the load. */
    private static Column sourceFileColumn(List<LandingFile> inputs) {
        Column[] paths = inputs.stream().map(f -> lit(f.relativePath())).toArray(Column[]::new);
        return element_at(array(paths), col(ExtractLine.FILE).plus(1));
    }

    /** What validation found in the files of one load, and the outcome each file gets. */
    private final class Load {
        private final List<LandingFile> inputs;
        private final List<Delivery> deliveries;
        private final Map<Integer, UnreadableFileException> unreadable;
        private final Map<Integer, FileTally> tallies;
        private final String loadId;

        Load(List<LandingFile> inputs, List<Delivery> deliveries, Map<Integer, UnreadableFileException> unreadable,
                Map<Integer, FileTally> tallies, String loadId) {
            this.inputs = inputs;
            this.deliveries = deliveries;
            this.unreadable = unreadable;
            this.tallies = tallies;
            this.loadId = loadId;
        }

        FileTally tally(int file) {
            return tallies.getOrDefault(file, FileTally.empty());
        }

        boolean overThreshold(int file) {
            FileTally tally = tally(file);
            return settings.exceedsThreshold(tally.rowsQuarantined(), tally.rowsRead());
        }

        boolean rejected(int file) {
            return unreadable.containsKey(file) || overThreshold(file);
        }

        boolean anyRejected() {
            for (int i = 0; i < inputs.size(); i++) {
                if (rejected(i)) {
                    return true;
                }
            }
            return false;
        }

        boolean anyQuarantined() {
            return tallies.values().stream().anyMatch(t -> t.rowsQuarantined() > 0);
        }

        boolean anyValid() {
            return tallies.values().stream().anyMatch(t -> !t.partitions().isEmpty());
        }

        PartitionReplacement replacement() {
            List<Set<ScenarioPeriod>> partitionsByFile = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                partitionsByFile.add(tally(i).partitions().keySet());
            }
            return PartitionReplacement.apply(partitionsByFile);
        }

        List<String> supersededKeys(PartitionReplacement replacement) {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                for (ScenarioPeriod partition : tally(i).partitions().keySet()) {
                    if (replacement.supersededBy(i, partition).isPresent()) {
                        keys.add(i + ":" + partition.scenario() + ":" + partition.period());
                    }
                }
            }
            return keys;
        }

        /**
         * A file of a load that published: its winning partitions loaded, the rest superseded. It reconciles on
         * the measure and, where the source has one, the second measure.
         */
        FileOutcome loadedOutcome(int file, PartitionReplacement replacement, BigDecimal amountLoaded,
                BigDecimal secondLoaded) {
            FileTally tally = tally(file);
            long rowsLoaded = 0;
            BigDecimal amountSuperseded = BigDecimal.ZERO;
            BigDecimal secondSuperseded = BigDecimal.ZERO;
            List<String> loadedInto = new ArrayList<>();
            List<String> supersededNotes = new ArrayList<>();
            for (Map.Entry<ScenarioPeriod, FileTally.Cell> entry : tally.partitions().entrySet()) {
                Optional<Integer> winner = replacement.supersededBy(file, entry.getKey());
                if (winner.isPresent()) {
                    amountSuperseded = amountSuperseded.add(entry.getValue().amount());
                    secondSuperseded = secondSuperseded.add(entry.getValue().second());
                    supersededNotes.add(entry.getKey().label() + " (" + entry.getValue().rows() + " rows, "
                            + entry.getValue().amount().toPlainString() + ") is replaced by "
                            + inputs.get(winner.get()).relativePath() + ", delivered later in this load");
                } else {
                    rowsLoaded += entry.getValue().rows();
                    loadedInto.add(entry.getKey().label());
                }
            }
            boolean amountReconciled = tally.amountTotal()
                    .compareTo(amountLoaded.add(tally.amountQuarantined()).add(amountSuperseded)) == 0;
            boolean secondReconciled = tally.secondTotal()
                    .compareTo(secondLoaded.add(tally.secondQuarantined()).add(secondSuperseded)) == 0;
            boolean reconciled = amountReconciled && secondReconciled;
            StringBuilder message = new StringBuilder();
            if (!reconciled) {
                message.append(inputs.get(file).relativePath()).append(" does not reconcile: ");
                if (!amountReconciled) {
                    appendDifference(message, lineSchema.measure(), tally.amountTotal(), amountLoaded,
                            tally.amountQuarantined(), amountSuperseded);
                }
                if (!secondReconciled) {
                    appendDifference(message.append(amountReconciled ? "" : "; "), lineSchema.secondMeasure(),
                            tally.secondTotal(), secondLoaded, tally.secondQuarantined(), secondSuperseded);
                }
                message.append(". This is a bug in nyckeltal, not in the file: nothing of this load was published;"
                                + " report it with load id ").append(loadId);
            } else if (tally.rowsRead() == 0) {
                message.append("no data rows: nothing to load, no partition replaced");
            } else {
                message.append(rowsLoaded).append(" of ").append(tally.rowsRead()).append(" rows loaded");
                if (!loadedInto.isEmpty()) {
                    message.append(" into ").append(String.join(", ", loadedInto));
                }
            }
            if (reconciled && tally.rowsQuarantined() > 0) {
                message.append("; ").append(tally.rowsQuarantined()).append(" quarantined (")
                        .append(share(tally)).append(" %, within the ").append(limit())
                        .append(" % limit), see meta.quarantine: ").append(firstProblems(tally));
            }
            if (reconciled && !supersededNotes.isEmpty()) {
                message.append("; ").append(String.join("; ", supersededNotes));
            }
            appendWarnings(message, file);
            return outcome(file, reconciled ? Status.LOADED : Status.REJECTED, rowsLoaded, amountLoaded, amountSuperseded,
                    reconciled, message.toString());
        }

        private static void appendDifference(StringBuilder message, String measure, BigDecimal total, BigDecimal loaded,
                BigDecimal quarantined, BigDecimal superseded) {
            message.append("total ").append(measure).append(' ').append(total.toPlainString()).append(" ≠ loaded ")
                    .append(loaded.toPlainString()).append(" + quarantined ").append(quarantined.toPlainString())
                    .append(" + superseded ").append(superseded.toPlainString());
        }

        /** Every file of a load that publishes nothing because a file was rejected. */
        List<FileOutcome> unpublishedOutcomes() {
            List<String> rejectedPaths = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                if (rejected(i)) {
                    rejectedPaths.add(inputs.get(i).relativePath());
                }
            }
            List<FileOutcome> outcomes = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                String path = inputs.get(i).relativePath();
                StringBuilder message = new StringBuilder();
                if (unreadable.containsKey(i)) {
                    message.append(path).append(" rejected: ").append(unreadable.get(i).getMessage())
                            .append(". Nothing of this load was published; fix the file and deliver it again");
                } else if (overThreshold(i)) {
                    FileTally tally = tally(i);
                    message.append(path).append(" rejected: ").append(tally.rowsQuarantined()).append(" of ")
                            .append(tally.rowsRead()).append(" rows (").append(share(tally))
                            .append(" %) failed validation, more than the ").append(limit())
                            .append(" % allowed. First problems: ").append(firstProblems(tally))
                            .append(". Nothing of this load was published; the rejected rows are in meta.quarantine."
                                    + " Fix the export and deliver the file again");
                } else {
                    FileTally tally = tally(i);
                    message.append(path).append(" is valid (").append(tally.rowsValid()).append(" of ")
                            .append(tally.rowsRead()).append(" rows) but was not published: the load failed because ")
                            .append(String.join(", ", rejectedPaths)).append(rejectedPaths.size() > 1 ? " were" : " was")
                            .append(" rejected. It loads with the next load once the rejected file is fixed");
                }
                appendWarnings(message, i);
                outcomes.add(validatedOutcome(i, rejected(i) ? Status.REJECTED : Status.LOADED, message.toString()));
            }
            return outcomes;
        }

        /** A load that found a reconciliation bug publishes nothing; each file says why. */
        List<FileOutcome> unreconciledOutcomes(List<FileOutcome> computed, List<String> unreconciled) {
            List<FileOutcome> outcomes = new ArrayList<>();
            for (int i = 0; i < computed.size(); i++) {
                FileOutcome outcome = computed.get(i);
                if (!outcome.reconciled()) {
                    outcomes.add(outcome);
                } else {
                    outcomes.add(validatedOutcome(i, Status.LOADED, inputs.get(i).relativePath()
                            + " is valid but was not published: the load failed because "
                            + String.join(", ", unreconciled) + " did not reconcile (a bug in nyckeltal)"));
                }
            }
            return outcomes;
        }

        /** Amounts as validation found them: nothing published, nothing superseded. */
        private FileOutcome validatedOutcome(int file, Status status, String message) {
            FileTally tally = tally(file);
            BigDecimal valid = tally.amountValid();
            boolean reconciled = tally.amountTotal().compareTo(valid.add(tally.amountQuarantined())) == 0;
            return outcome(file, status, tally.rowsValid(), valid, BigDecimal.ZERO, reconciled, message);
        }

        private FileOutcome outcome(int file, Status status, long rowsLoaded, BigDecimal amountLoaded,
                BigDecimal amountSuperseded, boolean reconciled, String message) {
            LandingFile input = inputs.get(file);
            Delivery delivery = deliveries.get(file);
            UnreadableFileException failure = unreadable.get(file);
            String encoding = delivery != null ? delivery.encoding() : failure.encoding();
            String delimiter = delivery != null ? delivery.delimiter() : failure.delimiter();
            FileTally tally = tally(file);
            List<String> partitions = new ArrayList<>(new TreeSet<>(
                    tally.partitions().keySet().stream().map(ScenarioPeriod::label).toList()));
            return new FileOutcome(source.folder(), input.relativePath(), input.sha256(), status, encoding, delimiter,
                    tally.rowsRead(), rowsLoaded, tally.rowsQuarantined(), tally.rowsUnparsedAmount(),
                    tally.blankLines(), tally.amountTotal(), amountLoaded, tally.amountQuarantined(), amountSuperseded,
                    reconciled, partitions, message);
        }

        private void appendWarnings(StringBuilder message, int file) {
            Delivery delivery = deliveries.get(file);
            if (delivery != null && !delivery.warnings().isEmpty()) {
                message.append("; warnings: ").append(String.join("; ", delivery.warnings()));
            }
        }

        /** The quarantined share of a file's data rows in percent, e.g. {@code 2.00}. */
        private String share(FileTally tally) {
            return BigDecimal.valueOf(tally.rowsQuarantined()).multiply(BigDecimal.valueOf(100))
                    .divide(BigDecimal.valueOf(tally.rowsRead()), 2, RoundingMode.HALF_UP).toPlainString();
        }

        private String limit() {
            return settings.rejectThreshold().multiply(BigDecimal.valueOf(100)).stripTrailingZeros().toPlainString();
        }

        private String firstProblems(FileTally tally) {
            List<String> problems = new ArrayList<>();
            tally.firstProblems().forEach((line, reason) -> problems.add("line " + line + ": " + reason));
            String more = tally.rowsQuarantined() > problems.size() ? " …" : "";
            return String.join(" | ", problems) + more;
        }
    }
}

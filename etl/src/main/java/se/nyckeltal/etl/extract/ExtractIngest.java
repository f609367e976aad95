package se.nyckeltal.etl.extract;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.CollectionAccumulator;
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
 * the measure and all-or-nothing publishing; a source supplies how to open its files, its rules
 * across the lines of one delivery and how its valid lines become fact rows.
 *
 * <p>Each file is read whole by one Spark task (small files share a task), and everything that needs
 * the lines of one file — the rule across lines, the tally, summing to the fact grain — happens in that
 * task, on the parsed values, with no cache and no shuffle. A load usually reads each file once: one
 * pass counts the files (the tally decides the threshold and which file wins which partition) and, on
 * the way, stages each file's fact rows straight from the parser as Spark's internal rows, one Parquet
 * file per partition and file. The partitions a later file of the load supersedes are dropped from
 * staging. Only what the tallies then say cannot stand is read again: the rejected lines of the files
 * that have any, and the facts of a file not at its fact grain (summed in the task, unless the source's
 * rows are always summed and the first pass did so) or of a file that breaks the rule across lines
 * (their staged rows are dropped first). The measure stays BigDecimal / DECIMAL from the text to the
 * Parquet file.
 *
 * <p>A load publishes all or nothing: when any file is rejected (unreadable, or more bad rows than
 * the threshold allows) no fact is written, but the rejected rows still go to quarantine. The
 * outcomes of such a load report each file as validated — rows and measure "loaded" are what passed
 * validation — and say that nothing was published.
 */
public final class ExtractIngest implements SourceIngest {
    /** Input bytes per Spark task: small files are read together, up to this many bytes. */
    static final long BYTES_PER_PARTITION = 64L << 20;
    /** The staging passes of a load's facts: while counting, and again for the files that needed it. */
    private static final String FIRST_PASS = "first";
    private static final String SECOND_PASS = "second";
    private final SparkSession spark;
    private final IngestSettings settings;
    private final SourceKind source;
    private final FactSchema fact;
    private final ExtractLine.Schema lineSchema;
    private final Function<LandingFile, ? extends Delivery> open;
    private final FactGrain grain;
    private final FactGrain.Rows grainRows;
    private final DeliveryRule rule;

    /**
     * @param fact the fact table; its measure column has the name of {@code lineSchema}'s measure
     * @param lineSchema how the source's validated lines look to Spark
     * @param open opens one delivered file, e.g. with {@link CsvExtract#open}; throws
     *     {@link UnreadableFileException} to reject the file whole
     * @param grain how valid lines become fact rows: every fact column but {@code load_id}, which is
     *     added here
     */
    public ExtractIngest(SparkSession spark, IngestSettings settings, SourceKind source, FactSchema fact,
            ExtractLine.Schema lineSchema, Function<LandingFile, ? extends Delivery> open, FactGrain grain) {
        this(spark, settings, source, fact, lineSchema, open, grain, DeliveryRule.NONE);
    }

    /**
     * A source with rules across the lines of one delivery (HR: at most 24 hours of one type per
     * employee and day, summed over the day's rows).
     *
     * @param rule runs on each delivery's validated lines before anything is counted
     */
    public ExtractIngest(SparkSession spark, IngestSettings settings, SourceKind source, FactSchema fact,
            ExtractLine.Schema lineSchema, Function<LandingFile, ? extends Delivery> open, FactGrain grain,
            DeliveryRule rule) {
        this.spark = requireNonNull(spark, "spark");
        this.settings = requireNonNull(settings, "settings");
        this.source = requireNonNull(source, "source");
        this.fact = requireNonNull(fact, "fact");
        this.lineSchema = requireNonNull(lineSchema, "lineSchema");
        this.open = requireNonNull(open, "open");
        this.grain = requireNonNull(grain, "grain");
        this.grainRows = grain.rows(lineSchema);
        this.rule = requireNonNull(rule, "rule");
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
                deliveries.add(new GuardedDelivery(requireNonNull(open.apply(inputs.get(i)), "delivery"),
                        settings.guard(), lineSchema));
            } catch (UnreadableFileException e) {
                deliveries.add(null);
                unreadable.put(i, e);
            }
        }
        FactPartitionWriter writer = new FactPartitionWriter(spark, layout, fact, lineSchema.measure(),
                lineSchema.secondMeasure(), loadId);
        try {
            ReadableFiles readable = new ReadableFiles(inputs, deliveries);
            Column sourceFile = sourceFileColumn(inputs);
            // One pass counts every file and stages the facts of each file as its lines stream past.
            CollectionAccumulator<Counted> counted = spark.sparkContext().collectionAccumulator(
                    source.folder() + " tallies");
            if (readable.any()) {
                writer.stageByDelivery(FIRST_PASS, factsOf(readable.countedFactRows(lineSchema, grainRows, rule,
                        counted), sourceFile, loadId));
            }
            Map<Integer, FileTally> tallies = new HashMap<>();
            counted.value().forEach(c -> tallies.put(c.file(), c.tally()));
            Load load = new Load(inputs, deliveries, unreadable, tallies, loadId);
            if (load.anyQuarantined()) {
                ReadableFiles quarantined = readable.only(load::quarantined);
                new QuarantineWriter(layout).write(quarantine(quarantined.rejectedLines(lineSchema, rule,
                        load.ruleBroken()), sourceFile, loadId), loadId);
            }
            if (load.anyRejected()) {
                return new IngestResult(load.unpublishedOutcomes(), List.of());
            }
            return stageAndCommit(load, readable, sourceFile, writer);
        } finally {
            writer.cleanUp();
        }
    }

    /**
     * Facts of the winning partitions, staged, read back, reconciled and only then committed into
     * facts/. The first pass staged every file's rows as they streamed past, by file and partition; what
     * the count says they may not be is dropped: the partitions a later file of the load supersedes, and
     * whole files — made again from the file — that are not at their fact grain (unless summed whole in
     * the first pass) or that break the rule across lines.
     */
    private IngestResult stageAndCommit(Load load, ReadableFiles readable, Column sourceFile, FactPartitionWriter writer) {
        PartitionReplacement replacement = load.replacement();
        Map<Integer, Set<ScenarioPeriod>> superseded = load.superseded(replacement);
        Set<Integer> again = new HashSet<>();
        for (int i = 0; i < load.inputs.size(); i++) {
            FileTally tally = load.tally(i);
            // A file that broke the rule staged lines the rule rejects, maybe all its valid ones.
            // A file not at its grain staged rows only until that showed, unless the first pass summed it whole.
            boolean partlyStaged = !tally.atGrain() && !grainRows.alwaysSummed();
            String path = load.inputs.get(i).relativePath();
            if (tally.ruleBroken() || partlyStaged) {
                writer.dropStaged(FIRST_PASS, path);
                again.add(i);
            } else {
                // Its rows stand but for the partitions a later file supersedes (a monthly production file
                // delivers the month before again, the next one restates it): only those are dropped. Were
                // one left behind, the read-back would find its partition staged twice and fail the load.
                superseded.getOrDefault(i, Set.of())
                        .forEach(partition -> writer.dropStaged(FIRST_PASS, path, partition.scenario(), partition.period()));
            }
        }
        ReadableFiles winning = readable.only(file -> again.contains(file)
                && load.tally(file).partitions().size() > superseded.getOrDefault(file, Set.of()).size());
        if (winning.any()) {
            writer.stageByDelivery(SECOND_PASS, factsOf(winning.factRows(grainRows, rule, superseded, load.atGrain(),
                    load.ruleBroken()), sourceFile, load.loadId));
        }
        List<StagedPartition> staged = writer.readBackStaged();
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

    /**
     * Fact rows made in the tasks that read the files (rows of the grain's struct) as the fact table's
     * columns: each Spark partition holds whole files, so whole fact partitions.
     */
    private Dataset<Row> factsOf(Dataset<Row> grainRowsOfFiles, Column sourceFile, String loadId) {
        Dataset<Row> rows = grainRowsOfFiles.withColumn(ExtractLine.SOURCE_FILE, sourceFile);
        if (!grainRows.asDelivered()) {
            // The columns a source's summed lines have: source_file, period, scenario, keys, sums.
            List<Column> columns = new ArrayList<>(List.of(col(ExtractLine.SOURCE_FILE)));
            for (String name : grainRows.struct().fieldNames()) {
                if (!name.equals(ExtractLine.FILE)) {
                    columns.add(col(name));
                }
            }
            rows = rows.select(columns.toArray(Column[]::new));
        }
        return grain.toFact(rows).withColumn("load_id", lit(loadId));
    }

    private Dataset<Row> quarantine(Dataset<Row> lines, Column sourceFile, String loadId) {
        return lines.select(lit(loadId).as("load_id"), lit(source.folder()).as("source"), sourceFile.as("source_file"),
                col(ExtractLine.LINE_NUMBER).as("line_number"), col(ExtractLine.REASON).as("reason"),
                col(ExtractLine.RAW_LINE).as("raw_line"));
    }

    /** The landing-relative path of a line's file, looked up by the file's index in the load. */
    private static Column sourceFileColumn(List<LandingFile> inputs) {
        Column[] paths = inputs.stream().map(f -> lit(f.relativePath())).toArray(Column[]::new);
        return element_at(array(paths), col(ExtractLine.FILE).plus(1));
    }

    /** One readable file of the load: its index in the load and how to read it, shipped to a Spark task. */
    record FileWork(int file, Delivery delivery) implements Serializable {}

    /** What one Spark task learnt about one file. */
    record Counted(int file, FileTally tally) implements Serializable {}

    /**
     * Readable files of a load, grouped for Spark: a group is one task and reads its files whole, one
     * after the other. Groups hold about {@value #BYTES_PER_PARTITION} bytes; at least two per core
     * when there are enough files, so every core has work.
     */
    private final class ReadableFiles {
        private final List<List<FileWork>> groups;

        ReadableFiles(List<LandingFile> inputs, List<Delivery> deliveries) {
            List<FileWork> work = new ArrayList<>();
            long[] sizes = new long[inputs.size()];
            long bytes = 0;
            for (int i = 0; i < inputs.size(); i++) {
                if (deliveries.get(i) != null) {
                    work.add(new FileWork(i, deliveries.get(i)));
                    sizes[i] = size(inputs.get(i));
                    bytes += sizes[i];
                }
            }
            int parallelism = spark.sparkContext().defaultParallelism();
            int count = (int) Math.min(work.size(), Math.max(2L * parallelism, (bytes + BYTES_PER_PARTITION - 1)
                    / BYTES_PER_PARTITION));
            // Largest files first, each into the lightest group so far; files keep their order in a group.
            List<List<FileWork>> grouped = new ArrayList<>();
            long[] load = new long[count];
            for (int g = 0; g < count; g++) {
                grouped.add(new ArrayList<>());
            }
            List<FileWork> bySize = new ArrayList<>(work);
            bySize.sort(Comparator.comparingLong((FileWork w) -> sizes[w.file()]).reversed()
                    .thenComparingInt(FileWork::file));
            for (FileWork file : bySize) {
                int lightest = 0;
                for (int g = 1; g < count; g++) {
                    if (load[g] < load[lightest]) {
                        lightest = g;
                    }
                }
                grouped.get(lightest).add(file);
                load[lightest] += sizes[file.file()];
            }
            grouped.forEach(group -> group.sort(Comparator.comparingInt(FileWork::file)));
            this.groups = grouped;
        }

        private ReadableFiles(List<List<FileWork>> groups) {
            this.groups = groups;
        }

        private static long size(LandingFile input) {
            try {
                return Files.size(input.path());
            } catch (IOException e) {
                return 0; // a file read on the driver (SIE) or gone: weighs nothing here
            }
        }

        /** The files for which {@code keep} holds, in the same groups (empty groups dropped). */
        ReadableFiles only(IntPredicate keep) {
            List<List<FileWork>> kept = new ArrayList<>();
            for (List<FileWork> group : groups) {
                List<FileWork> files = group.stream().filter(w -> keep.test(w.file())).toList();
                if (!files.isEmpty()) {
                    kept.add(files);
                }
            }
            return new ReadableFiles(kept);
        }

        private JavaRDD<FileWork> rdd() {
            JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
            // One element per slice: a group is one task.
            return context.parallelize(groups, Math.max(1, groups.size())).flatMap(List::iterator);
        }

        boolean any() {
            return !groups.isEmpty();
        }

        /**
         * Each file's valid lines as fact rows while the file is at its grain, as they stream past; each
         * file's tally goes to {@code counted} once its last line is read (so once the rows are written).
         */
        Dataset<Row> countedFactRows(ExtractLine.Schema schema, FactGrain.Rows grainRows, DeliveryRule rule,
                CollectionAccumulator<Counted> counted) {
            JavaRDD<InternalRow> rows = rdd().flatMap(work -> new CountedRows(work, schema, grainRows, rule, counted));
            return internalDataFrame(rows, grainRows.struct());
        }

        /** The rejected lines of these files, as rows of the line schema. */
        Dataset<Row> rejectedLines(ExtractLine.Schema schema, DeliveryRule rule, Set<Integer> ruleBroken) {
            Set<Integer> broken = new HashSet<>(ruleBroken);
            JavaRDD<InternalRow> rows = rdd().flatMap(work -> {
                Iterator<ExtractLine> lines = validated(work.delivery(), rule, broken.contains(work.file()));
                return filter(lines, line -> line.kind() == ExtractLine.Kind.REJECTED, line -> schema.internalRow(
                        work.file(), line));
            });
            return internalDataFrame(rows, schema.struct());
        }

        /**
         * The fact rows of these files' valid lines, but for the partitions another file of the load
         * supersedes.
         *
         * @param atGrain the files whose valid lines need no summing
         */
        Dataset<Row> factRows(FactGrain.Rows grainRows, DeliveryRule rule,
                Map<Integer, Set<ScenarioPeriod>> superseded, Set<Integer> atGrain, Set<Integer> ruleBroken) {
            Set<Integer> broken = new HashSet<>(ruleBroken);
            Map<Integer, Set<ScenarioPeriod>> skipped = new HashMap<>(superseded);
            Set<Integer> plain = new HashSet<>(atGrain);
            JavaRDD<InternalRow> rows = rdd().flatMap(work -> {
                Set<ScenarioPeriod> skip = skipped.getOrDefault(work.file(), Set.of());
                Iterator<ExtractLine> valid = filterLines(validated(work.delivery(), rule, broken.contains(work.file())),
                        line -> line.kind() == ExtractLine.Kind.VALID
                                && (skip.isEmpty() || !skip.contains(new ScenarioPeriod(line.scenario(), line.period()))));
                return grainRows.factRows(work.file(), valid, plain.contains(work.file()));
            });
            return internalDataFrame(rows, grainRows.struct());
        }

        private Dataset<Row> internalDataFrame(JavaRDD<InternalRow> rows, StructType struct) {
            // Spark's internal rows as they are: no Row, no encoder.
            return ((org.apache.spark.sql.classic.SparkSession) spark).internalCreateDataFrame(rows.rdd(), struct, false);
        }
    }

    /**
     * A file's validated lines after the source's rule across lines, in a Spark task.
     *
     * @param ruleBroken whether the tally found lines that break the rule: only then is the file read
     *     twice, once for the rule to see every line and once to judge them
     */
    private static Iterator<ExtractLine> validated(Delivery delivery, DeliveryRule rule, boolean ruleBroken) {
        if (!ruleBroken) {
            return delivery.lines();
        }
        DeliveryRule.Check check = rule.check();
        delivery.lines().forEachRemaining(check::see);
        return new MappedIterator<>(delivery.lines(), check::judge);
    }

    /**
     * Counts one file in a Spark task — the tally, whether its valid lines are at the fact grain, and
     * whether it breaks the source's rule across lines (then it is counted again with the rule applied)
     * — and gives the fact rows of its valid lines on the way, until a line shows that the file is not
     * at its grain. Whether the rows given stand is for the driver to say once it has every tally.
     */
    private static final class CountedRows implements Iterator<InternalRow> {
        private final FileWork work;
        private final ExtractLine.Schema schema;
        private final FactGrain.Rows grainRows;
        private final DeliveryRule rule;
        private final CollectionAccumulator<Counted> counted;
        private final Iterator<ExtractLine> lines;
        private final DeliveryRule.Check check;
        private final FileTally tally = new FileTally();
        private KeyHashes keys;
        private boolean atGrain = true;
        /** The file's sums when its source's files are summed as they are counted, else null. */
        private final FactGrain.Rows.Totals totals;
        /** The summed rows, given once the file's last line is counted. */
        private Iterator<InternalRow> summed;
        private boolean done;
        private InternalRow next;

        CountedRows(FileWork work, ExtractLine.Schema schema, FactGrain.Rows grainRows, DeliveryRule rule,
                CollectionAccumulator<Counted> counted) {
            this.work = work;
            this.schema = schema;
            this.grainRows = grainRows;
            this.rule = rule;
            this.counted = counted;
            this.lines = work.delivery().lines();
            this.check = rule.screen();
            this.totals = grainRows.alwaysSummed() ? grainRows.totals(work.file()) : null;
            this.keys = grainRows.asDelivered() || totals != null ? null : new KeyHashes();
            if (totals != null) {
                tally.notAtGrain(); // summed whether or not it is: a second pass over the file must sum it too
            }
        }

        @Override
        public boolean hasNext() {
            while (next == null && !done) {
                if (!lines.hasNext()) {
                    done = true;
                    counted.add(new Counted(work.file(), finished()));
                    if (totals != null) {
                        summed = totals.rows();
                    }
                    break;
                }
                ExtractLine line = lines.next();
                check.see(line);
                tally.add(line, schema);
                if (line.kind() == ExtractLine.Kind.VALID && totals != null) {
                    totals.add(line);
                } else if (line.kind() == ExtractLine.Kind.VALID) {
                    if (keys != null && !keys.add(grainRows.keyHash(line))) {
                        tally.notAtGrain();
                        keys = null;
                        atGrain = false;
                    }
                    if (atGrain) {
                        next = grainRows.row(work.file(), line);
                    }
                }
            }
            if (next == null && summed != null && summed.hasNext()) {
                next = summed.next();
            }
            return next != null;
        }

        @Override
        public InternalRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            InternalRow row = next;
            next = null;
            return row;
        }

        private FileTally finished() {
            if (!check.anyBroken()) {
                return tally;
            }
            FileTally again = count(validated(work.delivery(), rule, true), DeliveryRule.NONE.check(), schema, grainRows);
            again.markRuleBroken();
            return again;
        }
    }

    private static FileTally count(Iterator<ExtractLine> lines, DeliveryRule.Check check, ExtractLine.Schema schema,
            FactGrain.Rows grainRows) {
        FileTally tally = new FileTally();
        KeyHashes keys = grainRows.asDelivered() ? null : new KeyHashes();
        while (lines.hasNext()) {
            ExtractLine line = lines.next();
            check.see(line);
            tally.add(line, schema);
            if (keys != null && line.kind() == ExtractLine.Kind.VALID && !keys.add(grainRows.keyHash(line))) {
                tally.notAtGrain();
                keys = null;
            }
        }
        return tally;
    }

    private static Iterator<ExtractLine> filterLines(Iterator<ExtractLine> lines,
            Predicate<ExtractLine> keep) {
        return filter(lines, keep, line -> line);
    }

    /** The lines for which {@code keep} holds, each mapped. */
    private static <T> Iterator<T> filter(Iterator<ExtractLine> lines, Predicate<ExtractLine> keep,
            Function<ExtractLine, T> map) {
        return new Iterator<>() {
            private ExtractLine next;

            @Override
            public boolean hasNext() {
                while (next == null && lines.hasNext()) {
                    ExtractLine line = lines.next();
                    if (keep.test(line)) {
                        next = line;
                    }
                }
                return next != null;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ExtractLine line = next;
                next = null;
                return map.apply(line);
            }
        };
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

        PartitionReplacement replacement() {
            List<Set<ScenarioPeriod>> partitionsByFile = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                partitionsByFile.add(tally(i).partitions().keySet());
            }
            return PartitionReplacement.apply(partitionsByFile);
        }

        /** The partitions of each file that a later file of the load supersedes, by file index. */
        Map<Integer, Set<ScenarioPeriod>> superseded(PartitionReplacement replacement) {
            Map<Integer, Set<ScenarioPeriod>> superseded = new HashMap<>();
            for (int i = 0; i < inputs.size(); i++) {
                for (ScenarioPeriod partition : tally(i).partitions().keySet()) {
                    if (replacement.supersededBy(i, partition).isPresent()) {
                        superseded.computeIfAbsent(i, file -> new HashSet<>()).add(partition);
                    }
                }
            }
            return superseded;
        }

        boolean quarantined(int file) {
            return tally(file).rowsQuarantined() > 0;
        }

        /** The files whose valid lines are each a fact row of their own. */
        Set<Integer> atGrain() {
            return files(FileTally::atGrain);
        }

        /** The files with lines that break the source's rule across lines. */
        Set<Integer> ruleBroken() {
            return files(FileTally::ruleBroken);
        }

        private Set<Integer> files(Predicate<FileTally> which) {
            Set<Integer> files = new HashSet<>();
            tallies.forEach((file, tally) -> {
                if (which.test(tally)) {
                    files.add(file);
                }
            });
            return files;
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

package se.nyckeltal.etl.fact;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import se.nyckeltal.etl.spark.SparkPaths;
import se.nyckeltal.schemas.fact.FactSchema;
import se.nyckeltal.schemas.files.FileTree;
import se.nyckeltal.schemas.warehouse.FactPartition;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;

/**
 * Writes the (scenario, period) partitions of one fact table for one load: all partitions in one
 * Spark write to {@code staging/<loadId>/<table>/}, read back to learn what the files really hold,
 * then — only when the caller is satisfied — moved into {@code facts/<table>/year=YYYY/month=MM/}
 * as {@code <SCENARIO>-<loadId>-<nnnnn>.parquet}. Files there are not live until a snapshot lists
 * them, so a failed load leaves nothing that a reader could see. A {@link FactSchema#restricted()}
 * fact stages and lives under {@code restricted/} instead ({@code restricted/staging/},
 * {@code restricted/facts/}).
 *
 * <p>The fact schema must have the columns {@code period} (INT YYYYMM), {@code scenario} and
 * {@code source_file}; every partition must come from one source file (SPEC §3). A schema with a
 * {@link FactSchema#versionColumn() version column} keys its partitions by {@code SCENARIO@version}
 * where the version is set (forecast_made of a forecast, the delivery of a comment file).
 */
public final class FactPartitionWriter {
    private static final String PERIOD = "period";
    private static final String SCENARIO = "scenario";
    private static final String SOURCE_FILE = "source_file";
    // Partition columns of the staging write only: partitionBy drops them from the files, so the
    // data keeps its own period and scenario columns.
    private static final String STAGE_PERIOD = "_period";
    private static final String STAGE_SCENARIO = "_scenario";
    /** The delivery's partition column of {@link #stageByDelivery}, and the folder of its passes. */
    private static final String STAGE_SOURCE = "_source";
    private static final String PASSES = "_passes";

    private final SparkSession spark;
    private final WarehouseLayout layout;
    private final FactSchema schema;
    private final StructType struct;
    private final String sumColumn;
    private final String secondSumColumn;
    private final String loadId;
    private final Path stagingDir;

    /**
     * @param sumColumn a numeric column summed on read-back for reconciliation, or null
     */
    public FactPartitionWriter(SparkSession spark, WarehouseLayout layout, FactSchema schema, String sumColumn,
            String loadId) {
        this(spark, layout, schema, sumColumn, null, loadId);
    }

    /**
     * @param sumColumn a numeric column summed on read-back for reconciliation, or null
     * @param secondSumColumn a second one (an indicator's denominator), or null
     */
    public FactPartitionWriter(SparkSession spark, WarehouseLayout layout, FactSchema schema, String sumColumn,
            String secondSumColumn, String loadId) {
        this.secondSumColumn = secondSumColumn;
        this.spark = requireNonNull(spark, "spark");
        this.layout = requireNonNull(layout, "layout");
        this.schema = requireNonNull(schema, "schema");
        this.loadId = requireNonNull(loadId, "loadId");
        this.sumColumn = sumColumn;
        this.struct = FactStructType.of(schema);
        List<String> names = schema.columnNames();
        for (String required : List.of(PERIOD, SCENARIO, SOURCE_FILE)) {
            if (!names.contains(required)) {
                throw new IllegalArgumentException(schema.table() + " has no column " + required);
            }
        }
        for (String summed : new String[] {sumColumn, secondSumColumn}) {
            if (summed != null && !names.contains(summed)) {
                throw new IllegalArgumentException(schema.table() + " has no column " + summed);
            }
        }
        // Employee-level facts never leave the restricted area, not even while they are staged.
        this.stagingDir = (schema.restricted() ? layout.restrictedStagingDir(loadId) : layout.stagingDir(loadId))
                .resolve(schema.table());
    }

    /**
     * Writes {@code facts} (at least the schema's columns, cast to the schema's types and written in
     * its order) to staging, one file per partition, and reads the files back.
     */
    public List<StagedPartition> stage(Dataset<Row> facts) {
        // One task per partition, so one file per partition.
        return stage(facts, true);
    }

    /**
     * As {@link #stage}, for facts whose Spark partitions already hold whole fact partitions (each
     * delivery read and summed by one task): written as they are, without a shuffle, still one file per
     * partition.
     */
    public List<StagedPartition> stageAsPlaced(Dataset<Row> facts) {
        return stage(facts, false);
    }

    private List<StagedPartition> stage(Dataset<Row> facts, boolean shuffle) {
        FileTree.delete(stagingDir);
        Dataset<Row> rows = facts.select(stagedColumns(false).toArray(Column[]::new));
        if (shuffle) {
            rows = rows.repartition(col(STAGE_PERIOD), col(STAGE_SCENARIO));
        }
        rows.write()
                .mode(SaveMode.ErrorIfExists)
                .partitionBy(STAGE_PERIOD, STAGE_SCENARIO)
                .parquet(SparkPaths.local(stagingDir));
        return readBack(listStaged());
    }

    /**
     * Writes one pass of facts whose Spark partitions hold whole deliveries (as {@link #stageAsPlaced}),
     * kept apart by delivery in staging, so that the facts of one delivery can be dropped again
     * ({@link #dropStaged}) before they are read back ({@link #readBackStaged}). A load writes its facts
     * this way while it still counts its files, and drops what the count says it must not keep.
     *
     * @param pass a name of its own for each pass of one load, e.g. {@code first}
     */
    public void stageByDelivery(String pass, Dataset<Row> facts) {
        Path dir = stagingDir.resolve(PASSES).resolve(pass);
        FileTree.delete(dir);
        facts.select(stagedColumns(true).toArray(Column[]::new)).write()
                .mode(SaveMode.ErrorIfExists)
                .partitionBy(STAGE_SOURCE, STAGE_PERIOD, STAGE_SCENARIO)
                .parquet(SparkPaths.local(dir));
    }

    /** Drops whatever one delivery's rows staged in a pass of {@link #stageByDelivery}. */
    public void dropStaged(String pass, String sourceFile) {
        FileTree.delete(stagedDelivery(pass, sourceFile));
    }

    /**
     * Drops one partition of what one delivery's rows staged in a pass of {@link #stageByDelivery}, e.g.
     * a partition a later delivery of the load supersedes; the delivery's other partitions stay staged.
     *
     * @param scenarioKey the partition's scenario as the partition key has it: the scenario, or
     *     {@code SCENARIO@version} for a versioned row
     */
    public void dropStaged(String pass, String sourceFile, String scenarioKey, int period) {
        FileTree.delete(stagedDelivery(pass, sourceFile)
                .resolve(STAGE_PERIOD + "=" + period)
                .resolve(STAGE_SCENARIO + "=" + ExternalCatalogUtils.escapePathName(scenarioKey)));
    }

    private Path stagedDelivery(String pass, String sourceFile) {
        return stagingDir.resolve(PASSES).resolve(pass)
                .resolve(STAGE_SOURCE + "=" + ExternalCatalogUtils.escapePathName(sourceFile));
    }

    /**
     * Reads back what every pass of {@link #stageByDelivery} left in staging, as {@link #stage} reads
     * back its write. A fact partition staged by two deliveries (or twice) is a bug of the caller.
     */
    public List<StagedPartition> readBackStaged() {
        Map<PartitionDir, List<Path>> staged = new HashMap<>();
        Path passes = stagingDir.resolve(PASSES);
        if (Files.isDirectory(passes)) {
            for (Path pass : list(passes)) {
                for (Path source : list(pass)) {
                    if (!Files.isDirectory(source) || !source.getFileName().toString().startsWith(STAGE_SOURCE + "=")) {
                        continue;
                    }
                    listStaged(source).forEach((key, files) -> {
                        if (staged.put(key, files) != null) {
                            throw new IllegalStateException(schema.table() + " partition " + key
                                    + " was staged twice in load " + loadId + " (" + source + ")");
                        }
                    });
                }
            }
        }
        return readBack(staged);
    }

    /** The schema's columns, cast to its types and in its order, then the staging write's partition columns. */
    private List<Column> stagedColumns(boolean bySource) {
        List<Column> columns = new ArrayList<>();
        for (StructField field : struct.fields()) {
            // Under ANSI mode a value that does not fit (an amount sum beyond DECIMAL(18,2)) fails the
            // write instead of becoming NULL.
            columns.add(col(field.name()).cast(field.dataType()).as(field.name()));
        }
        if (bySource) {
            columns.add(col(SOURCE_FILE).as(STAGE_SOURCE));
        }
        columns.add(col(PERIOD).as(STAGE_PERIOD));
        columns.add(partitionScenario().as(STAGE_SCENARIO));
        return columns;
    }

    /**
     * Commits staged partitions: moves their files into {@code facts/} (or {@code restricted/facts/}).
     * They are read by no one until a published snapshot lists them.
     */
    public List<FactPartition> commit(List<StagedPartition> staged) {
        List<FactPartition> committed = new ArrayList<>(staged.size());
        for (StagedPartition partition : staged) {
            Path dir = schema.restricted() ? layout.restrictedPartitionDir(schema.table(), partition.period())
                    : layout.factPartitionDir(schema.table(), partition.period());
            List<String> files = new ArrayList<>();
            try {
                Files.createDirectories(dir);
                int number = 0;
                for (Path file : partition.files()) {
                    Path target = dir.resolve(String.format("%s-%s-%05d.parquet", partition.scenario(), loadId, number++));
                    // Never replace a file: an earlier load's file may be live in the published snapshot.
                    if (Files.exists(target)) {
                        throw new FileAlreadyExistsException(target.toString());
                    }
                    Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
                    files.add(layout.relative(target));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot move staged " + schema.table() + " files into " + dir, e);
            }
            committed.add(new FactPartition(schema.table(), partition.scenario(), partition.period(), files,
                    partition.sourceFile(), loadId, partition.rows()));
        }
        return committed;
    }

    /** The scenario part of a row's partition key: the scenario, or SCENARIO@version for a versioned row. */
    private Column partitionScenario() {
        if (schema.versionColumn() == null) {
            return col(SCENARIO);
        }
        // concat_ws skips NULL: a row without a version keys as its plain scenario.
        return concat_ws(FactSchema.VERSION_SEPARATOR, col(SCENARIO), col(schema.versionColumn()).cast("string"));
    }

    /** Removes this writer's staging folder (and the load's, when nothing else is left in it). */
    public void cleanUp() {
        FileTree.delete(stagingDir);
        try {
            Files.deleteIfExists(stagingDir.getParent());
        } catch (DirectoryNotEmptyException otherTableStillStaging) {
            // another fact of the same load still stages there; its writer removes it
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + stagingDir.getParent(), e);
        }
    }

    /** Staged files by partition, from the folder names the staging write produced. */
    private Map<PartitionDir, List<Path>> listStaged() {
        return listStaged(stagingDir);
    }

    private static Map<PartitionDir, List<Path>> listStaged(Path root) {
        Map<PartitionDir, List<Path>> staged = new HashMap<>();
        if (!Files.isDirectory(root)) {
            return staged;
        }
        for (Path periodDir : list(root)) {
            String periodName = periodDir.getFileName().toString();
            if (!Files.isDirectory(periodDir) || !periodName.startsWith(STAGE_PERIOD + "=")) {
                continue;
            }
            int period = Integer.parseInt(periodName.substring(STAGE_PERIOD.length() + 1));
            for (Path scenarioDir : list(periodDir)) {
                String scenarioName = scenarioDir.getFileName().toString();
                if (!Files.isDirectory(scenarioDir) || !scenarioName.startsWith(STAGE_SCENARIO + "=")) {
                    continue;
                }
                String scenario = scenarioName.substring(STAGE_SCENARIO.length() + 1);
                List<Path> files = list(scenarioDir).stream().filter(FactPartitionWriter::isDataFile).toList();
                if (!files.isEmpty()) {
                    staged.put(new PartitionDir(scenario, period), files);
                }
            }
        }
        return staged;
    }

    private List<StagedPartition> readBack(Map<PartitionDir, List<Path>> staged) {
        if (staged.isEmpty()) {
            return List.of();
        }
        // One file's footer says what the write produced (all files come from the same writes); the
        // rest are read with that schema instead of each being opened to infer it.
        StructType writtenSchema = FactStructType.written(staged.values().iterator().next().get(0),
                spark.sessionState().newHadoopConf());
        if (!FactStructType.sameColumns(writtenSchema, struct)) {
            throw new IllegalStateException("the staged " + schema.table() + " files have columns "
                    + writtenSchema.simpleString() + ", expected " + struct.simpleString());
        }
        // What the files hold, read on the driver (no Spark job): rows, sums and keys of every file.
        StagedFileContents contents = new StagedFileContents(schema, sumColumn, secondSumColumn);
        Configuration conf = spark.sessionState().newHadoopConf();
        Map<StagedFileContents.Key, StagedFileContents.Group> groups = staged.values().parallelStream()
                .flatMap(List::stream)
                .map(file -> contents.read(file, conf))
                .reduce(new HashMap<>(), FactPartitionWriter::merge, FactPartitionWriter::merge);
        Map<PartitionDir, StagedFileContents.Key> byPartition = new HashMap<>();
        for (StagedFileContents.Key key : groups.keySet()) {
            PartitionDir partition = new PartitionDir(key.scenario(), key.period());
            StagedFileContents.Key previous = byPartition.put(partition, key);
            if (previous != null) {
                throw new IllegalStateException(schema.table() + " partition " + partition + " holds rows of two source"
                        + " files, " + previous.sourceFile() + " and " + key.sourceFile());
            }
        }
        if (!byPartition.keySet().equals(staged.keySet())) {
            throw new IllegalStateException("the staged " + schema.table() + " folders " + staged.keySet()
                    + " do not match the partitions in their data " + byPartition.keySet());
        }
        List<StagedPartition> result = new ArrayList<>();
        staged.forEach((key, files) -> {
            StagedFileContents.Key group = byPartition.get(key);
            StagedFileContents.Group held = groups.get(group);
            BigDecimal amount = held.amount() == null ? BigDecimal.ZERO : held.amount();
            BigDecimal second = held.second() == null ? BigDecimal.ZERO : held.second();
            result.add(new StagedPartition(key.scenario(), key.period(), files.stream().sorted().toList(),
                    group.sourceFile(), held.rows(), amount, second));
        });
        result.sort(Comparator.comparingInt(StagedPartition::period).thenComparing(StagedPartition::scenario));
        return result;
    }

    private static Map<StagedFileContents.Key, StagedFileContents.Group> merge(
            Map<StagedFileContents.Key, StagedFileContents.Group> a, Map<StagedFileContents.Key, StagedFileContents.Group> b) {
        Map<StagedFileContents.Key, StagedFileContents.Group> merged = new HashMap<>(a);
        b.forEach((key, group) -> merged.merge(key, group, (x, y) -> {
            StagedFileContents.Group sum = new StagedFileContents.Group();
            sum.add(x);
            sum.add(y);
            return sum;
        }));
        return merged;
    }

    private record PartitionDir(String scenario, int period) {
        @Override
        public String toString() {
            return scenario + ":" + period;
        }
    }

    private static boolean isDataFile(Path file) {
        String name = file.getFileName().toString();
        // Spark leaves _SUCCESS and .crc checksum files beside the data.
        return name.endsWith(".parquet") && !name.startsWith(".") && !name.startsWith("_") && Files.isRegularFile(file);
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}

package se.nyckeltal.etl.production;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.nyckeltal.etl.fact.FactPartitionWriter;
import se.nyckeltal.etl.fact.StagedPartition;
import se.nyckeltal.etl.spark.SparkPaths;
import se.nyckeltal.schemas.fact.FactSchema;
import se.nyckeltal.schemas.reference.ContactWeights;
import se.nyckeltal.schemas.reference.ReferenceData;
import se.nyckeltal.schemas.warehouse.FactPartition;
import se.nyckeltal.schemas.warehouse.Snapshot;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;

/**
 * Keeps weighted_volume true when contact-type weights change. The published production partitions
 * of every year whose weights differ between the reference data the previous catalogue was built
 * with and this load's are read back, weighed again and written as new partitions of this load —
 * same rows, volumes, source file and original load id, only weighted_volume new. Years whose
 * weights did not change, and partitions this load replaces with new deliveries anyway, are left
 * alone.
 */
final class Reweighting {
    private static final Logger LOG = LoggerFactory.getLogger(Reweighting.class);
    private static final FactSchema FACT = FactSchema.PRODUCTION;

    private final SparkSession spark;
    private final ReferenceData reference;
    private final Snapshot previous;
    private final WeightedVolume weightedVolume;

    Reweighting(SparkSession spark, ReferenceData reference, Snapshot previous, WeightedVolume weightedVolume) {
        this.spark = requireNonNull(spark, "spark");
        this.reference = requireNonNull(reference, "reference");
        this.previous = requireNonNull(previous, "previous");
        this.weightedVolume = requireNonNull(weightedVolume, "weightedVolume");
    }

    /**
     * @param replaced partitions this load publishes from new deliveries (weighed already)
     * @param warehouse where the published partitions and reference data are read
     * @param output where the re-weighed partitions are written (the warehouse, or a prepared folder)
     * @return the re-weighed partitions, moved into place; empty when no weight changed
     */
    List<FactPartition> apply(WarehouseLayout warehouse, WarehouseLayout output, String loadId,
            Set<FactPartition.PartitionKey> replaced) {
        List<FactPartition> stale = stalePartitions(warehouse, replaced);
        if (stale.isEmpty()) {
            return List.of();
        }
        Set<Integer> years = new TreeSet<>();
        stale.forEach(p -> years.add(p.period() / 100));
        LOG.info("contact-type weights changed for {}: re-weighing {} published production partition(s)", years,
                stale.size());
        String[] paths = stale.stream().flatMap(p -> p.files().stream())
                .map(relative -> SparkPaths.input(warehouse.resolve(relative))).toArray(String[]::new);
        Dataset<Row> published = spark.read().option("mergeSchema", "true").parquet(paths)
                .drop(ProductionEntry.WEIGHTED_VOLUME);
        if (!java.util.Arrays.asList(published.columns()).contains(ProductionEntry.COUNTERPART)) {
            // written before production had a counterpart: none was delivered
            published = published.withColumn(ProductionEntry.COUNTERPART,
                    org.apache.spark.sql.functions.lit(null).cast(org.apache.spark.sql.types.DataTypes.StringType));
        }
        FactPartitionWriter writer = new FactPartitionWriter(spark, output, FACT, ProductionEntry.VOLUME, loadId);
        try {
            List<StagedPartition> staged = writer.stage(weightedVolume.add(published));
            check(stale, staged);
            return writer.commit(staged);
        } finally {
            writer.cleanUp();
        }
    }

    /** Published partitions of the years whose weights changed, except those this load replaces. */
    private List<FactPartition> stalePartitions(WarehouseLayout layout, Set<FactPartition.PartitionKey> replaced) {
        List<FactPartition> published = previous.partitions(FACT.table());
        if (published.isEmpty()) {
            return List.of();
        }
        ContactWeights now = reference.contactWeights();
        ContactWeights before = previousWeights(layout);
        Map<Integer, Boolean> changed = new TreeMap<>();
        List<FactPartition> stale = new ArrayList<>();
        for (FactPartition partition : published) {
            if (replaced.contains(partition.key())) {
                continue;
            }
            int year = partition.period() / 100;
            // Without the earlier reference data there is nothing to compare with: weigh again.
            if (changed.computeIfAbsent(year, y -> before == null || !before.forYear(y).equals(now.forYear(y)))) {
                stale.add(partition);
            }
        }
        return stale;
    }

    private ContactWeights previousWeights(WarehouseLayout layout) {
        if (previous.referenceDir() == null || !Files.isDirectory(layout.resolve(previous.referenceDir()))) {
            return null;
        }
        return ReferenceData.load(layout.resolve(previous.referenceDir())).contactWeights();
    }

    /** The same partitions, rows and source files as before: only weighted_volume may differ. */
    private static void check(List<FactPartition> stale, List<StagedPartition> staged) {
        Map<String, FactPartition> before = new TreeMap<>();
        stale.forEach(p -> before.put(p.scenario() + ":" + p.period(), p));
        Map<String, StagedPartition> after = new TreeMap<>();
        staged.forEach(p -> after.put(p.label(), p));
        if (!before.keySet().equals(after.keySet())) {
            throw new IllegalStateException("re-weighing production changed its partitions from " + before.keySet()
                    + " to " + after.keySet());
        }
        before.forEach((label, p) -> {
            StagedPartition s = after.get(label);
            if (s.rows() != p.rows() || !s.sourceFile().equals(p.sourceFile())) {
                throw new IllegalStateException("re-weighing production partition " + label + " changed it: "
                        + p.rows() + " rows from " + p.sourceFile() + " became " + s.rows() + " rows from "
                        + s.sourceFile());
            }
        });
    }
}

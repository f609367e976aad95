package se.nyckeltal.warehouse.catalogue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import se.nyckeltal.schemas.warehouse.FactFileDigest;
import se.nyckeltal.schemas.warehouse.FactPartition;
import se.nyckeltal.schemas.warehouse.Snapshot;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;

/**
 * Checks a snapshot's fact files against the sizes and content hashes its manifest recorded, before a
 * catalogue is built on them or served: a valid Parquet file of the wrong partition (copied over,
 * restored from the wrong backup) would otherwise be read as if it were the partition.
 */
public final class FactFileCheck {
    private FactFileCheck() {}

    /** A fact file that is not the one the snapshot recorded. */
    public static final class MismatchException extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private final String hint;

        MismatchException(String message, String hint) {
            super(message);
            this.hint = hint;
        }

        /** How to repair the warehouse. */
        public String hint() {
            return hint;
        }
    }

    /**
     * @throws MismatchException naming the first file that is missing or differs, its partition and the
     *     landing file it was derived from
     */
    public static void verify(WarehouseLayout layout, Snapshot snapshot) {
        Map<String, FactFileDigest> recorded = snapshot.factFiles();
        List<String[]> checks = new ArrayList<>();
        for (FactPartition partition : snapshot.partitions()) {
            for (String file : partition.files()) {
                checks.add(new String[] {file, partition.key().toString(), partition.sourceFile(), partition.loadId()});
            }
        }
        // In parallel: hashing reads every live fact file.
        checks.parallelStream().map(check -> {
            Path path = layout.resolve(check[0]);
            String problem;
            if (!Files.isRegularFile(path)) {
                problem = "it does not exist";
            } else {
                FactFileDigest digest = recorded.get(check[0]);
                problem = digest == null ? null : digest.mismatch(path);
            }
            return problem == null ? null : new MismatchException("fact file " + check[0] + " (partition "
                    + check[1] + ", loaded by load " + check[3] + ") is not the file its manifest recorded: " + problem, "re-derive the partition from its landing file: nyckeltal load --landing DIR"
                    + " --warehouse " + layout.root() + " --rederive " + check[2]
                    + " (or restore the warehouse folder from a backup)");
        }).filter(m -> m != null).findFirst().ifPresent(m -> {
            throw m;
        });
    }
}

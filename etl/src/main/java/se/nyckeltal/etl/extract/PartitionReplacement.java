package se.nyckeltal.etl.extract;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Partition replacement within one load of one source (SPEC §3): files apply in the given order
 * and a file replaces exactly the (scenario, period) partitions it contains, so the last file
 * containing a partition wins it whole and the earlier files' rows of that partition are superseded.
 */
final class PartitionReplacement {
    private final Map<ScenarioPeriod, Integer> winners;

    private PartitionReplacement(Map<ScenarioPeriod, Integer> winners) {
        this.winners = Map.copyOf(winners);
    }

    /**
     * @param partitionsByFile the partitions each file contains, indexed by the file's position in
     *     the load (empty for a file that takes no part)
     */
    static PartitionReplacement apply(List<? extends Collection<ScenarioPeriod>> partitionsByFile) {
        Map<ScenarioPeriod, Integer> winners = new HashMap<>();
        for (int file = 0; file < partitionsByFile.size(); file++) {
            for (ScenarioPeriod partition : partitionsByFile.get(file)) {
                winners.put(partition, file);
            }
        }
        return new PartitionReplacement(winners);
    }

    /** The later file that replaces {@code file}'s rows of {@code partition}, if any. */
    Optional<Integer> supersededBy(int file, ScenarioPeriod partition) {
        Integer winner = winners.get(partition);
        return winner == null || winner == file ? Optional.empty() : Optional.of(winner);
    }
}

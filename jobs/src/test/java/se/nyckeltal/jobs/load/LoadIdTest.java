package se.nyckeltal.jobs.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Load ids sort as the loads started, even two in one second (fast loads in tests, a DAG's runs): the comment in
 * force is the latest load's delivery, compared as text.
 */
class LoadIdTest {
    @Test
    void loadsOfOneSecondSortAsTheyStarted() {
        Instant second = Instant.parse("2026-03-06T02:00:07Z");
        for (int attempt = 0; attempt < 200; attempt++) {
            List<String> ids = new ArrayList<>();
            for (int millis : new int[] {0, 1, 2, 500, 998, 999}) {
                ids.add(LoadJob.newLoadId(second.plusMillis(millis)));
            }
            ids.add(LoadJob.newLoadId(second.plusSeconds(1)));
            assertThat(ids).isSorted().doesNotHaveDuplicates()
                    .allMatch(id -> id.matches("20260306T02000[78]Z-[0-9a-f]{4}"), "the time, then four hex digits");
        }
    }
}

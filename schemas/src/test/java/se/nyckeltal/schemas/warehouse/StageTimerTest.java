package se.nyckeltal.schemas.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StageTimerTest {
    private static final long MS = 1_000_000;
    private final AtomicLong now = new AtomicLong(5 * MS);
    private final StageTimer timer = new StageTimer(now::get);

    @Test
    void eachLapTimesTheStageSinceThePreviousLapAndRepeatedStagesAddUp() {
        now.addAndGet(120 * MS);
        timer.lap("listing");
        now.addAndGet(30 * MS);
        timer.lap("ingest.ledger");
        now.addAndGet(7 * MS);
        timer.lap("listing");

        // listing 120 + 7, ingest 30, in the order first run; total 157
        assertThat(timer.millis()).containsExactly(java.util.Map.entry("listing", 127L),
                java.util.Map.entry("ingest.ledger", 30L));
        assertThat(timer.totalMillis()).isEqualTo(157);
    }

    @Test
    void slowestNamesOnlyTheStagesOverTheLimitSlowestFirst() {
        now.addAndGet(400 * MS);
        timer.lap("kpi/kpi_values.sql");
        now.addAndGet(10 * MS);
        timer.lap("checkpoint");
        now.addAndGet(900 * MS);
        timer.lap("fact/ledger.sql");

        assertThat(timer.slowest(100)).isEqualTo("fact/ledger.sql 900 ms, kpi/kpi_values.sql 400 ms");
        assertThat(timer.slowest(1_000)).isEqualTo("none over 1000 ms");
    }
}

package se.nyckeltal.jobs.schedule.dag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final Instant LOGICAL = Instant.parse("2025-03-14T03:30:00Z");

    @Test
    void exponentialBackoffDoublesPerTryWithAirflowsJitterOfUpToTheSameAgain() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(60), true, null);
        // Airflow: min_backoff = ceil(60 × 2^(try−1)); delay = min_backoff + hash % min_backoff
        for (int tryNumber = 1; tryNumber <= 5; tryNumber++) {
            long min = 60L << (tryNumber - 1);
            Duration delay = policy.delayAfter(tryNumber, "nightly", "load_and_publish", LOGICAL);
            assertThat(delay.getSeconds()).as("try " + tryNumber).isBetween(min, 2 * min - 1);
            assertThat(policy.delayAfter(tryNumber, "nightly", "load_and_publish", LOGICAL)).as("deterministic").isEqualTo(delay);
        }
    }

    @Test
    void maxRetryDelayCapsTheBackoff() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofMinutes(5), true, Duration.ofMinutes(30));
        // try 4: at least 5 min × 8 = 40 min, capped at 30
        assertThat(policy.delayAfter(4, "nightly", "ingest_ledger", LOGICAL)).isEqualTo(Duration.ofMinutes(30));
        assertThat(policy.delayAfter(1, "nightly", "ingest_ledger", LOGICAL)).isBetween(Duration.ofMinutes(5),
                Duration.ofMinutes(10));
    }

    @Test
    void withoutBackoffEveryRetryWaitsTheRetryDelay() {
        RetryPolicy policy = new RetryPolicy(3, Duration.ofMinutes(5), false, null);
        assertThat(policy.delayAfter(1, "d", "t", LOGICAL)).isEqualTo(Duration.ofMinutes(5));
        assertThat(policy.delayAfter(3, "d", "t", LOGICAL)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void evenAVeryLongBackoffStopsAtAirflowsDayCap() {
        RetryPolicy policy = new RetryPolicy(100, Duration.ofHours(1), true, null);
        assertThat(policy.delayAfter(60, "d", "t", LOGICAL)).isEqualTo(Duration.ofDays(1));
    }
}

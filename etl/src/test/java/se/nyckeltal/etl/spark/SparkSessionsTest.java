package se.nyckeltal.etl.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.nyckeltal.etl.testing.SharedSpark;

@ExtendWith(SharedSpark.class)
class SparkSessionsTest {
    @Test
    void aRunningSessionIsUsedAsItIsConfigured(SparkSession shared) {
        SparkSession session = SparkSessions.getOrCreate("another-app");

        assertThat(session).isSameAs(shared);
        // Not reconfigured to the local defaults (4 shuffle partitions): the test session keeps 2.
        assertThat(session.conf().get("spark.sql.shuffle.partitions")).isEqualTo("2");
        assertThat(session.conf().get("spark.sql.session.timeZone")).isEqualTo("Europe/Stockholm");
    }
}

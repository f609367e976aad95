package se.nyckeltal.warehouse.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.warehouse.RegionFixture;

/** meta.dag_runs shows analysts the scheduler's run records written next to the warehouse. */
class DagRunTablesTest {
    @TempDir
    Path dir;

    @Test
    void runRecordsOfTheSchedulerBecomeRowsOfMetaDagRuns() throws Exception {
        Path runs = new WarehouseLayout(dir.resolve("warehouse")).dagRunsDir();
        Files.createDirectories(runs);
        Files.writeString(runs.resolve("nightly__scheduled__2026-11-22T03%3A30%3A00%2B00%3A00.json"), """
                {"dag_id":"nightly","run_id":"scheduled__2026-11-22T03:30:00+00:00","run_type":"scheduled",
                 "state":"failed","logical_date":"2026-11-22T03:30:00Z","data_interval_start":"2026-11-22T03:30:00Z",
                 "data_interval_end":"2026-11-23T03:30:00Z","queued_at":"2026-11-23T03:30:01Z",
                 "start_date":"2026-11-23T03:30:02Z","end_date":"2026-11-23T05:40:00Z","deadline_at":"2026-11-23T05:00:00Z",
                 "deadline_missed":true,"tasks_total":6,"tasks_succeeded":3,"tasks_failed":1,"tasks_skipped":0,
                 "failed_tasks":"load_and_publish:failed","note":null}
                """, StandardCharsets.UTF_8);
        Files.writeString(runs.resolve("broken.json"), "{\"dag_id\": \"nightly\", ", StandardCharsets.UTF_8);
        Files.writeString(runs.resolve("ignored.json.tmp"), "{}", StandardCharsets.UTF_8);

        WarehouseLayout layout = RegionFixture.publish(dir); // publishes into dir/warehouse
        try (Connection c = Catalogue.openReadOnly(layout);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT dag_id, state, deadline_missed, tasks_failed, failed_tasks,"
                        + " epoch(end_date - start_date) FROM meta.dag_runs")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("nightly");
            assertThat(rs.getString(2)).isEqualTo("failed");
            assertThat(rs.getBoolean(3)).isTrue();
            assertThat(rs.getInt(4)).isEqualTo(1);
            assertThat(rs.getString(5)).isEqualTo("load_and_publish:failed");
            assertThat(rs.getDouble(6)).isEqualTo(2 * 3600 + 9 * 60 + 58); // 03:30:02 → 05:40:00
            assertThat(rs.next()).as("the half-written file is skipped").isFalse();
        }
    }
}

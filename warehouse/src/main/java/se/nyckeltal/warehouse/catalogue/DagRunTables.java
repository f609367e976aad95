package se.nyckeltal.warehouse.catalogue;

import static se.nyckeltal.warehouse.catalogue.Rows.row;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;

/**
 * Fills meta.dag_runs from the run records the scheduler writes under {@code W/meta/dag_runs/}
 * (one JSON object per run, snake_case, ISO instants). A file that cannot be parsed is skipped: the
 * scheduler writes through a temporary file, so that is only a leftover of a crash, rewritten on the
 * run's next state change.
 */
final class DagRunTables {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TIMES = List.of("logical_date", "data_interval_start", "data_interval_end",
            "queued_at", "start_date", "end_date", "deadline_at");

    private DagRunTables() {}

    static Path dir(WarehouseLayout layout) {
        return layout.root().resolve("meta").resolve("dag_runs");
    }

    static void insert(Connection connection, WarehouseLayout layout) throws SQLException {
        Path dir = dir(layout);
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<List<Object>> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                JsonNode run;
                try {
                    run = JSON.readTree(file.toFile());
                } catch (IOException e) {
                    continue; // half-written by a crashed scheduler; the next state change rewrites it
                }
                List<Object> row = new ArrayList<>(row(text(run, "dag_id"), text(run, "run_id"), text(run, "run_type"),
                        text(run, "state")));
                TIMES.forEach(t -> row.add(text(run, t)));
                row.add(run.path("deadline_missed").asBoolean(false));
                row.add(run.path("tasks_total").asInt());
                row.add(run.path("tasks_succeeded").asInt());
                row.add(run.path("tasks_failed").asInt());
                row.add(run.path("tasks_skipped").asInt());
                row.add(text(run, "failed_tasks"));
                row.add(text(run, "note"));
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        Rows.insert(connection, "INSERT INTO meta.dag_runs VALUES (?, ?, ?, ?, CAST(? AS TIMESTAMPTZ),"
                + " CAST(? AS TIMESTAMPTZ), CAST(? AS TIMESTAMPTZ), CAST(? AS TIMESTAMPTZ), CAST(? AS TIMESTAMPTZ),"
                + " CAST(? AS TIMESTAMPTZ), CAST(? AS TIMESTAMPTZ), ?, ?, ?, ?, ?, ?, ?)", rows);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}

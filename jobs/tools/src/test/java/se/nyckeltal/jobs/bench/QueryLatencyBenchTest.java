package se.nyckeltal.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;

/** The query-latency harness on a small published catalogue, embedded and through the gateway. No timing asserts. */
class QueryLatencyBenchTest {
    private static final QueryLatencySettings SETTINGS = new QueryLatencySettings(new QueryLatencySettings.Runs(1, 3),
            new QueryLatencySettings.Runs(1, 2));

    @TempDir
    static Path dir;

    private static WarehouseLayout layout;
    private static Map<String, String> warehouseBefore;
    private static QueryLatencyReport report;
    private static final List<String> progress = new ArrayList<>();

    @BeforeAll
    static void measure() throws Exception {
        layout = BenchWarehouse.publish(dir);
        warehouseBefore = files(layout.root());
        report = QueryLatencyBench.measure(layout, SETTINGS, progress::add);
    }

    @Test
    void parametersComeFromTheCatalogueContent() {
        // actuals of ledger, production and HR all reach 202602; cost is a ledger KPI every unit has;
        // U1 sorts first of the units with a value; area A (U1) has the most KPI rows, as HR is on U1 only
        assertThat(report.sample()).isEqualTo(new CatalogueSample("S1", 202602, "cost", "U1", "A"));
        assertThat(report.sample().yearEarlierPeriod()).isEqualTo(202503);
        assertThat(report.sample().yearStart()).isEqualTo(202601);
    }

    @Test
    void everyQueryReturnsTheSameRowsEmbeddedAndThroughTheGateway() {
        assertThat(report.timings()).hasSize(2 * report.queries().size());
        for (AnalystQuery query : report.queries()) {
            QueryTiming embedded = timing(query.id(), AccessPath.EMBEDDED);
            QueryTiming gateway = timing(query.id(), AccessPath.GATEWAY);
            assertThat(embedded.rows()).as(query.id()).isPositive();
            assertThat(gateway.rows()).as(query.id()).isEqualTo(embedded.rows());
        }
    }

    @Test
    void statisticsCountEveryTimedRunInOrder() {
        for (QueryTiming timing : report.timings()) {
            LatencyStats latency = timing.latency();
            assertThat(latency.count()).as(timing.queryId()).isEqualTo(SETTINGS.runs(timing.group()).timed());
            assertThat(latency.p50Millis()).as(timing.queryId()).isPositive().isLessThanOrEqualTo(latency.p95Millis());
            assertThat(latency.p95Millis()).as(timing.queryId()).isLessThanOrEqualTo(latency.maxMillis());
        }
        long lookups = report.queries().stream().filter(q -> q.group() == QueryGroup.KPI_LOOKUP).count();
        long reports = report.queries().size() - lookups;
        assertThat(lookups).isGreaterThanOrEqualTo(4);
        for (AccessPath path : AccessPath.values()) {
            assertThat(report.group(QueryGroup.KPI_LOOKUP, path)).get().extracting(g -> g.latency().count())
                    .isEqualTo((int) lookups * SETTINGS.lookups().timed());
            assertThat(report.group(QueryGroup.REPORT, path)).get().extracting(g -> g.latency().count())
                    .isEqualTo((int) reports * SETTINGS.reports().timed());
        }
    }

    @Test
    void reportPrintsAsATableAndWritesAsJson() throws Exception {
        String table = report.table();
        for (AnalystQuery query : report.queries()) {
            assertThat(table).contains(query.id());
        }
        assertThat(table).contains("kpi_values lookups").contains("embedded").contains("gateway")
                .contains("target p95 ≤ 50 ms");

        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(report));
        assertThat(json.path("sample").path("period").asInt()).isEqualTo(202602);
        assertThat(json.path("lookupTargetP95Millis").asDouble()).isEqualTo(50.0);
        assertThat(json.path("lookupTargetMet").isBoolean()).isTrue();
        assertThat(json.path("timings")).hasSize(report.timings().size());
        JsonNode first = json.path("timings").get(0);
        assertThat(first.path("queryId").asText()).isEqualTo("kpi_unit_value");
        assertThat(first.path("path").asText()).isEqualTo("EMBEDDED");
        assertThat(first.path("latency").path("p95Millis").isNumber()).isTrue();
        assertThat(json.path("queries").get(0).path("parameters")).hasSize(3);
        assertThat(json.has("table")).isFalse();
    }

    @Test
    void progressNamesEachQueryOnEachPath() {
        assertThat(progress).hasSize(2 * report.queries().size())
                .startsWith("embedded kpi_unit_value").contains("gateway kpi_values_import");
    }

    @Test
    void theWarehouseIsOnlyRead() {
        assertThat(files(layout.root())).isEqualTo(warehouseBefore);
    }

    private static QueryTiming timing(String queryId, AccessPath path) {
        return report.timings().stream().filter(t -> t.queryId().equals(queryId) && t.path() == path).findFirst()
                .orElseThrow();
    }

    /** Every file under root with its size and modification time. */
    private static Map<String, String> files(Path root) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(path).toString(), Files.size(path) + " " + Files.getLastModifiedTime(path));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}

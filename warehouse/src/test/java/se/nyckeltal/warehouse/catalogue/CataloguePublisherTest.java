package se.nyckeltal.warehouse.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.schemas.fact.FactColumn;
import se.nyckeltal.schemas.fact.FactSchema;
import se.nyckeltal.schemas.reference.ReferenceData;
import se.nyckeltal.schemas.warehouse.FactPartition;
import se.nyckeltal.schemas.warehouse.Snapshot;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.schemas.warehouse.WarehouseStore;
import se.nyckeltal.warehouse.TestWarehouse;

class CataloguePublisherTest {
    @TempDir
    Path dir;

    @Test
    void secondPublishLeavesTheFirstCatalogueUntouchedAndItsReadersWorking() throws Exception {
        TestWarehouse w = new TestWarehouse(dir);
        List<FactPartition> first = w.ledger(202602, "ACTUAL", "1010", "4010", "100.00")
                .ledger(202602, "ACTUAL", "1020", "4010", "20.50").writeLedger("L1");
        Snapshot s1 = TestWarehouse.snapshot("S1", "L1", first);
        CataloguePublisher publisher = new CataloguePublisher(w.layout());
        Path firstFile = publisher.publish(s1, ReferenceData.defaults(), List.of());
        String firstHash = sha256(firstFile);

        try (Connection old = Catalogue.openReadOnly(w.layout())) {
            // a restatement of 202602 lands beside the old file in the same month=02 folder
            List<FactPartition> restated = w.ledger(202602, "ACTUAL", "1010", "4010", "300.00").writeLedger("L2");
            Snapshot s2 = s1.with("S2", Instant.parse("2026-03-06T02:00:00Z"), "L2", restated, List.of(), null);
            Path secondFile = publisher.publish(s2, ReferenceData.defaults(), List.of());

            assertThat(secondFile).isEqualTo(w.layout().catalogueFile("S2"));
            assertThat(new WarehouseStore(w.layout()).currentSnapshotId()).contains("S2");
            assertThat(sha256(firstFile)).isEqualTo(firstHash);
            // the old connection still reads snapshot S1: 100.00 + 20.50
            assertThat(TestWarehouse.rows(old, "SELECT snapshot_id FROM meta.snapshot")).containsExactly("S1");
            assertThat(TestWarehouse.rows(old, "SELECT sum(amount) FROM fact.ledger")).containsExactly("120.5");
        }
        // a new reader sees S2, and only the restated file although the superseded one is in the same folder
        try (Connection current = Catalogue.openReadOnly(w.layout())) {
            assertThat(TestWarehouse.rows(current, "SELECT snapshot_id FROM meta.snapshot")).containsExactly("S2");
            assertThat(TestWarehouse.rows(current, "SELECT sum(amount) FROM fact.ledger")).containsExactly("300");
        }
        assertThat(sha256(firstFile)).isEqualTo(firstHash);
        assertThat(w.layout().snapshotFile("S2")).exists();
    }

    @Test
    void factLedgerHasExactlyTheFactSchemaColumns() throws SQLException {
        TestWarehouse w = new TestWarehouse(dir);
        Snapshot snapshot = TestWarehouse.snapshot("S1", "L1",
                w.ledger(202601, "BUDGET", "1010", "4010", "1").writeLedger("L1"));
        new CataloguePublisher(w.layout()).publish(snapshot, ReferenceData.defaults(), List.of());
        try (Connection catalogue = Catalogue.openReadOnly(w.layout())) {
            assertThat(columns(catalogue, "fact", "ledger")).isEqualTo(expectedColumns(FactSchema.LEDGER));
            assertThat(TestWarehouse.rows(catalogue, "SELECT period, scenario, amount, source_file, load_id"
                    + " FROM fact.ledger")).containsExactly("202601|BUDGET|1|ledger/huvudbok-L1.csv|L1");
        }
    }

    @Test
    void warehouseWithoutFactsStillBuildsEveryObjectWithItsColumns() throws SQLException {
        WarehouseLayout layout = new WarehouseLayout(dir.resolve("w"));
        new CataloguePublisher(layout).publish(TestWarehouse.snapshot("S1", "none", List.of()),
                ReferenceData.defaults(), List.of());
        try (Connection catalogue = Catalogue.openReadOnly(layout)) {
            assertThat(columns(catalogue, "fact", "ledger")).isEqualTo(expectedColumns(FactSchema.LEDGER));
            assertThat(columns(catalogue, "meta", "quarantine")).isEqualTo(expectedColumns(FactSchema.QUARANTINE));
            assertThat(columns(catalogue, "fact", "production")).isEqualTo(expectedColumns(FactSchema.PRODUCTION));
            for (String table : List.of("fact.ledger", "fact.ledger_lines", "dim.period", "internal.org_map",
                    "internal.kpi_components", "kpi.kpi_values", "kpi.income_statement", "meta.quarantine",
                    "meta.data_quality", "meta.loads",
                    "fact.production", "internal.production_monthly", "kpi.production_report", "kpi.production_own")) {
                assertThat(TestWarehouse.rows(catalogue, "SELECT count(*) FROM " + table)).as(table)
                        .containsExactly("0");
            }
            // the reference data is there all the same: 34 KPIs of their own definition file and the members of the
            // families: 17 production.<CONTACT_TYPE> (the 16 default contact types and UNMAPPED), 6 fte.<PROFESSION>,
            // 3 worked_hours.<STAFF_CATEGORY>, 4 capitation.<COMPONENT> and one indicator.<ID> per row of the
            // default indicators.csv (11)
            assertThat(TestWarehouse.rows(catalogue, "SELECT count(*) FROM dim.kpi")).containsExactly("75");
            assertThat(TestWarehouse.rows(catalogue, "SELECT count(*) FROM dim.income_statement_line"))
                    .containsExactly("17");
        }
    }

    @Test
    void keepsTheNewestFiveCatalogueFiles() throws IOException {
        WarehouseLayout layout = new WarehouseLayout(dir.resolve("w"));
        CataloguePublisher publisher = new CataloguePublisher(layout);
        for (int i = 1; i <= 7; i++) {
            publisher.publish(TestWarehouse.snapshot("S" + i, "L" + i, List.of()), ReferenceData.defaults(), List.of());
        }
        try (Stream<Path> files = Files.list(layout.catalogueDir())) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted())
                    .containsExactly("S3.duckdb", "S4.duckdb", "S5.duckdb", "S6.duckdb", "S7.duckdb");
        }
        // each build kept its HR group sums beside the restricted facts; those of a pruned catalogue go once they are
        // over an hour old (younger ones may belong to a build still running)
        Path kept = layout.restrictedCatalogueDir("S1").getParent();
        try (Stream<Path> builds = Files.list(kept)) {
            assertThat(builds.map(f -> f.getFileName().toString()).sorted())
                    .containsExactly("S1", "S2", "S3", "S4", "S5", "S6", "S7");
        }
        assertThat(layout.restrictedCatalogueDir("S7").resolve("hr_sick_groups")).isDirectory();
        for (String old : List.of("S1", "S2", "S3")) {
            Files.setLastModifiedTime(layout.restrictedCatalogueDir(old),
                    java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(7200)));
        }
        publisher.prune("S7");
        try (Stream<Path> builds = Files.list(kept)) {
            assertThat(builds.map(f -> f.getFileName().toString()).sorted())
                    .containsExactly("S3", "S4", "S5", "S6", "S7");
        }
    }

    @Test
    void aSnapshotThatCannotBeBuiltPublishesNothing() throws IOException {
        WarehouseLayout layout = new WarehouseLayout(dir.resolve("w"));
        CataloguePublisher publisher = new CataloguePublisher(layout);
        publisher.publish(TestWarehouse.snapshot("S1", "L1", List.of()), ReferenceData.defaults(), List.of());
        FactPartition missing = new FactPartition("ledger", "ACTUAL", 202602,
                List.of("facts/ledger/year=2026/month=02/ACTUAL-L2-00000.parquet"), "ledger/x.csv", "L2", 1);

        assertThatThrownBy(() -> publisher.publish(TestWarehouse.snapshot("S2", "L2", List.of(missing)),
                ReferenceData.defaults(), List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("facts/ledger/year=2026/month=02/ACTUAL-L2-00000.parquet");
        assertThat(new WarehouseStore(layout).currentSnapshotId()).contains("S1");
        try (Stream<Path> files = Files.list(layout.catalogueDir())) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("S1.duckdb");
        }
    }

    @Test
    void openingBeforeAnythingIsPublishedSaysWhatToRun() {
        WarehouseLayout layout = new WarehouseLayout(dir.resolve("w"));
        assertThatThrownBy(() -> Catalogue.openReadOnly(layout))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no catalogue published in " + layout.root() + " yet; run 'nyckeltal load --landing DIR"
                        + " --warehouse " + layout.root() + "' first");
    }

    @Test
    void theCatalogueIsReadOnly() {
        WarehouseLayout layout = new WarehouseLayout(dir.resolve("w"));
        new CataloguePublisher(layout).publish(TestWarehouse.snapshot("S1", "L1", List.of()), ReferenceData.defaults(),
                List.of());
        assertThatThrownBy(() -> {
            try (Connection catalogue = Catalogue.openReadOnly(layout)) {
                TestWarehouse.rows(catalogue, "CREATE TABLE kpi.mine AS SELECT 1");
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining("read-only");
    }

    @Test
    void kpiSchemaHoldsOnlyTheProductsEachDocumentedForAnalysts() throws SQLException, IOException {
        WarehouseLayout layout = new WarehouseLayout(dir.resolve("w"));
        new CataloguePublisher(layout).publish(TestWarehouse.snapshot("S1", "none", List.of()),
                ReferenceData.defaults(), List.of());
        List<String> products;
        try (Connection catalogue = Catalogue.openReadOnly(layout)) {
            products = TestWarehouse.rows(catalogue, "SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = 'kpi' ORDER BY table_name");
        }

        // what the products are built from is in schema internal
        assertThat(products).containsExactly("action_plan", "action_plan_totals", "capitation", "forecast_versions",
                "income_statement", "kpi_values", "listing_pyramid", "monthly_budget_follow_up", "production_own",
                "production_primary_care", "production_private_providers", "production_report", "production_years",
                "provider_costs", "sick_leave", "worked_time");
        String guide = Files.readString(Path.of("..", "docs", "analysts.md"));
        assertThat(products).allSatisfy(p -> assertThat(guide).as("docs/analysts.md names kpi." + p)
                .contains("`kpi." + p + "`"));
    }

    private static List<String> columns(Connection catalogue, String schema, String table) throws SQLException {
        return TestWarehouse.rows(catalogue, "SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE table_schema = '" + schema + "' AND table_name = '" + table + "' ORDER BY ordinal_position");
    }

    private static List<String> expectedColumns(FactSchema schema) {
        return schema.columns().stream()
                .map((FactColumn c) -> c.name() + "|" + c.type().duckdbType().replace(" ", ""))
                .toList();
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}

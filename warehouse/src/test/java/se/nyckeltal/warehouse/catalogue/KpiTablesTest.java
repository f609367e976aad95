package se.nyckeltal.warehouse.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.schemas.reference.ReferenceData;
import se.nyckeltal.warehouse.TestWarehouse;
import se.nyckeltal.warehouse.kpi.KpiDefinition;
import se.nyckeltal.warehouse.kpi.KpiDefinitions;
import se.nyckeltal.warehouse.kpi.WindowRule;

/**
 * The catalogue build names a family's members in dim.kpi and refuses a kpi_values KPI without metadata. The
 * definitions here compute fixed rows, so no facts are needed: one row for total at 202601, value 7.
 */
class KpiTablesTest {
    @TempDir
    Path dir;

    /** A family demo.<CODE>: its members statement names A; its computation gives the members listed. */
    private static KpiDefinition family(String... computedMembers) {
        StringBuilder rows = new StringBuilder();
        for (String member : computedMembers) {
            rows.append(rows.isEmpty() ? "" : ", ").append("('").append(member).append("')");
        }
        return new KpiDefinition("kpi/definitions/demo/demo.CODE.sql", "demo.<CODE>", "demo", null, null, "up", false,
                WindowRule.SUM, null, "a test family",
                "SELECT 'A' AS member, 'Demo A' AS name_sv, 'st' AS unit, 'Test.' AS description\n",
                "SELECT m.member, 202601 AS period, 'month' AS time_window, 'total' AS org_level, 'TOTAL' AS org_id,"
                        + " 'Totalt' AS org_name, 'actual' AS measure, 7 AS numerator, NULL AS denominator,"
                        + " NULL AS ratio_scale, false AS suppressed FROM (VALUES " + rows + ") AS m (member)\n");
    }

    private void build(KpiDefinitions definitions) throws SQLException {
        build(definitions, "catalogue.duckdb");
    }

    private void build(KpiDefinitions definitions, String name) throws SQLException {
        Path file = dir.resolve(name);
        new CatalogueBuilder(new TestWarehouse(dir).layout(), TestWarehouse.snapshot("S1", "none", List.of()),
                ReferenceData.defaults(), definitions, List.of()).build(file);
    }

    @Test
    void familyMembersGetTheirNamesFromTheMembersStatementAndTheFamilysRules() throws SQLException {
        build(new KpiDefinitions(List.of(family("A"))));

        try (Connection catalogue = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("catalogue.duckdb"))) {
            assertThat(TestWarehouse.rows(catalogue, "SELECT * FROM dim.kpi"))
                    .containsExactly("demo.A|Demo A|st|up|false|demo|Test.|sum");
            assertThat(TestWarehouse.rows(catalogue, "SELECT kpi_id, period, value, trend FROM kpi.kpi_values"))
                    .containsExactly("demo.A|202601|7|neutral");
        }
    }

    /** A family whose members statement gives each member's direction and window rule, as indicators.csv does. */
    private static KpiDefinition describedByReference(String direction, String window) {
        return new KpiDefinition("kpi/definitions/demo/demo.CODE.sql", "demo.<CODE>", "demo", null, null,
                KpiDefinition.PER_MEMBER, false, null, null, "a test family",
                "SELECT 'A' AS member, 'Demo A' AS name_sv, 'st' AS unit, 'Test.' AS description, " + direction
                        + " AS good_direction, " + window + " AS window_rule\n",
                "SELECT 'A' AS member, 202601 AS period, 'month' AS time_window, 'total' AS org_level, 'TOTAL' AS"
                        + " org_id, 'Totalt' AS org_name, 'actual' AS measure, 7 AS numerator, NULL AS denominator,"
                        + " NULL AS ratio_scale, false AS suppressed\n");
    }

    @Test
    void familyMembersTakeDirectionAndWindowFromTheirMembersStatementWhenTheHeaderSaysMember() throws SQLException {
        build(new KpiDefinitions(List.of(describedByReference("'neutral'", "'latest_in_year'"))));

        try (Connection catalogue = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("catalogue.duckdb"))) {
            assertThat(TestWarehouse.rows(catalogue, "SELECT * FROM dim.kpi"))
                    .containsExactly("demo.A|Demo A|st|neutral|false|demo|Test.|latest_in_year");
        }
    }

    @Test
    void familyMemberWithoutADirectionOrWithAnUnknownOneStopsTheBuild() {
        assertThatThrownBy(() -> build(new KpiDefinitions(List.of(describedByReference("NULL", "'sum'")))))
                .hasMessageStartingWith("sql/kpi/definitions/demo/demo.CODE.sql: its members statement (the first one)"
                        + " must give member, name_sv (never NULL), unit and description, good_direction (never NULL)");
        assertThatThrownBy(() -> build(new KpiDefinitions(List.of(describedByReference("'sideways'", "'sum'"))),
                "second.duckdb"))
                .hasMessageStartingWith("sql/kpi/definitions/demo/demo.CODE.sql: its members statement gives demo.A:"
                        + " good_direction sideways, window_rule sum; good_direction must be up, down or neutral");
        assertThatThrownBy(() -> build(new KpiDefinitions(List.of(describedByReference("'up'", "'average'"))),
                "third.duckdb"))
                .hasMessageContaining("demo.A: good_direction up, window_rule average");
    }

    @Test
    void computedKpiWithoutMetadataStopsTheBuild() {
        // the computation gives demo.B too, which the members statement does not name
        assertThatThrownBy(() -> build(new KpiDefinitions(List.of(family("A", "B")))))
                .hasMessage("kpi.kpi_values has KPIs without metadata in dim.kpi: demo.B (computed by"
                        + " sql/kpi/definitions/demo/demo.CODE.sql, whose members statement does not return 'B');"
                        + " every computed KPI needs its name, unit, good direction and budget rule (see"
                        + " sql/kpi/definitions/README.md)");
    }

    @Test
    void shippedDefinitionsAgreeWithTheirComputationsOnAnEmptyWarehouse() throws SQLException {
        build(KpiDefinitions.load());

        try (Connection catalogue = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("catalogue.duckdb"))) {
            // every definition's query ran (the view is valid) and dim.kpi has each KPI once
            assertThat(TestWarehouse.rows(catalogue, "SELECT count(*) FROM internal.kpi_components")).containsExactly("0");
            assertThat(TestWarehouse.rows(catalogue, "SELECT count(*) = count(DISTINCT kpi_id) FROM dim.kpi"))
                    .containsExactly("true");
        }
    }
}

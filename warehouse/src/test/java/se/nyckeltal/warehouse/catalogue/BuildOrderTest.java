package se.nyckeltal.warehouse.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** build-order.txt's scopes, and what the manifest refuses (the shipped one is read by every build). */
class BuildOrderTest {
    private static BuildOrder parse(String manifest) {
        return BuildOrder.parse(manifest, path -> "CREATE TABLE x AS SELECT 1");
    }

    @Test
    void theShippedManifestStoresTheKpiComponentsForKpiValuesAlone() {
        BuildOrder order = BuildOrder.load();
        int at = order.derived().stream().map(BuildOrder.SqlFile::path).toList().indexOf("temp/kpi_component_rows.sql");
        assertThat(order.derived().get(at).partial()).isTrue();
        assertThat(order.derived().get(at + 1).path()).isEqualTo("kpi/kpi_values.sql");
        assertThat(order.derived().get(at + 1).incremental()).isTrue();
    }

    @Test
    void aPartialTableIsReadByTheIncrementalTableRightAfterIt() {
        BuildOrder order = parse("[derived]\ntemp/rows.sql partial\n# its reader\nkpi/values.sql incremental\n");
        assertThat(order.derived()).extracting(BuildOrder.SqlFile::scope)
                .containsExactly(BuildOrder.Scope.PARTIAL, BuildOrder.Scope.FROM_YEAR);
    }

    @Test
    void aPartialTableMustBeATempTable() {
        assertThatThrownBy(() -> parse("[derived]\ninternal/rows.sql partial\nkpi/values.sql incremental\n"))
                .hasMessageContaining("build-order.txt line 2").hasMessageContaining("only a temp/ table can be partial");
    }

    @Test
    void aPartialTableMustBeFollowedByAnIncrementalOne() {
        assertThatThrownBy(() -> parse("[derived]\ntemp/rows.sql partial\nkpi/values.sql\n"))
                .hasMessageContaining("build-order.txt line 3")
                .hasMessageContaining("follows the partial table temp/rows.sql");
    }

    @Test
    void aPartialTableCannotComeLast() {
        assertThatThrownBy(() -> parse("[derived]\nkpi/values.sql incremental\ntemp/rows.sql partial\n"))
                .hasMessageContaining("the partial table temp/rows.sql comes last");
    }

    @Test
    void anUnknownScopeNamesTheOnesThereAre() {
        assertThatThrownBy(() -> parse("[derived]\nkpi/values.sql sometimes\n"))
                .hasMessageContaining("'incremental', 'incremental-by-month', 'partial' or 'month-by-month <table whose"
                        + " periods it runs over>'");
    }

    @Test
    void aMonthByMonthFileNamesTheTableOfItsPeriodsAndIsNoTempTable() {
        BuildOrder order = parse("[derived]\ninternal/flags.sql month-by-month temp.cells\n");
        assertThat(order.derived().get(0).periods()).isEqualTo("temp.cells");
        assertThat(order.derived().get(0).incremental()).isTrue();
        assertThatThrownBy(() -> parse("[derived]\ninternal/flags.sql month-by-month\n"))
                .hasMessageContaining("is not a path optionally followed by");
        assertThatThrownBy(() -> parse("[derived]\ntemp/flags.sql month-by-month temp.cells\n"))
                .hasMessageContaining("a temp/ table cannot be month-by-month");
    }
}

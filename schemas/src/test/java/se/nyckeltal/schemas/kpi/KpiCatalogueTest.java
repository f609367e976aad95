package se.nyckeltal.schemas.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KpiCatalogueTest {

    @Test
    void catalogueHoldsTheSevenLedgerKpis() {
        assertThat(KpiCatalogue.load().kpis()).filteredOn(k -> k.source().equals("ledger"))
                .extracting(KpiDefinition::kpiId).containsExactly(
                "revenue", "cost", "result", "personnel_cost", "agency_cost",
                "gross_cost_development_pct", "net_cost_development_pct");
    }

    @Test
    void moreRevenueAndBetterResultAreGood() {
        KpiCatalogue catalogue = KpiCatalogue.load();

        assertThat(catalogue.find("revenue")).map(KpiDefinition::goodDirection).contains("up");
        assertThat(catalogue.find("result")).map(KpiDefinition::goodDirection).contains("up");
    }

    @Test
    void lowerCostsAndSlowerCostGrowthAreGood() {
        KpiCatalogue catalogue = KpiCatalogue.load();

        for (String kpi : new String[] {"cost", "personnel_cost", "agency_cost", "gross_cost_development_pct",
                "net_cost_development_pct"}) {
            assertThat(catalogue.find(kpi)).as(kpi).map(KpiDefinition::goodDirection).contains("down");
        }
    }

    @Test
    void amountsHaveBudgetsAndDevelopmentPercentagesDoNot() {
        KpiCatalogue catalogue = KpiCatalogue.load();

        assertThat(catalogue.find("cost")).map(KpiDefinition::hasBudget).contains(true);
        assertThat(catalogue.find("result")).map(KpiDefinition::hasBudget).contains(true);
        assertThat(catalogue.find("gross_cost_development_pct")).map(KpiDefinition::hasBudget).contains(false);
    }

    @Test
    void kpisCarrySwedishNamesAndUnits() {
        KpiDefinition revenue = KpiCatalogue.load().find("revenue").orElseThrow();

        assertThat(revenue.nameSv()).isEqualTo("Intäkter");
        assertThat(revenue.unit()).isEqualTo("kr");
        assertThat(KpiCatalogue.load().find("net_cost_development_pct")).map(KpiDefinition::unit).contains("%");
        assertThat(KpiCatalogue.load().find("agency_cost")).map(KpiDefinition::nameSv)
                .contains("Varav externt inhyrd personal");
    }

    @Test
    void unknownKpiIsNotFound() {
        assertThat(KpiCatalogue.load().find("no_such_kpi")).isEmpty();
    }

    @Test
    void drgPerFteIsAProductionKpiWithoutBudgetWhereMoreIsBetter() {
        assertThat(KpiCatalogue.load().find("drg_per_fte")).hasValueSatisfying(k -> {
            assertThat(k.goodDirection()).isEqualTo("up");
            assertThat(k.hasBudget()).isFalse();
        });
    }

    @Test
    void goodDirectionMustBeUpOrDown() {
        assertThatThrownBy(() -> new KpiDefinition("x", "X", "kr", "higher", false, "ledger", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x: good_direction must be up or down");
    }
}

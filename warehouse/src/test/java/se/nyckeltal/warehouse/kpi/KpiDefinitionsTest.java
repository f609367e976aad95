package se.nyckeltal.warehouse.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The definition files under sql/kpi/definitions/: what they say, and how a wrong one is refused. */
class KpiDefinitionsTest {
    private static final String REVENUE = """
            -- kpi_id:         revenue
            -- name_sv:        Intäkter
            -- unit:           kr
            -- good_direction: up
            -- has_budget:     true
            -- window:         sum
            -- description:    Utfall på intäktsrader (REVENUE) som positivt belopp:
            --                 −huvudboksbelopp.
            -- definition:     −Σ amount on REVENUE lines
            --
            -- One row per period × time window × org level × org × measure.
            SELECT period, time_window, org_level, org_id, org_name, measure,
                   revenue AS numerator, NULL AS denominator, NULL AS ratio_scale, false AS suppressed
            FROM internal.ledger_window
            """;

    private static final String FAMILY = """
            -- kpi_id:         production.<CONTACT_TYPE>
            -- good_direction: up
            -- has_budget:     true
            -- window:         sum
            -- definition:     Σ volume of that contact type
            --
            SELECT 'A;B' AS member, 'A' AS name_sv, 'st' AS unit, 'x' AS description;
            SELECT contact_type AS member, period FROM internal.production_window
            """;

    private static KpiDefinition parse(String file, String text) {
        return DefinitionFile.parse(file, text);
    }

    @Test
    void headerGivesTheMetadataAndTheRestIsTheComputation() {
        KpiDefinition revenue = parse("kpi/definitions/ledger/revenue.sql", REVENUE);

        assertThat(revenue.kpiId()).isEqualTo("revenue");
        assertThat(revenue.source()).isEqualTo("ledger");
        assertThat(revenue.nameSv()).isEqualTo("Intäkter");
        assertThat(revenue.unit()).isEqualTo("kr");
        assertThat(revenue.goodDirection()).isEqualTo("up");
        assertThat(revenue.hasBudget()).isTrue();
        assertThat(revenue.window()).isEqualTo(WindowRule.SUM);
        // a continued value joins its lines with one space
        assertThat(revenue.description()).isEqualTo("Utfall på intäktsrader (REVENUE) som positivt belopp:"
                + " −huvudboksbelopp.");
        assertThat(revenue.family()).isFalse();
        assertThat(revenue.computation()).contains("revenue AS numerator").endsWith("FROM internal.ledger_window\n");
    }

    @Test
    void familyHasItsMembersStatementFirstAndASemicolonInAStringDoesNotSplitIt() {
        KpiDefinition family = parse("kpi/definitions/production/production.CONTACT_TYPE.sql", FAMILY);

        assertThat(family.family()).isTrue();
        assertThat(family.familyPrefix()).isEqualTo("production.");
        assertThat(family.nameSv()).isNull();
        assertThat(family.members()).contains("'A;B' AS member");
        assertThat(family.computation()).startsWith("SELECT contact_type AS member");
    }

    @Test
    void metadataWithoutAComputationIsRefused() {
        String headerOnly = REVENUE.substring(0, REVENUE.indexOf("SELECT"));

        assertThatThrownBy(() -> parse("kpi/definitions/ledger/revenue.sql", headerOnly))
                .hasMessage("sql/kpi/definitions/ledger/revenue.sql: has metadata but no SELECT computing it; a KPI's"
                        + " file holds exactly one SELECT (or WITH … SELECT) giving its numerator and denominator");
    }

    @Test
    void aComputationWithoutItsMetadataIsRefused() {
        assertThatThrownBy(() -> parse("kpi/definitions/ledger/revenue.sql", REVENUE.replace("-- unit:           kr\n",
                ""))).hasMessage("sql/kpi/definitions/ledger/revenue.sql: the header has no 'unit' (a KPI's header has"
                        + " [definition, description, good_direction, has_budget, kpi_id, name_sv, unit, window])");
        assertThatThrownBy(() -> parse("kpi/definitions/ledger/revenue.sql", "SELECT 1 AS numerator\n"))
                .hasMessageContaining("sql/kpi/definitions/ledger/revenue.sql line 1: the file must open with"
                        + " '-- kpi_id: <id>'");
    }

    @Test
    void wrongValuesNameTheFileLineAndWhatIsAllowed() {
        assertThatThrownBy(() -> parse("kpi/definitions/ledger/revenue.sql", REVENUE.replace("good_direction: up",
                "good_direction: higher"))).hasMessage("sql/kpi/definitions/ledger/revenue.sql line 4: good_direction"
                        + " must be up or down, not 'higher'");
        assertThatThrownBy(() -> parse("kpi/definitions/ledger/revenue.sql", REVENUE.replace("window:         sum",
                "window:         average"))).hasMessageContaining("line 6: window must be one of sum,"
                        + " lagged_one_month, last_month, monthly_mean, latest_in_year, distinct_in_window, not"
                        + " 'average'");
        assertThatThrownBy(() -> parse("kpi/definitions/ledger/revenue.sql", REVENUE.replace("has_budget:",
                "has_budgt:"))).hasMessageContaining("line 5: unknown key 'has_budgt'");
        assertThatThrownBy(() -> parse("kpi/definitions/ledger/income.sql", REVENUE))
                .hasMessageContaining("kpi_id 'revenue' belongs in a file named revenue.sql");
        assertThatThrownBy(() -> parse("kpi/definitions/revenue.sql", REVENUE))
                .hasMessageContaining("one folder per source");
        assertThatThrownBy(() -> parse("kpi/definitions/ledger/revenue.sql", REVENUE.replace("FROM internal",
                "FROM ${ledger_parquet}, internal"))).hasMessageContaining("no ${…} placeholders");
    }

    @Test
    void familyNamesItsMembersInItsMembersStatementNotInTheHeader() {
        assertThatThrownBy(() -> parse("kpi/definitions/production/production.CONTACT_TYPE.sql",
                FAMILY.replace("-- window:", "-- unit:           st\n-- window:")))
                .hasMessageContaining("line 4: a family has no 'unit': its members statement gives each member's"
                        + " name_sv, unit and description");
        assertThatThrownBy(() -> parse("kpi/definitions/production/production.CONTACT_TYPE.sql",
                FAMILY.substring(0, FAMILY.lastIndexOf(";")))).hasMessageContaining("a family holds two statements");
    }

    @Test
    void aKpiIsDefinedInOneFile() {
        KpiDefinition revenue = parse("kpi/definitions/ledger/revenue.sql", REVENUE);
        KpiDefinition again = parse("kpi/definitions/other/revenue.sql", REVENUE);

        assertThatThrownBy(() -> new KpiDefinitions(List.of(revenue, again)))
                .hasMessage("sql/kpi/definitions/other/revenue.sql and sql/kpi/definitions/ledger/revenue.sql both"
                        + " define revenue; a KPI is defined in one file");
    }

    @Test
    void shippedDefinitionsHoldTheLedgerProductionAndHrKpis() {
        KpiDefinitions kpis = KpiDefinitions.load();

        assertThat(kpis.kpis()).filteredOn(k -> k.source().equals("ledger")).extracting(KpiDefinition::kpiId)
                .containsExactlyInAnyOrder("revenue", "cost", "result", "personnel_cost", "agency_cost",
                        "gross_cost_development_pct", "net_cost_development_pct");
        assertThat(kpis.kpis()).filteredOn(k -> k.source().equals("production")).extracting(KpiDefinition::kpiId)
                .containsExactlyInAnyOrder("production.<CONTACT_TYPE>", "weighted_care_services", "drg_points",
                        "bed_occupancy_pct", "average_length_of_stay", "drg_per_fte", "operations_total");
        assertThat(kpis.kpis()).filteredOn(k -> k.source().equals("hr")).extracting(KpiDefinition::kpiId)
                .containsExactlyInAnyOrder("worked_hours", "fte", "cost_per_worked_hour", "sick_leave_pct",
                        "sick_leave_pct_days_1_14", "sick_leave_pct_days_15_90", "sick_leave_pct_days_91_365",
                        "sick_leave_pct_days_366_plus", "sick_leave_long_share_pct", "sick_leave_pct_women",
                        "sick_leave_pct_men", "sick_leave_pct_age_0_29", "sick_leave_pct_age_30_49",
                        "sick_leave_pct_age_50_plus",
                        // SPEC §5 More KPIs: headcount and the splits of fte and worked_hours
                        "headcount", "fte.<PROFESSION>", "worked_hours.<STAFF_CATEGORY>");
        assertThat(kpis.kpis()).filteredOn(k -> k.source().equals("actions")).extracting(KpiDefinition::kpiId)
                .containsExactlyInAnyOrder("action_plan_planned_effect", "action_plan_realised_effect");
        assertThat(kpis.kpis()).filteredOn(k -> k.source().equals("listings")).extracting(KpiDefinition::kpiId)
                .containsExactlyInAnyOrder("listed", "capitation", "capitation.<COMPONENT>", "capitation_per_listed",
                        "acg_casemix");
        assertThat(kpis.kpis()).filteredOn(k -> k.source().equals("indicators")).extracting(KpiDefinition::kpiId)
                .containsExactly("indicator.<INDICATOR>");
        assertThat(kpis.kpis()).hasSize(39);
    }

    @Test
    void directionsBudgetsAndWindowsOfTheShippedKpis() {
        KpiDefinitions kpis = KpiDefinitions.load();

        // more revenue, a better result and more production are good; costs, hours and sick leave down
        for (String up : List.of("revenue", "result", "weighted_care_services", "drg_per_fte")) {
            assertThat(kpis.find(up)).as(up).map(KpiDefinition::goodDirection).contains("up");
        }
        for (String down : List.of("cost", "personnel_cost", "agency_cost", "gross_cost_development_pct",
                "net_cost_development_pct", "bed_occupancy_pct", "average_length_of_stay")) {
            assertThat(kpis.find(down)).as(down).map(KpiDefinition::goodDirection).contains("down");
        }
        assertThat(kpis.kpis()).filteredOn(k -> k.source().equals("hr"))
                .allSatisfy(k -> assertThat(k.goodDirection()).as(k.kpiId()).isEqualTo("down"))
                .allSatisfy(k -> assertThat(k.hasBudget()).as(k.kpiId()).isFalse());
        // amounts have budgets, development percentages and drg_per_fte (HR time has no budget) do not
        assertThat(kpis.find("cost")).map(KpiDefinition::hasBudget).contains(true);
        assertThat(kpis.find("gross_cost_development_pct")).map(KpiDefinition::hasBudget).contains(false);
        assertThat(kpis.find("drg_per_fte")).map(KpiDefinition::hasBudget).contains(false);
        // DRG points arrive a month late
        assertThat(kpis.find("drg_points")).map(KpiDefinition::window).contains(WindowRule.LAGGED_ONE_MONTH);
        assertThat(kpis.find("drg_per_fte")).map(KpiDefinition::window).contains(WindowRule.LAGGED_ONE_MONTH);
        assertThat(kpis.find("fte")).map(KpiDefinition::nameSv).contains("Årsarbetare utifrån arbetad tid");
        assertThat(kpis.find("agency_cost")).map(KpiDefinition::nameSv).contains("Varav externt inhyrd personal");
        assertThat(kpis.find("sick_leave_pct")).map(KpiDefinition::unit).contains("%");
        assertThat(kpis.find("no_such_kpi")).isEmpty();
        // listed is a stock (its ytd a mean of months), headcount counts a person once over the window, the planned
        // effect of an action is its latest statement within the year
        assertThat(kpis.find("listed")).map(KpiDefinition::window).contains(WindowRule.MONTHLY_MEAN);
        assertThat(kpis.find("headcount")).map(KpiDefinition::window).contains(WindowRule.DISTINCT_IN_WINDOW);
        assertThat(kpis.find("action_plan_planned_effect")).map(KpiDefinition::window)
                .contains(WindowRule.LATEST_IN_YEAR);
        // indicators.csv describes each indicator: its direction and window rule come with its members
        KpiDefinition indicators = kpis.find("indicator.<INDICATOR>").orElseThrow();
        assertThat(indicators.directionPerMember()).isTrue();
        assertThat(indicators.windowPerMember()).isTrue();
        assertThat(indicators.hasBudget()).isFalse();
    }

    @Test
    void onlyAFamilyLeavesDirectionAndWindowToItsMembers() {
        KpiDefinition perMember = parse("kpi/definitions/production/production.CONTACT_TYPE.sql", FAMILY
                .replace("good_direction: up", "good_direction: member").replace("window:         sum",
                        "window:         member"));
        assertThat(perMember.directionPerMember()).isTrue();
        assertThat(perMember.windowId()).isEqualTo("member");

        assertThatThrownBy(() -> parse("kpi/definitions/ledger/revenue.sql", REVENUE.replace("good_direction: up",
                "good_direction: member"))).hasMessage("sql/kpi/definitions/ledger/revenue.sql line 4: good_direction"
                        + " must be up or down, not 'member'");
        assertThatThrownBy(() -> parse("kpi/definitions/ledger/revenue.sql", REVENUE.replace("window:         sum",
                "window:         member"))).hasMessageContaining("line 6: window must be one of");
    }
}

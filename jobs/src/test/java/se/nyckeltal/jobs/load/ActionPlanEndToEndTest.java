package se.nyckeltal.jobs.load;

import static org.assertj.core.api.Assertions.assertThat;
import static se.nyckeltal.jobs.load.LandingRun.kpi;
import static se.nyckeltal.jobs.load.LandingRun.rows;

import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.etl.testing.SharedSpark;
import se.nyckeltal.schemas.warehouse.FileOutcome;
import se.nyckeltal.schemas.warehouse.LoadRecord;

/**
 * Action plans (effekthemtagning) from landing CSVs to fact.action_plan, worked out by hand.
 *
 * <pre>
 * org: U1, U2 in area A; U3 in area B
 * A1 "Oberoende hyr"        U1    BUDGET         planned 200 000 (Jan), 240 000 (Feb, Mar)
 *                                                 realised Jan 20 000, Feb −5 000 (a setback), Mar 15 000
 * A2 "Restriktivitet"       A     BUDGET         planned  50 000, realised Jan 0, Feb 10 000, Mar 10 000
 * A3 "Resor/boende"         TOTAL BEYOND_BUDGET  planned  10 000, realised Jan 1 000, Feb 2 000, Mar 3 000
 * A4                        U3    BEYOND_BUDGET  March only: planned 8 000, realised 4 000
 * one row without a planned annual effect: quarantined; a second file (December 2023) with A2 twice: both
 *   A2 rows quarantined, the rest (A1, A3–A9 on U1, planned 1 000, realised 1 each) loads
 *
 * action_plan_planned_effect 2024-03 (each action's latest row of 2024):
 *   total 240 000 + 50 000 + 10 000 + 8 000 = 308 000; area A (A1 of U1, A2 of A) 290 000; U1 240 000;
 *   area B (A4 of U3) 8 000; 2024-01 total 200 000 + 50 000 + 10 000 = 260 000
 * action_plan_realised_effect: ytd 2024-03 total 30 000 + 20 000 + 6 000 + 4 000 = 60 000;
 *   month 2024-02 area A −5 000 + 10 000 = 5 000; U1 −5 000 (the setback)
 * kpi.action_plan A1: ytd Jan 20 000 (10 %), Feb 15 000 (6.25 %), Mar 30 000 (12.5 % of 240 000)
 * kpi.action_plan_totals 2024-03 total: BUDGET 290 000 planned, 25 000 in March, 50 000 ytd (17.2414 %);
 *   BEYOND_BUDGET 18 000, 7 000, 10 000 (55.5556 %)
 * </pre>
 */
@ExtendWith(SharedSpark.class)
class ActionPlanEndToEndTest {
    @TempDir
    Path tmp;

    static final String ACTIONS = "period;action_id;action;org_id;responsible;timeline;category;planned_annual_effect;"
            + "realised_effect;comment\n"
            + "202401;A1;Oberoende hyr;U1;OC;2024;BUDGET;200000;20000;\n"
            + "202401;A2;Restriktivitet vid upphandling;A;HSD;2024;budget;50000;0;\n"
            + "202401;A3;Resor/boende;TOTAL;OC;2024;utöver budget;10000;1000;Bättre än 10 %\n"
            + "202402;A1;Oberoende hyr;U1;OC;2024;BUDGET;240 000;−5000;Återfall: ny inhyrning\n"
            + "202402;A2;Restriktivitet vid upphandling;A;HSD;2024;BUDGET;50000;10000;\n"
            + "202402;A3;Resor/boende;TOTAL;OC;2024;BEYOND_BUDGET;10000;2000;\n"
            + "202403;A1;Oberoende hyr;U1;OC;2024;BUDGET;240000;15000;\n"
            + "202403;A2;Restriktivitet vid upphandling;A;HSD;2024;BUDGET;50000;10000;\n"
            + "202403;A3;Resor/boende;TOTAL;OC;2024;BEYOND_BUDGET;10000;3000;\n"
            + "202403;A4;Utbildning;U3;OC;2024;BEYOND_BUDGET;8000;4000;\n";

    @Test
    void actionsLoadPerMonthWithSetbacksAndBrokenRowsAreQuarantined() throws Exception {
        LandingRun run = new LandingRun(tmp).orgUnits();
        run.write("actions/atgarder-2024.csv", ACTIONS
                + "202403;A5;Konsulter;U2;OC;2024;BEYOND_BUDGET;;700;saknar årseffekt\n");
        run.write("actions/atgarder-2024-z.csv", "period;action_id;action;org_id;category;planned_annual_effect;"
                + "realised_effect\n"
                + "202312;A2;Restriktivitet;A;BUDGET;50000;100\n202312;A2;Restriktivitet;A;BUDGET;50000;200\n"
                + "202312;A9;Annat;U1;BUDGET;1000;1\n202312;A8;Annat;U1;BUDGET;1000;1\n"
                + "202312;A7;Annat;U1;BUDGET;1000;1\n202312;A6;Annat;U1;BUDGET;1000;1\n"
                + "202312;A5;Annat;U1;BUDGET;1000;1\n202312;A4;Annat;U1;BUDGET;1000;1\n"
                + "202312;A3;Annat;U1;BUDGET;1000;1\n202312;A1;Annat;U1;BUDGET;1000;1\n");

        LoadRecord first = run.load();

        assertThat(first.outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        FileOutcome actions = outcome(first, "actions/atgarder-2024.csv");
        assertThat(actions.rowsLoaded()).isEqualTo(10);
        assertThat(actions.rowsQuarantined()).isEqualTo(1);
        // Σ realised 20 000 + 0 + 1 000 − 5 000 + 10 000 + 2 000 + 15 000 + 10 000 + 3 000 + 4 000 + 700
        assertThat(actions.amountTotal()).isEqualByComparingTo("60700");
        assertThat(actions.reconciled()).isTrue();
        assertThat(outcome(first, "actions/atgarder-2024-z.csv").rowsQuarantined()).isEqualTo(2);
        try (Connection catalogue = run.catalogue()) {
            assertThat(rows(catalogue, "SELECT source_file, line_number, reason FROM meta.quarantine"
                    + " WHERE source = 'actions' ORDER BY source_file, line_number")).satisfiesExactly(
                    r -> assertThat(r).startsWith("actions/atgarder-2024-z.csv|2|action_id A2 appears 2 times for period"
                            + " 202312 in this file (first on line 2)"),
                    r -> assertThat(r).startsWith("actions/atgarder-2024-z.csv|3|action_id A2 appears 2 times"),
                    r -> assertThat(r).startsWith("actions/atgarder-2024.csv|12|planned_annual_effect is empty"));
            assertThat(rows(catalogue, "SELECT period, action_id, org_id, category, planned_annual_effect, realised_effect,"
                    + " comment FROM fact.action_plan WHERE action_id = 'A1' AND period >= 202401 ORDER BY period")).containsExactly(
                    "202401|A1|U1|BUDGET|200000|20000|null",
                    "202402|A1|U1|BUDGET|240000|-5000|Återfall: ny inhyrning",
                    "202403|A1|U1|BUDGET|240000|15000|null");
            // value | numerator | denominator | target | previous year | trend
            assertThat(kpi(catalogue, "action_plan_planned_effect", 202403, "ytd", "total", "TOTAL"))
                    .isEqualTo("308000|308000|null|null|null|neutral");
            assertThat(kpi(catalogue, "action_plan_planned_effect", 202403, "month", "area", "A"))
                    .isEqualTo("290000|290000|null|null|null|neutral");
            assertThat(kpi(catalogue, "action_plan_planned_effect", 202403, "month", "unit", "U1"))
                    .isEqualTo("240000|240000|null|null|null|neutral");
            assertThat(kpi(catalogue, "action_plan_planned_effect", 202403, "month", "area", "B"))
                    .isEqualTo("8000|8000|null|null|null|neutral");
            assertThat(kpi(catalogue, "action_plan_planned_effect", 202401, "month", "total", "TOTAL"))
                    .isEqualTo("260000|260000|null|null|null|neutral");
            assertThat(kpi(catalogue, "action_plan_realised_effect", 202403, "ytd", "total", "TOTAL"))
                    .isEqualTo("60000|60000|null|null|null|neutral");
            assertThat(kpi(catalogue, "action_plan_realised_effect", 202402, "month", "area", "A"))
                    .isEqualTo("5000|5000|null|null|null|neutral");
            assertThat(kpi(catalogue, "action_plan_realised_effect", 202402, "month", "unit", "U1"))
                    .isEqualTo("-5000|-5000|null|null|null|neutral");
            assertThat(rows(catalogue, "SELECT period, org_name, realised_effect_ytd, realised_share_pct FROM kpi.action_plan"
                    + " WHERE action_id = 'A1' AND period >= 202401 ORDER BY period")).containsExactly(
                    "202401|Enhet 1|20000|10", "202402|Enhet 1|15000|6.25", "202403|Enhet 1|30000|12.5");
            assertThat(rows(catalogue, "SELECT org_name FROM kpi.action_plan WHERE action_id = 'A2' AND period = 202403"))
                    .containsExactly("Område A");
            assertThat(rows(catalogue, "SELECT category, planned_annual_effect, realised_effect, realised_effect_ytd,"
                    + " round(realised_share_pct, 4) FROM kpi.action_plan_totals WHERE period = 202403"
                    + " AND org_level = 'total' ORDER BY category")).containsExactly(
                    "ALL|308000|32000|60000|19.4805", "BEYOND_BUDGET|18000|7000|10000|55.5556",
                    "BUDGET|290000|25000|50000|17.2414");
        }
    }

    private static FileOutcome outcome(LoadRecord record, String path) {
        return record.files().stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow();
    }
}

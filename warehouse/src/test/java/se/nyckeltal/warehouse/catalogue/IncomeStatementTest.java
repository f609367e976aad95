package se.nyckeltal.warehouse.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.warehouse.RegionFixture;
import se.nyckeltal.warehouse.TestWarehouse;

/** kpi.income_statement (resultaträkning) over {@link RegionFixture}; amounts −ledger amount. */
class IncomeStatementTest {
    @TempDir
    static Path dir;

    private static Connection catalogue;

    @BeforeAll
    static void publish() throws SQLException {
        catalogue = Catalogue.openReadOnly(RegionFixture.publish(dir));
    }

    @AfterAll
    static void close() throws SQLException {
        catalogue.close();
    }

    @Test
    void totalForOneMonthReadsLikeTheMonthlyReport() throws SQLException {
        // columns: actual | actual_previous_year | budget | budget_full_year | forecast_full_year |
        //          actual_full_year_previous_year
        // actual 202602: I10 1000 + 500; I30 5000; K10 −(2000 + 300 + 700 + 1500 + 100) = −4600,
        //   varav agency −700, varav overtime −300; K20 −(1000 + 800); 9999 −50 unmapped
        // previous year 202502: I10 800, I30 4000, K10 −(1600 + 1000), K20 −1000
        // budget 202602: I10 1000, I30 5000, K10 −2500, K20 −(1000 + 400)
        // budget 2026: K10 −(1000 + 2500 + 1000) = −4500, the rest as budget 202602
        // forecast 2026: I10 12000, K10 −30000
        // bokslut 2025: I10 800, I30 4000, K10 −(900 + 500 + 1600 + 1000 + 400 + 100) = −4500, K20 −1000
        assertThat(TestWarehouse.rows(catalogue, "SELECT line_order, line_id, line_name, actual, actual_previous_year,"
                + " budget, budget_full_year, forecast_full_year, actual_full_year_previous_year"
                + " FROM kpi.income_statement WHERE period = 202602 AND time_window = 'month'"
                + " AND org_level = 'total' AND org_id = 'TOTAL' ORDER BY line_order"))
                .containsExactly(
                        "1|I10|Patientavgifter|1500|800|1000|1000|12000|800",
                        "2|I20|Ersättning vårdtjänster|0|0|0|0|0|0",
                        "3|I30|Regionersättning|5000|4000|5000|5000|0|4000",
                        "4|I40|Försäljning av tjänster|0|0|0|0|0|0",
                        "5|I50|Övriga intäkter|0|0|0|0|0|0",
                        "6|SUM_REVENUE|Summa intäkter|6500|4800|6000|6000|12000|4800",
                        "7|K10|Personalkostnader|-4600|-2600|-2500|-4500|-30000|-4500",
                        "8|OF_WHICH_AGENCY|varav externt inhyrd personal|-700|0|0|0|0|0",
                        "9|OF_WHICH_OVERTIME|varav övertid/mertid|-300|0|0|0|0|0",
                        "10|K20|Köpt vård|-1800|-1000|-1400|-1400|0|-1000",
                        "11|K30|Läkemedel|0|0|0|0|0|0",
                        "12|K40|Tekniska hjälpmedel|0|0|0|0|0|0",
                        "13|K50|Material och tjänster|0|0|0|0|0|0",
                        "14|K60|Lokalkostnader|0|0|0|0|0|0",
                        "15|K70|Övriga verksamhetskostnader|0|0|0|0|0|0",
                        // 6500 − 6400 = 100; 4800 − 3600 = 1200; 6000 − 3900 = 2100; 6000 − 5900 = 100;
                        // 12000 − 30000 = −18000; 4800 − 5500 = −700
                        "16|SUM_COST|Summa kostnader|-6400|-3600|-3900|-5900|-30000|-5500",
                        "17|RESULT|Resultat|100|1200|2100|100|-18000|-700",
                        // outside every sum
                        "18|UNMAPPED|Ej mappade konton|-50|0|0|0|0|0");
    }

    @Test
    void everyLedgerAccountHasOneLineAndAnAccountInNoRangeHasNone() throws SQLException {
        // the fixture's accounts, every scenario, on the shipped accounts.csv: 4110 (4100–4149 overtime) and 4710
        // (4700–4799 agency) are Personalkostnader with their flags; 9999 and ABC (not a number) are in no range:
        // UNMAPPED in fact.ledger_lines, 'Ej mappade konton' above
        assertThat(TestWarehouse.rows(catalogue, "SELECT account, line_id, is_personnel, is_agency, is_overtime"
                + " FROM internal.ledger_account_map ORDER BY account"))
                .containsExactly(
                        "3010|I10|false|false|false",
                        "3210|I30|false|false|false",
                        "4010|K10|true|false|false",
                        "4110|K10|true|false|true",
                        "4710|K10|true|true|false",
                        "5010|K20|false|false|false",
                        "9999|null|null|null|null",
                        "ABC|null|null|null|null");
        assertThat(TestWarehouse.rows(catalogue, "SELECT account, count(*) FROM fact.ledger_lines"
                + " WHERE line_id = 'UNMAPPED' GROUP BY account ORDER BY account"))
                .containsExactly("9999|1", "ABC|1");
    }

    @Test
    void yearToDateForAnAreaUsesTheStructureOfThePeriod() throws SQLException {
        // area B at 202602 = U2, U3, U4. ytd actual: K10 −(500 + 1500) = −2000, K20 −(200 + 800) = −1000,
        // I10 500 → result 500 − 3000 = −2500; previous year ytd with U2 moved in: K10 −(500 + 1000),
        // K20 −1000 → result −2500; budget ytd: K20 −(1000 + 400) = −1400; ABC (10 at U3) is unmapped: −10
        assertThat(TestWarehouse.rows(catalogue, "SELECT line_id, actual, actual_previous_year, budget"
                + " FROM kpi.income_statement WHERE period = 202602 AND time_window = 'ytd' AND org_level = 'area'"
                + " AND org_id = 'B' AND line_id IN ('I10', 'K10', 'K20', 'RESULT', 'UNMAPPED') ORDER BY line_order"))
                .containsExactly("I10|500|0|0", "K10|-2000|-1500|0", "K20|-1000|-1000|-1400", "RESULT|-2500|-2500|-1400",
                        "UNMAPPED|-10|0|0");
    }

    @Test
    void orgWithoutActualRowsShowsNoActual() throws SQLException {
        // U4 has only budget in 202602; no rows a year earlier and no budget for the full year beyond it
        assertThat(TestWarehouse.rows(catalogue, "SELECT org_name, actual, actual_previous_year, budget,"
                + " budget_full_year, forecast_full_year FROM kpi.income_statement WHERE period = 202602"
                + " AND time_window = 'month' AND org_level = 'unit' AND org_id = 'U4' AND line_id = 'K20'"))
                .containsExactly("Labb|null|null|-400|-400|null");
    }

    @Test
    void hasTheReportColumns() throws SQLException {
        assertThat(TestWarehouse.rows(catalogue, "SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = 'kpi' AND table_name = 'income_statement' ORDER BY ordinal_position"))
                .containsExactly("period", "time_window", "org_level", "org_id", "org_name", "line_order", "line_id",
                        "line_name", "actual", "actual_previous_year", "budget", "budget_full_year",
                        "forecast_full_year", "actual_full_year_previous_year");
    }
}

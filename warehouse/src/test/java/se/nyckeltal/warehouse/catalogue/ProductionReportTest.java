package se.nyckeltal.warehouse.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.warehouse.ProductionFixture;
import se.nyckeltal.warehouse.TestWarehouse;

/** The Produktionsdata tables (kpi.production_own, _primary_care, _private_providers) over {@link ProductionFixture}. */
class ProductionReportTest {
    @TempDir
    static Path dir;

    private static Connection catalogue;

    private static final String COLUMNS = "line_name, actual, budget, deviation_budget_pct, actual_previous_year,"
            + " deviation_previous_year_pct, forecast_full_year, budget_full_year, actual_full_year_previous_year";

    @BeforeAll
    static void publish() throws SQLException {
        catalogue = Catalogue.openReadOnly(ProductionFixture.publish(dir));
    }

    @AfterAll
    static void close() throws SQLException {
        catalogue.close();
    }

    private static List<String> table(String view, int period, String window, String level, String org)
            throws SQLException {
        return TestWarehouse.rows(catalogue, "SELECT " + COLUMNS + " FROM kpi." + view + " WHERE period = " + period
                + " AND time_window = '" + window + "' AND org_level = '" + level + "' AND org_id = '" + org
                + "' ORDER BY line_order");
    }

    @Test
    void ownProductionTableAtTotalYearToDate() throws SQLException {
        // ack 202602, own production only (U1's private-provider visits are not here):
        //   Läkarbesök       100 + 120 = 220; budget 110 + 100 = 210: +4.761905 %; last year 80 + 90 = 170: +29.411765 %;
        //                    forecast 1300; full-year budget 110 + 100 + 1000 = 1210; 2025 closing 80 + 90 = 170
        //   Besök övriga     X9 10 (UNMAPPED unit, in the total)
        //   Vårdtillfällen   10 + 2 + 2 = 14;  Vårddagar 50 + 20 + 2 = 72;  Medelvårdtid 72 ÷ 14 = 5.142857
        //   Belagda 950, Disponibla 1100, Beläggning 950 ÷ 1100 × 100 = 86.363636
        //   DRG (1 mån släp) January 2026 50.25; last year January 2025 40: +25.625 %; 2025 closing 40 + 30 + 100.5 = 170.5
        //   Okänd kontakttyp 7
        assertThat(table("production_own", 202602, "ytd", "total", "TOTAL")).containsExactly(
                "Läkarbesök|220|210|4.7619|170|29.4118|1300|1210|170",
                "Besök, övriga yrkesgrupper|10|null|null|null|null|null|null|null",
                "Vårdtillfällen - somatik (utskrivna)|14|null|null|null|null|null|null|null",
                "Vårddagar - somatik exkl perm (utskrivna)|72|null|null|null|null|null|null|null",
                "Medelvårdtid somatik (dagar)|5.1429|null|null|null|null|null|null|null",
                "Belagda vårdplatser kl 06:00|950|null|null|null|null|null|null|null",
                "Disponibla vårdplatser|1100|null|null|null|null|null|null|null",
                "Beläggning 06:00 (%)|86.3636|null|null|null|null|null|null|null",
                "DRG-poäng (1 mån släp)|50.25|null|null|40|25.625|null|null|170.5",
                "Okänd kontakttyp|7|null|null|null|null|null|null|null");
    }

    @Test
    void primaryCareTableHoldsRegionRunAndPrivateVardcentraler() throws SQLException {
        // U2 (REGION_PRIMARY_CARE) 200 + U4 (PRIVATE_PRIMARY_CARE) 300 = 500; last year 180 + 250 = 430: +16.27907 %
        assertThat(table("production_primary_care", 202602, "ytd", "total", "TOTAL"))
                .containsExactly("Läkarbesök|500|null|null|430|16.2791|null|null|430");
        // Both units are in area B in 2026 (like-for-like: last year too); area A has no primary care
        assertThat(table("production_primary_care", 202602, "ytd", "area", "B"))
                .containsExactly("Läkarbesök|500|null|null|430|16.2791|null|null|430");
        assertThat(table("production_primary_care", 202602, "ytd", "area", "A")).isEmpty();
    }

    @Test
    void privateProvidersTableHoldsOnlyPrivateProviders() throws SQLException {
        // U1 PRIVATE_PROVIDER 20, budget 25: (20 − 25) ÷ 25 × 100 = −20 %
        assertThat(table("production_private_providers", 202602, "ytd", "total", "TOTAL"))
                .containsExactly("Läkarbesök|20|25|-20|null|null|null|25|null");
        // The three tables add up to the KPI, which counts every provider: 220 + 500 + 20 = 740
        assertThat(TestWarehouse.rows(catalogue, "SELECT value FROM kpi.kpi_values WHERE kpi_id = 'production.DOCTOR_VISIT'"
                + " AND period = 202602 AND time_window = 'ytd' AND org_level = 'total'")).containsExactly("740");
    }

    @Test
    void monthWindowAndTheDrgLagAtJanuary() throws SQLException {
        // At 202601 the DRG line shows December 2025 for the month, the whole of 2025 year to date
        assertThat(TestWarehouse.rows(catalogue, "SELECT time_window, actual FROM kpi.production_own WHERE period = 202601"
                + " AND org_level = 'unit' AND org_id = 'U1' AND line_id = 'DRG_POINTS' ORDER BY time_window"))
                .containsExactly("month|100.5", "ytd|170.5");
        // Month 202602 at U1: 120 doctor visits, budget 100: +20 %; last year 90: +33.333333 %
        assertThat(table("production_own", 202602, "month", "unit", "U1").get(0))
                .isEqualTo("Läkarbesök|120|100|20|90|33.3333|1300|1210|170");
    }
}

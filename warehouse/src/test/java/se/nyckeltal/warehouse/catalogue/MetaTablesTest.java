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

/** meta.* and the dim tables filled from reference data, over {@link RegionFixture}. */
class MetaTablesTest {
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
    void dataQualityReportsUnmappedCodesQuarantinedRowsAndUnreconciledFiles() throws SQLException {
        assertThat(TestWarehouse.rows(catalogue, "SELECT check_id, severity, source, subject, rows, amount"
                + " FROM meta.data_quality ORDER BY check_id, subject"))
                .containsExactly(
                        // budget-2026.csv: 500 total, 450 loaded → 50 unaccounted
                        "file_not_reconciled|error|ledger|ledger/budget-2026.csv|5|50",
                        "quarantined_rows|warning|ledger|ledger/huvudbok-2026-02.csv|1|0",
                        "unmapped_account|warning|ledger|9999|1|50",
                        "unmapped_account|warning|ledger|ABC|1|10",
                        "unmapped_cost_center|warning|ledger|X9|1|100");
        assertThat(TestWarehouse.rows(catalogue, "SELECT detail FROM meta.data_quality WHERE subject = 'X9'"))
                .singleElement().asString().contains("org_units.csv").contains("202602").contains("UNMAPPED");
    }

    @Test
    void quarantineHoldsTheRejectedLinesOfEveryLoad() throws SQLException {
        assertThat(TestWarehouse.rows(catalogue, "SELECT * FROM meta.quarantine")).containsExactly(
                "L1|ledger|ledger/huvudbok-2026-02.csv|7|amount 'tolv' is not a number|202602;U1;4010;tolv");
    }

    @Test
    void loadsAndLoadFilesShowEveryLoadRecord() throws SQLException {
        // rows loaded 11 + 5 = 16, amount loaded 1000 + 450 = 1450; started 2026-03-05T01:59:00Z = 1772675940
        assertThat(TestWarehouse.rows(catalogue, "SELECT load_id, CAST(epoch(started_at) AS BIGINT), outcome, snapshot_id, files,"
                + " rows_loaded, rows_quarantined, amount_total, amount_loaded FROM meta.loads"))
                .containsExactly("L1|1772675940|PUBLISHED|S1|2|16|1|1500|1450");
        assertThat(TestWarehouse.rows(catalogue, "SELECT path, status, rows_read, reconciled, partitions"
                + " FROM meta.load_files ORDER BY path"))
                .containsExactly("ledger/budget-2026.csv|LOADED|5|false|BUDGET:202601,BUDGET:202602",
                        "ledger/huvudbok-2026-02.csv|LOADED|12|true|ACTUAL:202602");
        assertThat(TestWarehouse.rows(catalogue, "SELECT snapshot_id, load_id FROM meta.snapshot"))
                .containsExactly("S1|L1");
    }

    @Test
    void referenceDataFillsTheDimTables() throws SQLException {
        assertThat(TestWarehouse.rows(catalogue, "SELECT unit_id, area_id, valid_from, valid_to FROM dim.org_unit"
                + " WHERE unit_id = 'U2' ORDER BY valid_from"))
                .containsExactly("U2|A|2020-01-01|2025-12-31", "U2|B|2026-01-01|null");
        assertThat(TestWarehouse.rows(catalogue, "SELECT account_from, account_to, line_id, is_personnel, is_agency,"
                + " is_overtime, is_internal_allocation, ordinal FROM dim.account_line WHERE line_id IN ('I30', 'K10')"
                + " AND account_from IN (3200, 4700)"))  // ordinal: 0-based row of accounts.csv
                .containsExactly("3200|3299|I30|false|false|false|true|2", "4700|4799|K10|true|true|false|false|8");
        assertThat(TestWarehouse.rows(catalogue, "SELECT kpi_id, good_direction, has_budget FROM dim.kpi"
                + " WHERE kpi_id IN ('cost', 'gross_cost_development_pct') ORDER BY kpi_id"))
                .containsExactly("cost|down|true", "gross_cost_development_pct|down|false");
        // dim.period: every month of 2024..2026, the years with facts
        assertThat(TestWarehouse.rows(catalogue, "SELECT count(*), min(period), max(period) FROM dim.period"))
                .containsExactly("36|202401|202612");
        assertThat(TestWarehouse.rows(catalogue, "SELECT first_day, last_day, month_name, tertial FROM dim.period"
                + " WHERE period = 202402")).containsExactly("2024-02-01|2024-02-29|februari|1");
    }
}

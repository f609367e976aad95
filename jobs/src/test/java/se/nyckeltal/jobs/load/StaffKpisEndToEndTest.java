package se.nyckeltal.jobs.load;

import static org.assertj.core.api.Assertions.assertThat;
import static se.nyckeltal.jobs.load.LandingRun.kpi;
import static se.nyckeltal.jobs.load.LandingRun.rows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.etl.testing.SharedSpark;
import se.nyckeltal.schemas.warehouse.LoadRecord;

/**
 * headcount, fte.&lt;PROFESSION&gt;, worked_hours.&lt;STAFF_CATEGORY&gt; and operations_total from landing CSVs,
 * worked out by hand.
 *
 * <pre>
 * org: U1, U2 in area A; U3 in area B. parameters.csv 2025: 1 800 h a year, 150 h a month
 * hr 2025-02:
 *   E1 own nurse            U1  8 h worked on Mon 3, Tue 4, Wed 5                     24 h
 *   E2 own nurse            U1  8 h worked Mon 3;  U2 8 h worked Tue 4 (two units)     16 h
 *   E3 agency doctor        U2  10 h worked Mon 3 and Tue 4, 2 h overtime Tue 4,
 *                               12 h on call Wed 5 (not worked time)                   22 h
 *   E4 own assistant nurse  U3  8 h scheduled and 8 h sick Mon 3: no worked hours       0 h
 *   E5 resource pool admin  U3  6 h worked Mon 3                                        6 h
 * headcount: U1 2 (E1, E2), U2 2 (E2, E3), U3 1 (E5); area A 3, area B 1, total 4 — E2 once in A and total
 * worked_hours 68 = OWN 40 + AGENCY 22 + RESOURCE_POOL 6; fte 68 ÷ 150 = 0.4533 — all suppressed: 4 employees
 *   (fte.NURSE 40 ÷ 150 = 0.2667, fte.DOCTOR 22 ÷ 150 = 0.1467, fte.ADMINISTRATION 6 ÷ 150 = 0.04 likewise)
 * production 2025-02 U1: OPERATION_INPATIENT 3, OPERATION_DAY_SURGERY 4, OPERATION_CLINIC 5, DOCTOR_VISIT 9
 *   operations_total 12; budget 2 + 2 + 2 = 6
 * </pre>
 */
@ExtendWith(SharedSpark.class)
class StaffKpisEndToEndTest {
    @TempDir
    Path tmp;

    @Test
    void staffCountsAndSplitsFromEmployeeLevelTime() throws Exception {
        Files.writeString(tmp.resolve("key"), "staff test pseudonym key\n");
        LandingRun run = new LandingRun(tmp).orgUnits();
        run.write("reference/parameters.csv", "year;fte_norm_hours\n2025;1800\n");
        run.write("hr/tid-2025-02.csv", "Datum;Anstnr;Kst;Personalkategori;Yrke;Kön;Födelseår;Tidtyp;Timmar\n"
                + "2025-02-03;E1;U1;egen;Sjuksköterska;K;1980;Arbetad;8\n"
                + "2025-02-04;E1;U1;egen;Sjuksköterska;K;1980;Arbetad;8\n"
                + "2025-02-05;E1;U1;egen;Sjuksköterska;K;1980;Arbetad;8\n"
                + "2025-02-03;E2;U1;egen;Sjuksköterska;K;1985;Arbetad;8\n"
                + "2025-02-04;E2;U2;egen;Sjuksköterska;K;1985;Arbetad;8\n"
                + "2025-02-03;E3;U2;inhyrd;Läkare;M;1970;Arbetad;10\n"
                + "2025-02-04;E3;U2;inhyrd;Läkare;M;1970;Arbetad;10\n"
                + "2025-02-04;E3;U2;inhyrd;Läkare;M;1970;Övertid;2\n"
                + "2025-02-05;E3;U2;inhyrd;Läkare;M;1970;Jour;12\n"
                + "2025-02-03;E4;U3;egen;Undersköterska;K;1990;Schemalagd;8\n"
                + "2025-02-03;E4;U3;egen;Undersköterska;K;1990;Sjuk;8\n"
                + "2025-02-03;E5;U3;resursenhet;Adm;K;1975;Arbetad;6\n");
        run.write("production/vard-2025-02.csv", "period;unit;contact_type;volume;scenario\n"
                + "202502;U1;OPERATION_INPATIENT;3;ACTUAL\n202502;U1;OPERATION_DAY_SURGERY;4;ACTUAL\n"
                + "202502;U1;OPERATION_CLINIC;5;ACTUAL\n202502;U1;DOCTOR_VISIT;9;ACTUAL\n"
                + "202502;U1;OPERATION_INPATIENT;2;BUDGET\n202502;U1;OPERATION_DAY_SURGERY;2;BUDGET\n"
                + "202502;U1;OPERATION_CLINIC;2;BUDGET\n");

        LoadRecord record = run.load();

        assertThat(record.outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        try (Connection catalogue = run.catalogue()) {
            assertThat(kpi(catalogue, "headcount", 202502, "month", "unit", "U1")).isEqualTo("2|2|null|null|null|neutral");
            assertThat(kpi(catalogue, "headcount", 202502, "month", "unit", "U2")).isEqualTo("2|2|null|null|null|neutral");
            assertThat(kpi(catalogue, "headcount", 202502, "month", "unit", "U3")).isEqualTo("1|1|null|null|null|neutral");
            assertThat(kpi(catalogue, "headcount", 202502, "month", "area", "A")).isEqualTo("3|3|null|null|null|neutral");
            assertThat(kpi(catalogue, "headcount", 202502, "ytd", "total", "TOTAL")).isEqualTo("4|4|null|null|null|neutral");
            // worked time of 4 employees: every figure is a group of 10 or fewer, so fte (68 ÷ 150 = 0.4533), fte.NURSE
            // (40 ÷ 150), fte.DOCTOR (22 ÷ 150) and worked_hours by staff category (OWN 40, AGENCY 22, RESOURCE_POOL 6)
            // are suppressed (the arithmetic of the splits is HrKpiTest's, on groups of 11 or more); headcount is a
            // count and stays
            assertThat(kpi(catalogue, "fte", 202502, "month", "total", "TOTAL")).isEqualTo("null|null|null|null|null|neutral");
            assertThat(rows(catalogue, "SELECT count(*), count(value), bool_and(suppressed) FROM kpi.kpi_values"
                    + " WHERE (kpi_id LIKE 'fte%' OR kpi_id LIKE 'worked_hours%') AND period = 202502"))
                    .containsExactly(rows(catalogue, "SELECT count(*), 0, true FROM kpi.kpi_values"
                            + " WHERE (kpi_id LIKE 'fte%' OR kpi_id LIKE 'worked_hours%') AND period = 202502").get(0));
            assertThat(rows(catalogue, "SELECT value, budget_value FROM kpi.kpi_values WHERE kpi_id = 'operations_total'"
                    + " AND period = 202502 AND time_window = 'month' AND org_level = 'unit' AND org_id = 'U1'"))
                    .containsExactly("12|6");
        }
    }
}

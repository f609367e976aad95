package se.nyckeltal.etl.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.etl.extract.IngestResult;
import se.nyckeltal.etl.extract.IngestSettings;
import se.nyckeltal.etl.extract.LandingFile;
import se.nyckeltal.etl.testing.Landing;
import se.nyckeltal.etl.testing.SharedSpark;
import se.nyckeltal.schemas.warehouse.FileOutcome;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;

/** Listings CSVs (vårdval) through Spark into the listings fact, quarantine reasons and reconciliation. */
@ExtendWith(SharedSpark.class)
class ListingIngestTest {
    private final SparkSession spark;
    private Landing landing;
    private WarehouseLayout layout;

    ListingIngestTest(SparkSession spark) {
        this.spark = spark;
    }

    @BeforeEach
    void folders(@TempDir Path dir) {
        landing = new Landing(dir.resolve("landing"));
        layout = new WarehouseLayout(dir.resolve("warehouse"));
    }

    @Test
    void swedishHeadersWindows1252AndEveryMeasureLoad() {
        LandingFile file = landing.write("listings/listning-2024-03.csv", String.join("\r\n",
                "Månad;Enhet;Mått;Kön;Åldersgrupp;Antal",
                "2024-03;2010;LISTED;K;0-04;120",
                "2024-03;2010;LISTED;kvinna;0-4;5",
                "2024-03;2010;LISTED;M;5-9;130",
                "2024-03;2010;LISTED;M;>=100;2",
                "2024-03;2010;active_listed;;;190",
                "2024-03;2010;ACG_POINTS;;;241,5",
                "2024-03;2010;CNI_UNEMPLOYED;;;31",
                "2024-03;2010;CNI_NYFAKTOR;;;4",
                ""), Landing.WINDOWS_1252);

        IngestResult result = ingest(List.of(file));

        // K 0-4 delivered twice (0-04 and 0-4 are one band, kvinna is K): 120 + 5 = 125. An unknown CNI
        // factor loads as delivered (the catalogue reports it under UNMAPPED).
        assertThat(facts(result)).containsExactly(
                "202403|ACTUAL|2010|ACG_POINTS|null|null|241.5000|listings/listning-2024-03.csv|L1",
                "202403|ACTUAL|2010|ACTIVE_LISTED|null|null|190.0000|listings/listning-2024-03.csv|L1",
                "202403|ACTUAL|2010|CNI_NYFAKTOR|null|null|4.0000|listings/listning-2024-03.csv|L1",
                "202403|ACTUAL|2010|CNI_UNEMPLOYED|null|null|31.0000|listings/listning-2024-03.csv|L1",
                "202403|ACTUAL|2010|LISTED|K|0-4|125.0000|listings/listning-2024-03.csv|L1",
                "202403|ACTUAL|2010|LISTED|M|100-|2.0000|listings/listning-2024-03.csv|L1",
                "202403|ACTUAL|2010|LISTED|M|5-9|130.0000|listings/listning-2024-03.csv|L1");
        FileOutcome outcome = result.outcomes().get(0);
        assertThat(outcome.encoding()).isEqualTo("windows-1252");
        assertThat(outcome.partitions()).containsExactly("ACTUAL:202403");
        // Σ quantity 120 + 5 + 130 + 2 + 190 + 241.5 + 31 + 4 = 723.5, all loaded
        assertThat(outcome.amountTotal()).isEqualByComparingTo("723.5");
        assertThat(outcome.amountLoaded()).isEqualByComparingTo("723.5");
        assertThat(outcome.reconciled()).isTrue();
    }

    @Test
    void aFileWithoutMeasureHoldsListedPersons() {
        LandingFile file = landing.write("listings/listade.csv", String.join("\n",
                "period,enhet,kön,åldersgrupp,listade",
                "202401,7010,K,0-49,800",
                "202401,7010,M,50-,700",
                ""));

        assertThat(facts(ingest(List.of(file)))).containsExactly(
                "202401|ACTUAL|7010|LISTED|K|0-49|800.0000|listings/listade.csv|L1",
                "202401|ACTUAL|7010|LISTED|M|50-|700.0000|listings/listade.csv|L1");
    }

    @Test
    void badRowsAreQuarantinedEachWithItsReason() {
        LandingFile file = landing.write("listings/fel.csv", String.join("\n",
                "period;unit;measure;gender;age_band;quantity",
                "202403;2010;LISTED;K;0-4;100",
                "202403;2010;LISTED;X;5-9;10",
                "202403;2010;LISTED;M;0-4;−3",
                "202403;2010;LISTED;M;;40",
                "202403;2010;LISTED;M;9-5;7",
                "202403;2010;LISTED;M;5-;12,5",
                "202403;2010;ACG_POINTS;K;;50",
                "202403;2010;BESOK;;;9",
                "202403;2010;LISTED;M;5-;20",
                ""));

        IngestResult result = new ListingIngest(spark, new IngestSettings(new BigDecimal("0.9")))
                .ingest(List.of(file), layout, "L1");

        assertThat(quarantine()).containsExactly(
                "3: gender 'X' is not K or M; a LISTED row counts women (K) or men (M)",
                "4: quantity '−3' is negative; a listing counts persons at month end — to correct a month, deliver the"
                        + " whole month again (it replaces the earlier delivery)",
                "5: LISTED row without age band; give the band (åldersgrupp) the persons are counted in, e.g. 0-4 or 100-",
                "6: age band '9-5' is not ordered: it ends (5) before it begins (9); write the lower age first, e.g. 5-9",
                "7: quantity '12,5' is not a whole number; LISTED counts persons (only ACG_POINTS has decimals)",
                "8: ACG_POINTS counts the whole unit: leave gender and age band empty (they belong to LISTED rows only)",
                "9: measure 'BESOK' is not a listing measure; use LISTED, ACTIVE_LISTED, ACG_POINTS or CNI_<FACTOR>"
                        + " (e.g. CNI_UNEMPLOYED)");
        // total 100 + 10 − 3 + 40 + 7 + 12.5 + 50 + 9 + 20 = 245.5 = loaded 120 + quarantined 125.5
        FileOutcome outcome = result.outcomes().get(0);
        assertThat(outcome.rowsQuarantined()).isEqualTo(7);
        assertThat(outcome.amountTotal()).isEqualByComparingTo("245.5");
        assertThat(outcome.amountLoaded()).isEqualByComparingTo("120");
        assertThat(outcome.amountQuarantined()).isEqualByComparingTo("125.5");
        assertThat(outcome.reconciled()).isTrue();
        assertThat(facts(result)).containsExactly(
                "202403|ACTUAL|2010|LISTED|K|0-4|100.0000|listings/fel.csv|L1",
                "202403|ACTUAL|2010|LISTED|M|5-|20.0000|listings/fel.csv|L1");
    }

    @Test
    void overlappingBandsAndAClosedLastBandAreQuarantined() {
        LandingFile file = landing.write("listings/band.csv", String.join("\n",
                "period;unit;measure;gender;age_band;quantity",
                "202403;2010;LISTED;K;0-4;100",
                "202403;2010;LISTED;K;5-9;100",
                "202403;2010;LISTED;K;8-12;30",
                "202403;2010;LISTED;K;13-99;500",
                "202403;2010;LISTED;M;13-99;400",
                "202403;2010;ACTIVE_LISTED;;;900",
                ""));

        IngestResult result = new ListingIngest(spark, new IngestSettings(new BigDecimal("0.9")))
                .ingest(List.of(file), layout, "L1");

        assertThat(quarantine()).containsExactly(
                "3: age bands 5-9 and 8-12 of this file overlap: a person would be counted twice; deliver bands that"
                        + " do not share a year of age (e.g. 0-4, 5-9, …, 100-)",
                "4: age bands 5-9 and 8-12 of this file overlap: a person would be counted twice; deliver bands that"
                        + " do not share a year of age (e.g. 0-4, 5-9, …, 100-)",
                "5: age band 13-99 is the last band of this file but not open-ended: persons older than 99 are"
                        + " missing; end the bands with an open one (e.g. 100-)",
                "6: age band 13-99 is the last band of this file but not open-ended: persons older than 99 are"
                        + " missing; end the bands with an open one (e.g. 100-)");
        FileOutcome outcome = result.outcomes().get(0);
        assertThat(outcome.amountLoaded()).isEqualByComparingTo("1000"); // 0-4: 100 and ACTIVE_LISTED 900
        assertThat(outcome.amountQuarantined()).isEqualByComparingTo("1030");
        assertThat(outcome.reconciled()).isTrue();
    }

    @Test
    void moreBadRowsThanTheThresholdRejectTheFileWhole() {
        LandingFile file = landing.write("listings/trasig.csv", String.join("\n",
                "period;unit;measure;gender;age_band;quantity",
                "202403;2010;LISTED;K;0-;100",
                "202403;2010;LISTED;Q;0-;100",
                ""));

        IngestResult result = new ListingIngest(spark, IngestSettings.defaults()).ingest(List.of(file), layout, "L1");

        assertThat(result.anyRejected()).isTrue();
        assertThat(result.partitions()).isEmpty();
        assertThat(quarantine()).containsExactly("3: gender 'Q' is not K or M; a LISTED row counts women (K) or men (M)");
    }

    // --- helpers ---------------------------------------------------------------------------------

    private IngestResult ingest(List<LandingFile> files) {
        return new ListingIngest(spark, IngestSettings.defaults()).ingest(files, layout, "L1");
    }

    private List<String> quarantine() {
        return spark.read().parquet(layout.quarantineDir("L1").toString()).orderBy("line_number").collectAsList()
                .stream().map(r -> r.getLong(r.fieldIndex("line_number")) + ": " + r.getString(r.fieldIndex("reason")))
                .toList();
    }

    /** Every fact row of the result's partitions, columns joined by '|', sorted. */
    private List<String> facts(IngestResult result) {
        String[] files = result.partitions().stream().flatMap(p -> p.files().stream())
                .map(f -> layout.resolve(f).toString()).toArray(String[]::new);
        List<String> facts = new ArrayList<>();
        if (files.length == 0) {
            return facts;
        }
        for (Row row : spark.read().parquet(files).collectAsList()) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < row.length(); i++) {
                Object value = row.get(i);
                values.add(value instanceof BigDecimal d ? d.toPlainString() : String.valueOf(value));
            }
            facts.add(String.join("|", values));
        }
        facts.sort(null);
        return facts;
    }
}

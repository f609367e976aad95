package se.nyckeltal.etl.production;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
import se.nyckeltal.schemas.reference.ReferenceData;
import se.nyckeltal.schemas.warehouse.FactPartition;
import se.nyckeltal.schemas.warehouse.FileOutcome;
import se.nyckeltal.schemas.warehouse.Snapshot;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;

/**
 * Production CSVs through Spark into the production fact, with the weighted volume worked out by
 * hand. Weights (contact_types.csv of each test): DOCTOR_VISIT 1.0, OTHER_VISIT 0.5 unless a test
 * says otherwise; BED_DAYS_SOMATIC has no weight.
 */
@ExtendWith(SharedSpark.class)
class ProductionIngestTest {
    private static final String CONTACT_TYPES = """
            contact_type;name;category;weight;year
            DOCTOR_VISIT;Läkarbesök;VISIT;1,0;
            OTHER_VISIT;Besök, övriga yrkesgrupper;VISIT;0,5;
            BED_DAYS_SOMATIC;Vårddagar - somatik;INPATIENT;;
            DRG_POINTS;DRG-poäng;DRG;;
            """;

    private final SparkSession spark;
    private Path dir;
    private Landing landing;
    private WarehouseLayout layout;

    ProductionIngestTest(SparkSession spark) {
        this.spark = spark;
    }

    @BeforeEach
    void folders(@TempDir Path dir) {
        this.dir = dir;
        landing = new Landing(dir.resolve("landing"));
        layout = new WarehouseLayout(dir.resolve("warehouse"));
    }

    @Test
    void dailyRowsAreSummedToTheirMonth() throws IOException {
        LandingFile file = landing.write("production/dagar.csv", String.join("\n",
                "date;unit;contact_type;volume",
                "2024-03-01;1050;DOCTOR_VISIT;10",
                "2024-03-02;1050;DOCTOR_VISIT;12",
                "2024-03-31;1050;DOCTOR_VISIT;8",
                "2024-03-31;1050;OTHER_VISIT;5",
                "2024-04-01;1050;DOCTOR_VISIT;7",
                ""));

        IngestResult result = ingest(reference(CONTACT_TYPES), Snapshot.empty(), List.of(file));

        // March: 10 + 12 + 8 = 30 doctor visits (× 1.0 = 30), 5 other visits (× 0.5 = 2.5); April: 7
        assertThat(facts(result)).containsExactly(
                "202403|ACTUAL|1050|OWN|DOCTOR_VISIT|30.0000|30.0000|production/dagar.csv|L1|null",
                "202403|ACTUAL|1050|OWN|OTHER_VISIT|5.0000|2.5000|production/dagar.csv|L1|null",
                "202404|ACTUAL|1050|OWN|DOCTOR_VISIT|7.0000|7.0000|production/dagar.csv|L1|null");
        FileOutcome outcome = result.outcomes().get(0);
        assertThat(outcome.partitions()).containsExactly("ACTUAL:202403", "ACTUAL:202404");
        // the file reconciles on the volume: 30 + 5 + 7 = 42
        assertThat(outcome.amountTotal()).isEqualByComparingTo("42");
        assertThat(outcome.amountLoaded()).isEqualByComparingTo("42");
        assertThat(outcome.reconciled()).isTrue();
    }

    @Test
    void eachMonthlyFileRestatesTheMonthBeforeAndTheLatestDeliveryOfAMonthWins() throws IOException {
        // As the region's extracts come: each month's file delivers that month and the month before again.
        LandingFile march = landing.write("production/produktion-2024-03.csv", String.join("\n",
                "date;unit;contact_type;volume",
                "2024-02-28;1050;DOCTOR_VISIT;4",
                "2024-02-29;1060;DOCTOR_VISIT;3",
                "2024-03-01;1050;DOCTOR_VISIT;10",
                "2024-03-02;1050;OTHER_VISIT;6",
                ""));
        LandingFile april = landing.write("production/produktion-2024-04.csv", String.join("\n",
                "date;unit;contact_type;volume",
                "2024-03-01;1050;DOCTOR_VISIT;11",
                "2024-03-31;1050;DOCTOR_VISIT;2",
                "2024-04-01;1050;DOCTOR_VISIT;7",
                ""));

        IngestResult result = ingest(reference(CONTACT_TYPES), Snapshot.empty(), List.of(march, april));

        // February from March's file (4 + 3); March from April's file whole (11 + 2 = 13 doctor visits; the
        // other visits only March's file had are gone with it); April from April's file.
        assertThat(facts(result)).containsExactly(
                "202402|ACTUAL|1050|OWN|DOCTOR_VISIT|4.0000|4.0000|production/produktion-2024-03.csv|L1|null",
                "202402|ACTUAL|1060|OWN|DOCTOR_VISIT|3.0000|3.0000|production/produktion-2024-03.csv|L1|null",
                "202403|ACTUAL|1050|OWN|DOCTOR_VISIT|13.0000|13.0000|production/produktion-2024-04.csv|L1|null",
                "202404|ACTUAL|1050|OWN|DOCTOR_VISIT|7.0000|7.0000|production/produktion-2024-04.csv|L1|null");
        FileOutcome first = result.outcomes().get(0);
        // 4 + 3 + 10 + 6 = 23 = loaded 7 + superseded 16
        assertThat(first.amountTotal()).isEqualByComparingTo("23");
        assertThat(first.amountLoaded()).isEqualByComparingTo("7");
        assertThat(first.amountSuperseded()).isEqualByComparingTo("16");
        assertThat(first.reconciled()).isTrue();
        assertThat(first.message()).contains("ACTUAL:202403", "replaced by production/produktion-2024-04.csv");
        assertThat(result.outcomes().get(1).amountLoaded()).isEqualByComparingTo("20");
        assertThat(result.partitions())
                .extracting(partition -> partition.scenario() + ":" + partition.period() + "<-" + partition.sourceFile())
                .containsExactlyInAnyOrder("ACTUAL:202402<-production/produktion-2024-03.csv",
                        "ACTUAL:202403<-production/produktion-2024-04.csv",
                        "ACTUAL:202404<-production/produktion-2024-04.csv");
    }

    @Test
    void tabSeparatedAndWindows1252FilesWithSwedishHeadersLoad() throws IOException {
        LandingFile tab = landing.writeWithBom("production/a-tab.tsv", String.join("\n",
                "Period\tEnhet\tVårdgivartyp\tKontakttyp\tAntal\tTyp",
                "2024-02\t2010\tregiondriven\tDOCTOR_VISIT\t1 200\tUTFALL",
                "2024-03\t2010\tregiondriven\tOTHER_VISIT\t300,5\tBUDGET",
                ""));
        LandingFile ansi = landing.write("production/b-ansi.csv", String.join("\r\n",
                "Månad;Kostnadsställe;Vårdgivartyp;Kontakttyp;Antal",
                "202403;6020;Privat vårdcentral;DOCTOR_VISIT;40",
                "202403;6020;Privat vårdgivare;OTHER_VISIT;12",
                "202403;6020;Egen;DRG_POINTS;17,25",
                ""), Landing.WINDOWS_1252);

        IngestResult result = ingest(reference(CONTACT_TYPES), Snapshot.empty(), List.of(tab, ansi));

        assertThat(result.outcomes()).extracting(FileOutcome::encoding).containsExactly("UTF-8", "windows-1252");
        assertThat(result.outcomes()).extracting(FileOutcome::delimiter).containsExactly("tab", "semicolon");
        // DRG points have no weight: weighted 0. Other visits 300.5 × 0.5 = 150.25, 12 × 0.5 = 6.
        assertThat(facts(result)).containsExactly(
                "202402|ACTUAL|2010|REGION_PRIMARY_CARE|DOCTOR_VISIT|1200.0000|1200.0000|production/a-tab.tsv|L1|null",
                "202403|ACTUAL|6020|OWN|DRG_POINTS|17.2500|0.0000|production/b-ansi.csv|L1|null",
                "202403|ACTUAL|6020|PRIVATE_PRIMARY_CARE|DOCTOR_VISIT|40.0000|40.0000|production/b-ansi.csv|L1|null",
                "202403|ACTUAL|6020|PRIVATE_PROVIDER|OTHER_VISIT|12.0000|6.0000|production/b-ansi.csv|L1|null",
                "202403|BUDGET|2010|REGION_PRIMARY_CARE|OTHER_VISIT|300.5000|150.2500|production/a-tab.tsv|L1|null");
    }

    @Test
    void weightsOfTheRowsYearApply() throws IOException {
        ReferenceData reference = reference("""
                contact_type;name;category;weight;year
                DOCTOR_VISIT;Läkarbesök;VISIT;1,0;
                DOCTOR_VISIT;Läkarbesök;VISIT;1,2;2025
                OTHER_VISIT;Besök, övriga yrkesgrupper;VISIT;0,3333;
                OTHER_VISIT;Besök, övriga yrkesgrupper;VISIT;;2025
                """);
        LandingFile file = landing.write("production/tva-ar.csv", String.join("\n",
                "period;unit;contact_type;volume",
                "202412;1050;DOCTOR_VISIT;100",
                "202412;1050;OTHER_VISIT;3",
                "202412;1050;GRUPPBESOK;4",
                "202501;1050;DOCTOR_VISIT;100",
                "202501;1050;OTHER_VISIT;3",
                ""));

        IngestResult result = ingest(reference, Snapshot.empty(), List.of(file));

        // 2024: doctor 100 × 1.0 = 100; other 3 × 0.3333 = 0.9999; GRUPPBESOK is unknown: kept, weighted 0
        // 2025: doctor 100 × 1.2 = 120 (the year's own row); other visits have an empty weight in 2025: 0
        assertThat(facts(result)).extracting(f -> f.substring(0, f.indexOf("|production/"))).containsExactly(
                "202412|ACTUAL|1050|OWN|DOCTOR_VISIT|100.0000|100.0000",
                "202412|ACTUAL|1050|OWN|GRUPPBESOK|4.0000|0.0000",
                "202412|ACTUAL|1050|OWN|OTHER_VISIT|3.0000|0.9999",
                "202501|ACTUAL|1050|OWN|DOCTOR_VISIT|100.0000|120.0000",
                "202501|ACTUAL|1050|OWN|OTHER_VISIT|3.0000|0.0000");
    }

    @Test
    void changedWeightsReweighThePublishedPartitionsOfThatYearOnly() throws IOException {
        LandingFile file = landing.write("production/p.csv", String.join("\n",
                "period;unit;contact_type;volume;scenario",
                "202412;1050;DOCTOR_VISIT;100;ACTUAL",
                "202501;1050;DOCTOR_VISIT;50;ACTUAL",
                "202501;1050;DOCTOR_VISIT;60;BUDGET",
                ""));
        ReferenceData before = reference(CONTACT_TYPES);
        IngestResult first = ingest(before, Snapshot.empty(), List.of(file));
        before.writeCanonical(layout.referenceDir("L1"));
        Snapshot published = new Snapshot("L1", Instant.EPOCH, "L1", first.partitions(), List.of(),
                layout.relative(layout.referenceDir("L1")));

        // 2025 doctor visits now weigh 2.0; 2024 keeps 1.0. No new files: only the reference changed.
        ReferenceData after = reference(CONTACT_TYPES + "DOCTOR_VISIT;Läkarbesök;VISIT;2,0;2025\n");
        IngestResult second = new ProductionIngest(spark, IngestSettings.defaults(), after, published)
                .ingest(List.of(), layout, "L2");

        assertThat(second.outcomes()).isEmpty();
        assertThat(second.partitions()).extracting(FactPartition::key).extracting(Object::toString)
                .containsExactlyInAnyOrder("production/ACTUAL/202501", "production/BUDGET/202501");
        assertThat(second.partitions()).allSatisfy(p -> {
            assertThat(p.loadId()).isEqualTo("L2");
            assertThat(p.sourceFile()).isEqualTo("production/p.csv");
        });
        // 50 × 2.0 = 100, 60 × 2.0 = 120; the rows keep the load that delivered them
        assertThat(facts(second)).containsExactly(
                "202501|ACTUAL|1050|OWN|DOCTOR_VISIT|50.0000|100.0000|production/p.csv|L1|null",
                "202501|BUDGET|1050|OWN|DOCTOR_VISIT|60.0000|120.0000|production/p.csv|L1|null");

        // Unchanged weights: nothing to do.
        Snapshot republished = published.with("L2", Instant.EPOCH, "L2", second.partitions(), List.of(),
                layout.relative(layout.referenceDir("L1")));
        after.writeCanonical(layout.referenceDir("L1"));
        assertThat(new ProductionIngest(spark, IngestSettings.defaults(), after, republished)
                .ingest(List.of(), layout, "L3").partitions()).isEmpty();
    }

    @Test
    void badRowsAreQuarantinedWithTheirReasonAndTheRestLoads() throws IOException {
        LandingFile file = landing.write("production/fel.csv", String.join("\n",
                "period;unit;provider;contact_type;volume",
                "202403;1050;OWN;DOCTOR_VISIT;10",
                "202403;1050;OWN;DOCTOR_VISIT;−2",
                "202403;1050;kommunal;OTHER_VISIT;4",
                "202403;1050;OWN;OTHER_VISIT;fyra",
                ""));

        IngestResult result = new ProductionIngest(spark, new IngestSettings(new BigDecimal("0.75")),
                reference(CONTACT_TYPES), Snapshot.empty()).ingest(List.of(file), layout, "L1");

        List<String> reasons = spark.read().parquet(layout.quarantineDir("L1").toString()).orderBy("line_number")
                .collectAsList().stream().map(r -> r.getLong(r.fieldIndex("line_number")) + ": "
                        + r.getString(r.fieldIndex("reason"))).toList();
        assertThat(reasons).hasSize(3);
        assertThat(reasons.get(0)).startsWith("3: volume '−2' is negative");
        assertThat(reasons.get(1)).startsWith("4: provider: unknown provider 'kommunal'");
        assertThat(reasons.get(2)).startsWith("5: volume 'fyra' is not a number");
        // total 10 − 2 + 4 = 12 (fyra has no number) = loaded 10 + quarantined 2
        FileOutcome outcome = result.outcomes().get(0);
        assertThat(outcome.amountTotal()).isEqualByComparingTo("12");
        assertThat(outcome.amountQuarantined()).isEqualByComparingTo("2");
        assertThat(outcome.rowsUnparsedAmount()).isEqualTo(1);
        assertThat(outcome.reconciled()).isTrue();
        assertThat(facts(result)).containsExactly("202403|ACTUAL|1050|OWN|DOCTOR_VISIT|10.0000|10.0000|production/fel.csv|L1|null");
    }

    @Test
    void theProviderOrganisationIsKeptAsTheCounterpart() throws IOException {
        LandingFile file = landing.write("production/digital.csv", String.join("\n",
                "period;unit;provider;motpart;contact_type;volume",
                "202209;6020;PRIVATE_PROVIDER;KRY;DOCTOR_VISIT_REMOTE;300",
                "202209;6020;PRIVATE_PROVIDER;KRY;DOCTOR_VISIT_REMOTE;12",
                "202209;6020;PRIVATE_PROVIDER;MINDOKTOR;DOCTOR_VISIT_REMOTE;150",
                "202209;6020;PRIVATE_PROVIDER;;OTHER_VISIT;7",
                ""));

        IngestResult result = ingest(reference(CONTACT_TYPES), Snapshot.empty(), List.of(file));

        // KRY's two rows are one fact row (312); a row without counterpart keeps NULL. DOCTOR_VISIT_REMOTE
        // has no weight in this test's contact types (0); OTHER_VISIT 7 × 0.5 = 3.5
        assertThat(facts(result)).containsExactly(
                "202209|ACTUAL|6020|PRIVATE_PROVIDER|DOCTOR_VISIT_REMOTE|150.0000|0.0000|production/digital.csv|L1|MINDOKTOR",
                "202209|ACTUAL|6020|PRIVATE_PROVIDER|DOCTOR_VISIT_REMOTE|312.0000|0.0000|production/digital.csv|L1|KRY",
                "202209|ACTUAL|6020|PRIVATE_PROVIDER|OTHER_VISIT|7.0000|3.5000|production/digital.csv|L1|null");
    }

    @Test
    void aFileWithoutPeriodOrDateIsRejectedWhole() throws IOException {
        LandingFile file = landing.write("production/utan-period.csv", "unit;contact_type;volume\n1050;DOCTOR_VISIT;1\n");

        IngestResult result = ingest(reference(CONTACT_TYPES), Snapshot.empty(), List.of(file));

        assertThat(result.anyRejected()).isTrue();
        assertThat(result.partitions()).isEmpty();
        assertThat(result.outcomes().get(0).message()).contains("neither a period (månad) nor a date (datum) column");
    }

    // --- helpers ---------------------------------------------------------------------------------

    private IngestResult ingest(ReferenceData reference, Snapshot previous, List<LandingFile> files) {
        return new ProductionIngest(spark, IngestSettings.defaults(), reference, previous).ingest(files, layout, "L1");
    }

    private ReferenceData reference(String contactTypes) throws IOException {
        Path overrides = Files.createDirectories(dir.resolve("reference-" + Integer.toHexString(contactTypes.hashCode())));
        Files.writeString(overrides.resolve(ReferenceData.CONTACT_TYPES), contactTypes, StandardCharsets.UTF_8);
        return ReferenceData.load(overrides);
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

package se.nyckeltal.etl.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.etl.extract.IngestResult;
import se.nyckeltal.etl.extract.IngestSettings;
import se.nyckeltal.etl.extract.LandingFile;
import se.nyckeltal.etl.ledger.sie.SieReadResult;
import se.nyckeltal.etl.testing.Landing;
import se.nyckeltal.etl.testing.SharedSpark;
import se.nyckeltal.schemas.fact.FactSchema;
import se.nyckeltal.schemas.warehouse.FactPartition;
import se.nyckeltal.schemas.warehouse.FileOutcome;
import se.nyckeltal.schemas.warehouse.FileOutcome.Status;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;

/**
 * The ledger extract end to end: landing bytes → Parquet facts and quarantine. Every fixture is
 * written here, with the expected numbers worked out beside it.
 */
@ExtendWith(SharedSpark.class)
class LedgerIngestTest {
    private static final String LOAD = "load-0001";

    private final SparkSession spark;
    private Landing landing;
    private WarehouseLayout layout;

    LedgerIngestTest(SparkSession spark) {
        this.spark = spark;
    }

    @BeforeEach
    void folders(@TempDir Path dir) {
        landing = new Landing(dir.resolve("landing"));
        layout = new WarehouseLayout(dir.resolve("warehouse"));
    }

    // --- numbers as Swedish exports write them -------------------------------------------------

    @Test
    void decimalCommaAmountsKeepTheirValue() {
        LandingFile file = landing.write("ledger/huvudbok-2024-03.csv", """
                period;cost_center;account;amount
                202403;1100;4010;-1234,50
                202403;1100;5010;99,99
                """);

        IngestResult result = ingest(file);

        // -1234,50 is -1234.50, not -123450.00 (SPEC §9); total -1234.50 + 99.99 = -1134.51
        assertThat(facts(result)).containsExactly(
                "202403|ACTUAL|1100|4010|null|null|-1234.50|ledger/huvudbok-2024-03.csv|" + LOAD + "|null",
                "202403|ACTUAL|1100|5010|null|null|99.99|ledger/huvudbok-2024-03.csv|" + LOAD + "|null");
        assertThat(only(result).amountTotal()).isEqualByComparingTo("-1134.51");
        assertThat(only(result).amountLoaded()).isEqualByComparingTo("-1134.51");
    }

    @Test
    void thousandsSeparatorsSpaceNoBreakSpaceAndDotWithDecimalComma() {
        LandingFile file = landing.write("ledger/a.csv", """
                period;cost_center;account;amount
                202403;1100;4010;1 234,50
                202403;1100;4020;1\u00A0234\u00A0567,00
                202403;1100;4030;1.234.567,89
                202403;1100;4040;1234.5
                """);

        IngestResult result = ingest(file);

        assertThat(amounts(result)).containsExactly("1234.50", "1234567.00", "1234567.89", "1234.50");
        // 1234.50 + 1234567.00 + 1234567.89 + 1234.50 = 2471603.89
        assertThat(only(result).amountLoaded()).isEqualByComparingTo("2471603.89");
    }

    @Test
    void unicodeMinusSignIsAMinus() {
        LandingFile file = landing.write("ledger/a.csv", """
                period;cost_center;account;amount
                202403;1100;3010;\u22121 234,50
                202403;1100;3020;-5
                """);

        IngestResult result = ingest(file);

        assertThat(amounts(result)).containsExactly("-1234.50", "-5.00");
        assertThat(only(result).rowsQuarantined()).isZero();
    }

    // --- encodings and line endings ------------------------------------------------------------

    @Test
    void windows1252FileKeepsItsSwedishLetters() {
        LandingFile file = landing.write("ledger/a.csv", """
                period;kostnadsställe;konto;verksamhet;belopp
                202403;Vårdcentral Åby;4010;Öron-näsa-hals;100,00
                """, Landing.WINDOWS_1252);

        IngestResult result = ingest(file);

        assertThat(only(result).encoding()).isEqualTo("windows-1252");
        assertThat(facts(result)).containsExactly(
                "202403|ACTUAL|Vårdcentral Åby|4010|Öron-näsa-hals|null|100.00|ledger/a.csv|" + LOAD + "|null");
    }

    @Test
    void utf8WithByteOrderMarkFindsTheFirstColumn() {
        // Without stripping the BOM the first header cell would be "\uFEFFperiod" and not match.
        LandingFile file = landing.writeWithBom("ledger/a.csv", """
                period;cost_center;account;activity;amount
                202403;1100;4010;Barnmottagning Väst;10,00
                """);

        IngestResult result = ingest(file);

        assertThat(only(result).status()).isEqualTo(Status.LOADED);
        assertThat(only(result).encoding()).isEqualTo("UTF-8");
        assertThat(facts(result)).containsExactly(
                "202403|ACTUAL|1100|4010|Barnmottagning Väst|null|10.00|ledger/a.csv|" + LOAD + "|null");
    }

    @Test
    void crlfLineEndingsAreOneLineBreak() {
        LandingFile file = landing.write("ledger/a.csv", "period;cost_center;account;amount\r\n"
                + "202403;1100;4010;10,00\r\n"
                + "202403;1100;4020;x\r\n"
                + "202403;1100;4030;20,00\r\n");

        IngestResult result = ingest(file, new IngestSettings(new BigDecimal("0.5")));

        // The amount at the end of the line is read without the CR; the bad row is physical line 3.
        assertThat(amounts(result)).containsExactly("10.00", "20.00");
        assertThat(quarantine()).extracting(r -> r.getLong(3)).containsExactly(3L);
        assertThat(only(result).blankLines()).isZero();
    }

    // --- delimiters --------------------------------------------------------------------------

    @Test
    void tabSeparatedFile() {
        LandingFile file = landing.write("ledger/a.tsv",
                "period\tcost_center\taccount\tamount\n202403\t1100\t4010\t1 234,50\n");

        IngestResult result = ingest(file);

        assertThat(only(result).delimiter()).isEqualTo("tab");
        assertThat(amounts(result)).containsExactly("1234.50");
    }

    @Test
    void commaSeparatedFileWithQuotedDecimalCommaAmounts() {
        LandingFile file = landing.write("ledger/a.csv", """
                period,cost_center,account,amount
                202403,1100,4010,"-1234,50"
                202403,1100,4020,"1 000,00"
                202403,1100,4030,12.50
                """);

        IngestResult result = ingest(file);

        assertThat(only(result).delimiter()).isEqualTo("comma");
        assertThat(amounts(result)).containsExactly("-1234.50", "1000.00", "12.50");
    }

    // --- periods, scenarios, header aliases ----------------------------------------------------

    @Test
    void periodsAsYyyymmYyyyDashMmAndDates() {
        LandingFile file = landing.write("ledger/a.csv", """
                period;cost_center;account;amount
                202401;1100;4010;1,00
                2024-02;1100;4010;2,00
                2024-03-31;1100;4010;3,00
                """);

        IngestResult result = ingest(file);

        assertThat(facts(result)).extracting(f -> f.substring(0, f.indexOf('|', 7)))
                .containsExactly("202401|ACTUAL", "202402|ACTUAL", "202403|ACTUAL");
        assertThat(only(result).partitions()).containsExactly("ACTUAL:202401", "ACTUAL:202402", "ACTUAL:202403");
        assertThat(result.partitions()).extracting(FactPartition::period).containsExactlyInAnyOrder(202401, 202402, 202403);
        assertThat(layout.factPartitionDir("ledger", 202402)).isDirectory()
                .isEqualTo(layout.root().resolve("facts/ledger/year=2024/month=02"));
    }

    @Test
    void swedishHeaderAliasesInAnyCase() {
        LandingFile file = landing.write("ledger/a.csv", """
                PERIOD;Kostnadsställe;KONTO;Verksamhet;MOTPART;Typ;Belopp
                202403;1100;4010;Akuten;Region Syd;UTFALL;10,00
                202403;1100;4010;Akuten;Region Syd;prognos;20,00
                202403;1100;4010;Akuten;Region Syd;Budget;30,00
                202403;1100;4010;Akuten;Region Syd;;40,00
                """);

        IngestResult result = ingest(file);

        // An empty typ is ACTUAL, so ACTUAL holds 10 + 40 = 50 on the one grain row.
        assertThat(facts(result)).containsExactly(
                "202403|ACTUAL|1100|4010|Akuten|Region Syd|50.00|ledger/a.csv|" + LOAD + "|null",
                "202403|BUDGET|1100|4010|Akuten|Region Syd|30.00|ledger/a.csv|" + LOAD + "|null",
                "202403|FORECAST|1100|4010|Akuten|Region Syd|20.00|ledger/a.csv|" + LOAD + "|null");
        assertThat(only(result).partitions()).containsExactly("ACTUAL:202403", "BUDGET:202403", "FORECAST:202403");
    }

    @Test
    void headerWithoutARequiredColumnRejectsTheFile() {
        LandingFile file = landing.write("ledger/a.csv", """
                period;kst;belopp
                202403;1100;10,00
                """);

        IngestResult result = ingest(file);

        FileOutcome outcome = only(result);
        assertThat(outcome.status()).isEqualTo(Status.REJECTED);
        assertThat(outcome.message()).contains("ledger/a.csv", "account (or konto)", "Nothing of this load was published");
        assertThat(result.partitions()).isEmpty();
        assertThat(layout.factsDir()).doesNotExist();
    }

    @Test
    void emptyFileIsRejectedWithAHint() {
        LandingFile file = landing.write("ledger/empty.csv", new byte[0]);

        FileOutcome outcome = only(ingest(file));

        assertThat(outcome.status()).isEqualTo(Status.REJECTED);
        assertThat(outcome.message()).contains("ledger/empty.csv", "empty", "header row");
    }

    // --- quarantine, threshold, reconciliation -------------------------------------------------

    @Test
    void quarantinedRowsCarryTheirPhysicalLineNumberAndAReason() {
        LandingFile file = landing.write("ledger/a.csv", """
                period;cost_center;account;amount
                202403;1100;4010;10,00

                ;;;
                202413;1100;4010;5,00
                202403;1100;4010;abc
                202403;1100;4010
                202403;1100;4010;1,00
                """);
        // Line 1 header, 2 valid, 3 and 4 blank (skipped, still counted), 5 bad period, 6 bad amount,
        // 7 one field short, 8 valid. Data rows 2, 5, 6, 7, 8 = 5; 3 quarantined = 60 %, so this test
        // allows 60 %.

        IngestResult result = ingest(file, new IngestSettings(new BigDecimal("0.6")));

        List<Row> quarantine = quarantine();
        assertThat(quarantine).extracting(r -> r.getLong(3)).containsExactly(5L, 6L, 7L);
        assertThat(quarantine.get(0).getString(4)).contains("period", "'202413'", "YYYYMM");
        assertThat(quarantine.get(1).getString(4)).contains("amount", "'abc'", "not a number");
        assertThat(quarantine.get(2).getString(4)).contains("3 fields", "header has 4");
        assertThat(quarantine).extracting(r -> r.getString(5))
                .containsExactly("202413;1100;4010;5,00", "202403;1100;4010;abc", "202403;1100;4010");
        assertThat(quarantine).allSatisfy(r -> {
            assertThat(r.getString(0)).isEqualTo(LOAD);
            assertThat(r.getString(1)).isEqualTo("ledger");
            assertThat(r.getString(2)).isEqualTo("ledger/a.csv");
        });
        FileOutcome outcome = only(result);
        assertThat(outcome.rowsRead()).isEqualTo(5);
        assertThat(outcome.blankLines()).isEqualTo(2);
        assertThat(outcome.rowsQuarantined()).isEqualTo(3);
        // 'abc' and the short line carry no amount.
        assertThat(outcome.rowsUnparsedAmount()).isEqualTo(2);
        assertThat(outcome.message()).contains("line 5:", "line 6:", "line 7:");
    }

    @Test
    void blankLinesAboveTheHeaderCountInTheLineNumbers() {
        LandingFile file = landing.write("ledger/a.csv", "\n;;\nperiod;cost_center;account;amount\n202403;1;2;x\n202403;1;2;3\n");
        // Lines 1-2 blank, 3 header, 4 bad, 5 valid: 1 of 2 rows, allowed 50 %.

        IngestResult result = ingest(file, new IngestSettings(new BigDecimal("0.5")));

        assertThat(quarantine()).extracting(r -> r.getLong(3)).containsExactly(4L);
        assertThat(only(result).blankLines()).isEqualTo(2);
        assertThat(only(result).rowsRead()).isEqualTo(2);
    }

    @Test
    void amountsReconcilePerFile() {
        LandingFile file = landing.write("ledger/a.csv", """
                period;cost_center;account;activity;counterpart;amount
                202403;1100;4010;;;100,00
                202403;1100;4010;;;-30,25
                202403;1100;5010;Akuten;;7,00
                202403;1100;5010;;;12,345
                202403;;5010;;;8,00
                202403;1100;5010;;;
                """);
        // Valid: 100.00 and -30.25 (one grain row, 69.75) and 7.00 → loaded 76.75 in 2 fact rows.
        // Quarantined: 12.345 (3 decimals) and 8.00 (no cost centre) → 20.345; the empty amount has none.
        // Total of every parseable amount: 76.75 + 20.345 = 97.095 = loaded + quarantined.

        IngestResult result = ingest(file, new IngestSettings(new BigDecimal("0.5")));

        FileOutcome outcome = only(result);
        assertThat(outcome.status()).isEqualTo(Status.LOADED);
        assertThat(outcome.rowsRead()).isEqualTo(6);
        assertThat(outcome.rowsLoaded()).isEqualTo(3);
        assertThat(outcome.rowsQuarantined()).isEqualTo(3);
        assertThat(outcome.rowsUnparsedAmount()).isEqualTo(1);
        assertThat(outcome.amountTotal()).isEqualByComparingTo("97.095");
        assertThat(outcome.amountLoaded()).isEqualByComparingTo("76.75");
        assertThat(outcome.amountQuarantined()).isEqualByComparingTo("20.345");
        assertThat(outcome.amountSuperseded()).isEqualByComparingTo("0");
        assertThat(outcome.reconciled()).isTrue();
        assertThat(facts(result)).containsExactly(
                "202403|ACTUAL|1100|4010|null|null|69.75|ledger/a.csv|" + LOAD + "|null",
                "202403|ACTUAL|1100|5010|Akuten|null|7.00|ledger/a.csv|" + LOAD + "|null");
        assertThat(result.partitions()).singleElement().satisfies(p -> {
            assertThat(p.rows()).isEqualTo(2);
            assertThat(p.sourceFile()).isEqualTo("ledger/a.csv");
            assertThat(p.loadId()).isEqualTo(LOAD);
        });
        assertThat(quarantine()).extracting(r -> r.getString(4)).anySatisfy(reason -> assertThat(reason)
                .isEqualTo("amount '12,345' has 3 decimals; the ledger carries öre (2 decimals): round to öre in the export"));
    }

    @Test
    void oneBadRowInAHundredStillLoads() {
        // 99 valid rows with amounts 1..99 (sum 4950.00) and one with 3 decimals: 1 of 100 = 1 %,
        // not more than the 1 % allowed.
        LandingFile file = landing.write("ledger/a.csv", hundredRows(1));

        FileOutcome outcome = only(ingest(file));

        assertThat(outcome.status()).isEqualTo(Status.LOADED);
        assertThat(outcome.rowsRead()).isEqualTo(100);
        assertThat(outcome.rowsLoaded()).isEqualTo(99);
        assertThat(outcome.amountLoaded()).isEqualByComparingTo("4950.00");
        assertThat(outcome.amountQuarantined()).isEqualByComparingTo("0.001");
        assertThat(outcome.reconciled()).isTrue();
        assertThat(outcome.message()).contains("1 quarantined", "line 101");
    }

    @Test
    void twoBadRowsInAHundredRejectTheFileAndPublishNothing() {
        // 2 of 100 = 2 % > 1 %: the file is rejected, and with it the whole load; good.csv is valid
        // but not published. The two bad rows are still quarantined.
        LandingFile good = landing.write("ledger/a-good.csv", """
                period;cost_center;account;amount
                202402;1100;4010;10,00
                """);
        LandingFile bad = landing.write("ledger/b-bad.csv", hundredRows(2));

        IngestResult result = ingest(List.of(good, bad), IngestSettings.defaults());

        assertThat(result.anyRejected()).isTrue();
        assertThat(result.partitions()).isEmpty();
        FileOutcome rejected = result.outcomes().get(1);
        assertThat(rejected.status()).isEqualTo(Status.REJECTED);
        assertThat(rejected.message()).contains("ledger/b-bad.csv", "2 of 100 rows (2.00 %)", "1 % allowed",
                "line 100:", "line 101:", "'0,001' has 3 decimals", "Nothing of this load was published");
        FileOutcome valid = result.outcomes().get(0);
        assertThat(valid.status()).isEqualTo(Status.LOADED);
        assertThat(valid.message()).contains("not published", "ledger/b-bad.csv");
        assertThat(quarantine()).extracting(r -> r.getLong(3)).containsExactly(100L, 101L);
        assertThat(layout.factsDir()).doesNotExist();
        assertThat(layout.stagingDir(LOAD)).doesNotExist();
    }

    @Test
    void unreadableBytesQuarantineTheLineNotTheFile() {
        // 0x81 is undefined in Windows-1252: that line cannot be decoded. 1 of 2 rows, allowed 50 %.
        byte[] head = "period;cost_center;account;amount\n202403;Kst Å;4010;1,00\n".getBytes(Landing.WINDOWS_1252);
        byte[] badLine = {'2', '0', '2', '4', '0', '3', ';', 'X', (byte) 0x81, ';', '4', '0', ';', '2', '\n'};
        byte[] content = new byte[head.length + badLine.length];
        System.arraycopy(head, 0, content, 0, head.length);
        System.arraycopy(badLine, 0, content, head.length, badLine.length);
        LandingFile file = landing.write("ledger/a.csv", content);

        IngestResult result = ingest(file, new IngestSettings(new BigDecimal("0.5")));

        assertThat(only(result).rowsQuarantined()).isEqualTo(1);
        assertThat(only(result).rowsUnparsedAmount()).isEqualTo(1);
        assertThat(quarantine()).singleElement().satisfies(r -> {
            assertThat(r.getLong(3)).isEqualTo(3L);
            assertThat(r.getString(4)).contains("not readable text", "Windows-1252");
            assertThat(r.getString(5)).startsWith("202403;X");
        });
        assertThat(facts(result)).containsExactly("202403|ACTUAL|Kst Å|4010|null|null|1.00|ledger/a.csv|" + LOAD + "|null");
    }

    @Test
    void fileNamesWithSpacesSwedishLettersAndGlobCharactersAreReadAsThemselves() {
        // "[rättad]" would be a glob character class to Hadoop; a sibling it could match is there too.
        landing.write("ledger/huvudbok r.csv", "period;cost_center;account;amount\n202403;9;9;9\n");
        LandingFile file = landing.write("ledger/huvudbok [rättad] {v2}.csv",
                "period;cost_center;account;amount\n202403;1100;4010;1,00\n");

        IngestResult result = ingest(file);

        assertThat(facts(result)).containsExactly(
                "202403|ACTUAL|1100|4010|null|null|1.00|ledger/huvudbok [rättad] {v2}.csv|" + LOAD + "|null");
    }

    @Test
    void noQuarantineFolderWhenEveryRowIsValid() {
        LandingFile file = landing.write("ledger/a.csv", "period;cost_center;account;amount\n202403;1;2;3\n");

        ingest(file);

        assertThat(layout.quarantineDir(LOAD)).doesNotExist();
    }

    // --- partition replacement -----------------------------------------------------------------

    @Test
    void laterFileOfTheLoadReplacesASharedPartitionAndKeepsItsOthers() {
        LandingFile first = landing.write("ledger/huvudbok-1.csv", """
                period;cost_center;account;scenario;amount
                202402;1100;4010;ACTUAL;100,00
                202403;1100;4010;ACTUAL;200,00
                202403;1200;4010;ACTUAL;1,00
                """);
        LandingFile second = landing.write("ledger/huvudbok-2.csv", """
                period;cost_center;account;scenario;amount
                202403;1100;4010;ACTUAL;300,00
                202403;1100;4010;BUDGET;50,00
                """);
        // ACTUAL:202403 is in both: the second file wins it whole, so cost centre 1200 (only in the
        // first file) disappears from it too. First file: loaded 100.00 (202402), superseded
        // 200.00 + 1.00 = 201.00. Second file: loaded 300.00 + 50.00 = 350.00.

        IngestResult result = ingest(List.of(first, second), IngestSettings.defaults());

        assertThat(facts(result)).containsExactly(
                "202402|ACTUAL|1100|4010|null|null|100.00|ledger/huvudbok-1.csv|" + LOAD + "|null",
                "202403|ACTUAL|1100|4010|null|null|300.00|ledger/huvudbok-2.csv|" + LOAD + "|null",
                "202403|BUDGET|1100|4010|null|null|50.00|ledger/huvudbok-2.csv|" + LOAD + "|null");
        FileOutcome one = result.outcomes().get(0);
        assertThat(one.partitions()).containsExactly("ACTUAL:202402", "ACTUAL:202403");
        assertThat(one.rowsLoaded()).isEqualTo(1);
        assertThat(one.amountLoaded()).isEqualByComparingTo("100.00");
        assertThat(one.amountSuperseded()).isEqualByComparingTo("201.00");
        assertThat(one.reconciled()).isTrue();
        assertThat(one.message()).contains("ACTUAL:202403", "replaced by ledger/huvudbok-2.csv");
        FileOutcome two = result.outcomes().get(1);
        assertThat(two.amountLoaded()).isEqualByComparingTo("350.00");
        assertThat(two.amountSuperseded()).isEqualByComparingTo("0");
        assertThat(result.partitions())
                .extracting(p -> p.scenario() + ":" + p.period() + "<-" + p.sourceFile())
                .containsExactlyInAnyOrder("ACTUAL:202402<-ledger/huvudbok-1.csv",
                        "ACTUAL:202403<-ledger/huvudbok-2.csv", "BUDGET:202403<-ledger/huvudbok-2.csv");
    }

    @Test
    void sieFileGoesThroughTheSamePartitionReplacement() {
        LandingFile csv = landing.write("ledger/a.csv", """
                period;cost_center;account;amount
                202403;1100;4010;200,00
                """);
        LandingFile sie = landing.write("ledger/b.SE", "#FLAGGA 0\n".getBytes(Landing.WINDOWS_1252));
        SieReadResult read = new SieReadResult("CP437", List.of(
                new LedgerEntry(202403, "ACTUAL", "1100", "4010", null, null, new BigDecimal("-1234.50"), 5),
                new LedgerEntry(202403, "BUDGET", "1100", "4010", null, null, new BigDecimal("10"), 6)),
                List.of(), 6, List.of("#FORMAT PC8 but the bytes are Windows-1252"));

        IngestResult result = new LedgerIngest(spark, IngestSettings.defaults(), (name, content) -> read)
                .ingest(List.of(csv, sie), layout, LOAD);

        assertThat(facts(result)).containsExactly(
                "202403|ACTUAL|1100|4010|null|null|-1234.50|ledger/b.SE|" + LOAD + "|null",
                "202403|BUDGET|1100|4010|null|null|10.00|ledger/b.SE|" + LOAD + "|null");
        FileOutcome sieOutcome = result.outcomes().get(1);
        assertThat(sieOutcome.encoding()).isEqualTo("CP437");
        assertThat(sieOutcome.delimiter()).isNull();
        assertThat(sieOutcome.message()).contains("#FORMAT PC8");
        assertThat(result.outcomes().get(0).amountSuperseded()).isEqualByComparingTo("200.00");
    }

    @Test
    void sie4FileLoadsThroughTheSieReader() {
        LandingFile sie = landing.write("ledger/huvudbok-2024-03.si", String.join("\n",
                "#FLAGGA 0",
                "#SIETYP 4",
                "#DIM 1 \"Kostnadsställe\"",
                "#PSALDO 0 202403 5010 {1 \"1100\"} -1234.50",
                "#PBUDGET 0 202403 5010 {1 \"1100\"} 1000.00",
                "") .getBytes(Landing.WINDOWS_1252));

        IngestResult result = ingest(sie);

        assertThat(only(result).status()).isEqualTo(Status.LOADED);
        assertThat(facts(result)).containsExactly(
                "202403|ACTUAL|1100|5010|null|null|-1234.50|ledger/huvudbok-2024-03.si|" + LOAD + "|null",
                "202403|BUDGET|1100|5010|null|null|1000.00|ledger/huvudbok-2024-03.si|" + LOAD + "|null");
        assertThat(only(result).amountTotal()).isEqualByComparingTo("-234.50");
        assertThat(only(result).reconciled()).isTrue();
    }

    @Test
    void aLaterForecastOfTheSameMonthReplacesThatVersionOnly() {
        // Two forecasts made in February in one load: the later file wins FORECAST@202402 of December whole;
        // the first file's actual January stays, and so does April's forecast of December.
        LandingFile first = landing.write("ledger/prognos-2024-02.se", sie(
                "#PSALDO 0 202401 5010 {1 \"1100\"} 10.00", "#PBUDGET 0 202412 5010 {1 \"1100\"} 1000.00",
                "#PBUDGET 0 202412 5010 {1 \"1200\"} 5.00"));
        LandingFile again = landing.write("ledger/Prognos_202402.si", sie("#PBUDGET 0 202412 5010 {1 \"1100\"} 1100.00"));
        LandingFile april = landing.write("ledger/prognos-2024-04.se", sie("#PBUDGET 0 202412 5010 {1 \"1100\"} 1200.00"));

        IngestResult result = ingest(List.of(first, again, april), IngestSettings.defaults());

        assertThat(facts(result)).containsExactly(
                "202401|ACTUAL|1100|5010|null|null|10.00|ledger/prognos-2024-02.se|" + LOAD + "|null",
                "202412|FORECAST|1100|5010|null|null|1100.00|ledger/Prognos_202402.si|" + LOAD + "|202402",
                "202412|FORECAST|1100|5010|null|null|1200.00|ledger/prognos-2024-04.se|" + LOAD + "|202404");
        FileOutcome one = result.outcomes().get(0);
        // 10.00 + 1000.00 + 5.00 = 1015.00 = loaded 10.00 + superseded 1005.00
        assertThat(one.amountLoaded()).isEqualByComparingTo("10.00");
        assertThat(one.amountSuperseded()).isEqualByComparingTo("1005.00");
        assertThat(one.message()).contains("FORECAST@202402:202412", "replaced by ledger/Prognos_202402.si");
        assertThat(result.outcomes()).allSatisfy(o -> assertThat(o.reconciled()).isTrue());
    }

    @Test
    void sieForecastFilesKeepTheMonthTheirNameSaysTheyWereMade() {
        // SIE has no forecast record: a forecast file's #PBUDGET rows are the forecast, made in the month its
        // name says. February's and April's forecast of December stay side by side; the budget stays BUDGET.
        LandingFile budget = landing.write("ledger/budget-2024.se", sie("#PBUDGET 0 202412 5010 {1 \"1100\"} 900.00"));
        LandingFile february = landing.write("ledger/prognos-2024-02.se", sie(
                "#PSALDO 0 202401 5010 {1 \"1100\"} 10.00", "#PBUDGET 0 202412 5010 {1 \"1100\"} 1000.00"));
        LandingFile april = landing.write("ledger/Prognos_202404.si", sie("#PBUDGET 0 202412 5010 {1 \"1100\"} 1200.00"));

        IngestResult result = ingest(List.of(budget, february, april), IngestSettings.defaults());

        assertThat(facts(result)).containsExactly(
                "202401|ACTUAL|1100|5010|null|null|10.00|ledger/prognos-2024-02.se|" + LOAD + "|null",
                "202412|BUDGET|1100|5010|null|null|900.00|ledger/budget-2024.se|" + LOAD + "|null",
                "202412|FORECAST|1100|5010|null|null|1000.00|ledger/prognos-2024-02.se|" + LOAD + "|202402",
                "202412|FORECAST|1100|5010|null|null|1200.00|ledger/Prognos_202404.si|" + LOAD + "|202404");
        assertThat(result.outcomes().get(1).partitions()).containsExactly("ACTUAL:202401", "FORECAST@202402:202412");
        assertThat(result.outcomes()).allSatisfy(o -> assertThat(o.reconciled()).isTrue());
    }

    @Test
    void aSieForecastWithoutAMonthReplacesAsBeforeAndOneWithAMonthThatIsNoneIsRejected() {
        LandingFile unversioned = landing.write("ledger/prognos.se", sie("#PBUDGET 0 202412 5010 {1 \"1100\"} 800.00"));

        IngestResult result = ingest(unversioned);

        assertThat(facts(result)).containsExactly(
                "202412|FORECAST|1100|5010|null|null|800.00|ledger/prognos.se|" + LOAD + "|null");
        assertThat(only(result).message()).contains("prognos.se is a forecast without the month it was made",
                "prognos-YYYY-MM.se");

        LandingFile badMonth = landing.write("ledger/prognos-2024-13.se", sie("#PBUDGET 0 202412 5010 {1 \"1100\"} 1.00"));
        FileOutcome rejected = only(ingest(badMonth));
        assertThat(rejected.status()).isEqualTo(Status.REJECTED);
        assertThat(rejected.message()).contains("prognos-2024-13.se", "is not a month", "prognos-YYYY-MM.se");
    }

    /** An SIE 4 file of the given records, cost centres as dimension 1. */
    private static byte[] sie(String... records) {
        return ("#FLAGGA 0\n#SIETYP 4\n#DIM 1 \"Kostnadsställe\"\n" + String.join("\n", records) + "\n")
                .getBytes(Landing.WINDOWS_1252);
    }

    // --- the Parquet files ---------------------------------------------------------------------

    @Test
    void writtenParquetHasTheLedgerSchemaAndExactAmounts() throws IOException {
        LandingFile file = landing.write("ledger/a.csv", """
                period;cost_center;account;amount
                202403;1100;4010;-1234,50
                """);

        IngestResult result = ingest(file);

        FactPartition partition = result.partitions().get(0);
        assertThat(partition.files()).containsExactly("facts/ledger/year=2024/month=03/ACTUAL-" + LOAD + "-00000.parquet");
        Dataset<Row> written = spark.read().parquet(layout.resolve(partition.files().get(0)).toString());
        assertThat(written.columns()).containsExactlyElementsOf(FactSchema.LEDGER.columnNames());
        assertThat(written.schema().apply("amount").dataType()).isEqualTo(DataTypes.createDecimalType(18, 2));
        assertThat(written.schema().apply("period").dataType()).isEqualTo(DataTypes.IntegerType);
        assertThat(written.collectAsList()).singleElement()
                .satisfies(r -> assertThat(r.getDecimal(r.fieldIndex("amount"))).isEqualTo(new BigDecimal("-1234.50")));
        assertThat(layout.stagingDir(LOAD)).doesNotExist();
        try (Stream<Path> left = Files.list(layout.factPartitionDir("ledger", 202403))) {
            // No _SUCCESS, no .crc beside the data file.
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("ACTUAL-" + LOAD + "-00000.parquet");
        }
    }

    @Test
    void quarantineParquetHasTheQuarantineSchema() {
        LandingFile file = landing.write("ledger/a.csv", "period;cost_center;account;amount\n202403;1;2;x\n202403;1;2;3\n");

        ingest(file, new IngestSettings(new BigDecimal("0.5")));

        Dataset<Row> written = spark.read().parquet(layout.quarantineDir(LOAD).toString());
        assertThat(written.columns()).containsExactlyElementsOf(FactSchema.QUARANTINE.columnNames());
        assertThat(written.schema().apply("line_number").dataType()).isEqualTo(DataTypes.LongType);
    }

    // --- helpers -------------------------------------------------------------------------------

    /**
     * A header and 100 data rows (lines 2..101): rows 1..(100 - bad) have amount n,00 on account
     * 4000 + n; the last {@code bad} rows have amount 0,001 (three decimals: quarantined).
     */
    private static String hundredRows(int bad) {
        StringBuilder text = new StringBuilder("period;cost_center;account;amount\n");
        for (int n = 1; n <= 100; n++) {
            text.append("202403;1100;").append(4000 + n).append(';').append(n <= 100 - bad ? n + ",00" : "0,001")
                    .append('\n');
        }
        return text.toString();
    }

    private IngestResult ingest(LandingFile file) {
        return ingest(file, IngestSettings.defaults());
    }

    private IngestResult ingest(LandingFile file, IngestSettings settings) {
        return ingest(List.of(file), settings);
    }

    private IngestResult ingest(List<LandingFile> files, IngestSettings settings) {
        IngestResult result = new LedgerIngest(spark, settings).ingest(files, layout, LOAD);
        assertThat(result.outcomes()).hasSameSizeAs(files);
        return result;
    }

    private static FileOutcome only(IngestResult result) {
        assertThat(result.outcomes()).hasSize(1);
        return result.outcomes().get(0);
    }

    /** Every fact row of the result as {@code period|scenario|…|load_id}, sorted. */
    private List<String> facts(IngestResult result) {
        String[] files = result.partitions().stream().flatMap(p -> p.files().stream())
                .map(f -> layout.resolve(f).toString()).toArray(String[]::new);
        if (files.length == 0) {
            return List.of();
        }
        List<String> facts = new ArrayList<>();
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

    /** Fact amounts in account order (the fixtures give every row its own account). */
    private List<String> amounts(IngestResult result) {
        return facts(result).stream().map(f -> f.split("\\|")[6]).toList();
    }

    /** The load's quarantine rows, in file and line order. */
    private List<Row> quarantine() {
        return spark.read().parquet(layout.quarantineDir(LOAD).toString())
                .orderBy("source_file", "line_number").collectAsList();
    }
}

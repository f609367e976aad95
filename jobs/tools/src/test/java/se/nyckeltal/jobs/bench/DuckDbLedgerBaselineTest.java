package se.nyckeltal.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.etl.extract.IngestSettings;
import se.nyckeltal.warehouse.catalogue.SqlLiteral;

/**
 * The DuckDB baseline on hand-written deliveries ({@link BaselineFixtures}): what it loads,
 * quarantines and refuses. Most files here have more bad lines than the default 1 % allows, so the
 * tests that want facts allow all.
 */
class DuckDbLedgerBaselineTest {
    private static final IngestSettings ALLOW_ALL = new IngestSettings(BigDecimal.ONE);

    @TempDir
    Path tmp;

    private BaselineResult run(IngestSettings settings, List<Path> files) {
        return new DuckDbLedgerBaseline(2, 512L << 20, settings).run(files, tmp.resolve("out"), "test-load");
    }

    @Test
    void decimalCommaDotThousandsAndTheUnicodeMinusSumToTheFactGrain() throws Exception {
        BaselineResult result = run(ALLOW_ALL, List.of(BaselineFixtures.january(tmp.resolve("landing"))));

        assertThat(result.published()).isTrue();
        assertThat(facts()).containsExactlyInAnyOrder(
                tuple(202501, "ACTUAL", "1010", "4010", "SOMATIK", null, new BigDecimal("2234.75")),
                tuple(202501, "ACTUAL", "1010", "4110", null, null, new BigDecimal("-250.75")),
                tuple(202501, "ACTUAL", "1020", "3010", null, "R1", new BigDecimal("-12000.00")),
                tuple(202501, "ACTUAL", "1020", "5010", null, null, new BigDecimal("1000.00")));
        BaselineResult.FileResult file = result.files().get(0);
        // 10 lines: the header, blanks at 5 and 9, quarantined 7 (no amount) and 8 (100,00).
        assertThat(file.rowsRead()).isEqualTo(7);
        assertThat(file.blankLines()).isEqualTo(2);
        assertThat(file.rowsQuarantined()).isEqualTo(2);
        assertThat(file.rowsUnparsedAmount()).isEqualTo(1);
        // 2 234,75 − 250,75 − 12 000,00 + 1 000,00 = −9 016,00 loaded; + 100,00 quarantined
        assertThat(file.amountLoaded()).isEqualByComparingTo("-9016.00");
        assertThat(file.amountQuarantined()).isEqualByComparingTo("100.00");
        assertThat(file.amountTotal()).isEqualByComparingTo("-8916.00");
        assertThat(file.reconciled()).isTrue();
        assertThat(result.factRows()).isEqualTo(4);
    }

    @Test
    void aBadAmountAndABadPeriodAreQuarantinedWithTheirLineNumberAndReason() throws Exception {
        run(ALLOW_ALL, List.of(BaselineFixtures.january(tmp.resolve("landing"))));

        assertThat(quarantine()).containsExactly(
                tuple("ledger/huvudbok-2025-01.csv", 7L, "amount '12 34,5' is not a number: thousands separators must"
                        + " split the digits in groups of three (write e.g. -1234,50 or 1 234,50 or -1234.50)",
                        "202501;1020;4010;SOMATIK;;ACTUAL;12 34,5"),
                tuple("ledger/huvudbok-2025-01.csv", 8L, "period '2025-13' is not a period: write YYYYMM, YYYY-MM or"
                        + " YYYY-MM-DD (e.g. 202403)", "2025-13;1020;4010;SOMATIK;;ACTUAL;100,00"));
    }

    @Test
    void windows1252IsReadWithItsOwnCharactersAndSwedishHeadersAndAliasesAreMatched() throws Exception {
        Path landing = tmp.resolve("landing");
        BaselineResult result = run(IngestSettings.defaults(),
                List.of(BaselineFixtures.budget(landing), BaselineFixtures.februaryWindows1252(landing)));

        assertThat(result.published()).isTrue();
        assertThat(facts()).containsExactlyInAnyOrder(
                tuple(202501, "BUDGET", "1010", "4010", "Sjukvård", null, new BigDecimal("2000.00")),
                tuple(202502, "BUDGET", "1010", "4010", "Sjukvård", null, new BigDecimal("2100.00")),
                tuple(202502, "ACTUAL", "1010", "4010", "Kök – €", null, new BigDecimal("2500.00")),
                tuple(202502, "ACTUAL", "1030", "4010", "Öppenvård", null, new BigDecimal("750.00")));
        assertThat(result.files()).extracting(BaselineResult.FileResult::encoding, BaselineResult.FileResult::delimiter)
                .containsExactly(tuple("windows-1252", "semicolon"), tuple("windows-1252", "semicolon"));
    }

    @Test
    void tabAndCommaDelimitedFilesWithQuotesAndDatesLoad() throws Exception {
        Path landing = tmp.resolve("landing");
        BaselineResult result = run(IngestSettings.defaults(),
                List.of(BaselineFixtures.forecastTabs(landing), BaselineFixtures.marchRestated(landing)));

        assertThat(result.published()).isTrue();
        assertThat(facts()).containsExactlyInAnyOrder(
                tuple(202503, "FORECAST", "1010", "4010", null, null, new BigDecimal("-300.00")),
                tuple(202503, "FORECAST", "1010", "4110", null, null, new BigDecimal("1200.50")),
                tuple(202503, "ACTUAL", "1010", "4010", null, null, new BigDecimal("550.00")));
        assertThat(result.files()).extracting(BaselineResult.FileResult::delimiter).containsExactly("tab", "comma");
    }

    @Test
    void aRestatedPeriodInALaterFileReplacesTheEarlierDeliveryWhole() throws Exception {
        Path landing = tmp.resolve("landing");
        BaselineResult result = run(IngestSettings.defaults(),
                List.of(BaselineFixtures.march(landing), BaselineFixtures.marchRestated(landing)));

        // ACTUAL 202503: 500 + 300 first, then 550 alone; the first file's 800 is superseded.
        assertThat(facts()).containsExactly(tuple(202503, "ACTUAL", "1010", "4010", null, null, new BigDecimal("550.00")));
        assertThat(result.files()).extracting(BaselineResult.FileResult::amountLoaded,
                        BaselineResult.FileResult::amountSuperseded)
                .containsExactly(tuple(new BigDecimal("0"), new BigDecimal("800.00")),
                        tuple(new BigDecimal("550.00"), new BigDecimal("0")));
        assertThat(result.files()).allMatch(BaselineResult.FileResult::reconciled);
    }

    @Test
    void aFileOverTheRejectThresholdPublishesNothingButTheQuarantine() throws Exception {
        Path landing = tmp.resolve("landing");
        BaselineResult result = run(IngestSettings.defaults(),
                List.of(BaselineFixtures.january(landing), BaselineFixtures.march(landing)));

        // 2 of 7 data rows is more than 1 %.
        assertThat(result.published()).isFalse();
        assertThat(result.files()).extracting(BaselineResult.FileResult::rejected).containsExactly(true, false);
        assertThat(Files.exists(tmp.resolve("out/facts"))).isFalse();
        assertThat(quarantine()).hasSize(2);
    }

    @Test
    void aFileWithoutAHeaderIsRefusedWholeAndNothingIsPublished() throws Exception {
        Path landing = tmp.resolve("landing");
        Path empty = BaselineFixtures.write(landing.resolve("leer.csv"), BaselineFixtures.WINDOWS_1252, "\n", ";;", "");
        BaselineResult result = run(IngestSettings.defaults(), List.of(BaselineFixtures.march(landing), empty));

        assertThat(result.published()).isFalse();
        assertThat(result.files().get(1).rejected()).isTrue();
        assertThat(result.files().get(1).problem()).startsWith("the file is empty; it needs a header row");
        assertThat(Files.exists(tmp.resolve("out/facts"))).isFalse();
    }

    @Test
    void aLineThatIsNotUtf8InAUtf8FileIsQuarantinedAndTheLinesAfterItKeepTheirNumbers() throws Exception {
        BaselineResult result = run(ALLOW_ALL, List.of(BaselineFixtures.notUtf8Line(tmp.resolve("landing"))));

        assertThat(quarantine()).extracting(row -> row.toList().get(1), row -> row.toList().get(2))
                .containsExactly(tuple(3L, "the line is not readable text: the file starts as UTF-8 but this line has"
                        + " bytes that are not valid UTF-8; export the whole file in one encoding (UTF-8 or Windows-1252)"));
        assertThat(facts()).extracting(row -> row.toList().get(3), row -> row.toList().get(6))
                .containsExactlyInAnyOrder(tuple("4010", new BigDecimal("10.00")), tuple("4020", new BigDecimal("30.00")));
        assertThat(result.files().get(0).rowsRead()).isEqualTo(3);
    }

    @Test
    void carriageReturnsAloneEndLinesAsForTheSparkPath() throws Exception {
        run(IngestSettings.defaults(), List.of(BaselineFixtures.carriageReturns(tmp.resolve("landing"))));

        assertThat(facts()).extracting(row -> row.toList().get(3), row -> row.toList().get(6))
                .containsExactlyInAnyOrder(tuple("4010", new BigDecimal("5.00")), tuple("4020", new BigDecimal("6.00")));
    }

    @Test
    void factsLandByYearAndMonthWithTheFactColumnsOnly() throws Exception {
        run(ALLOW_ALL, List.of(BaselineFixtures.january(tmp.resolve("landing"))));

        try (Stream<Path> files = Files.walk(tmp.resolve("out/facts/ledger"))) {
            assertThat(files.filter(Files::isRegularFile).map(p -> tmp.resolve("out").relativize(p).getParent().toString()))
                    .containsExactly("facts/ledger/year=2025/month=01");
        }
        assertThat(query("SELECT name, type, converted_type, precision, scale FROM parquet_schema("
                + glob("out/facts/ledger") + ") WHERE name <> 'duckdb_schema' ORDER BY name"))
                .contains(tuple("amount", "INT64", "DECIMAL", 18L, 2L), tuple("period", "INT32", "INT_32", null, null));
        assertThat(query("SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet(" + glob("out/facts/ledger")
                + ", hive_partitioning = false))")).extracting(row -> row.toList().get(0))
                .containsExactly("period", "scenario", "cost_center", "account", "activity", "counterpart", "amount",
                        "source_file", "load_id", "forecast_made");
    }

    private List<Tuple> facts() throws SQLException {
        return query("SELECT period, scenario, cost_center, account, activity, counterpart, amount FROM read_parquet("
                + glob("out/facts/ledger") + ", hive_partitioning = false)");
    }

    private List<Tuple> quarantine() throws SQLException {
        return query("SELECT source_file, line_number, reason, raw_line FROM read_parquet("
                + glob("out/meta/quarantine") + ") ORDER BY source_file, line_number");
    }

    private String glob(String dir) {
        return SqlLiteral.of(tmp.resolve(dir) + "/**/*.parquet");
    }

    private static List<Tuple> query(String sql) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<Tuple> result = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                Object[] values = new Object[columns];
                for (int i = 0; i < columns; i++) {
                    values[i] = rows.getObject(i + 1);
                }
                result.add(tuple(values));
            }
            return result;
        }
    }
}

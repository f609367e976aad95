package se.nyckeltal.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.nyckeltal.etl.extract.MeasureField;
import se.nyckeltal.schemas.contract.Scenario;
import se.nyckeltal.schemas.text.CsvLineSplitter;
import se.nyckeltal.schemas.text.ExtractFormatException;
import se.nyckeltal.schemas.text.PeriodText;

/**
 * The SQL macros of the DuckDB baseline (ledger-rules.sql) against the Java code the Spark path runs,
 * value by value and reason by reason, on the awkward cases: what each side makes of a field must be
 * the same, or the benchmark compares different work.
 */
class LedgerSqlRulesTest {
    private static Connection db;

    @BeforeAll
    static void installRules() throws SQLException {
        db = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = db.createStatement()) {
            statement.execute(DuckDbLedgerBaseline.resource("ledger-rules.sql"));
        }
    }

    @AfterAll
    static void close() throws SQLException {
        db.close();
    }

    @Test
    void amountsReadAsDecimalTextReadsThemWithTheSameReasons() throws SQLException {
        List<String> amounts = List.of("1234,50", "-1234,50", "\u22121 234,50", "+5", "1 234 567,89", "1\u00A0234,5",
                "1\u202F234,5", "1\u2009234,5", "1.234,56", "1.234.567,89", "1234.5", "0,05", "-0", "007,5", " 1 234 ",
                "- 5", "\u2212\u00A012", "1,234.5", "1.234", "1.234.567", "12 34,5", "1 234.567,8", "1.234 567,8",
                "abc", "12a", "1 2a", "1234 5", "-", "+", "", "  ", "\u00A0", "1,", ",5", "1,5,6", ".5", "5.",
                "12345678901234567,00", "1234567890123456,99", "0000000000000000001,5", "1,505", "1,50x",
                "12.345.67,8", "1 234 56,7", "1234 567,8", "1  234", "\u0663", "1e5", "1_000", "1 234\u00A0567,00",
                "1\t234", "--5", "+-5", "1 .234,5", " 1.234,5\u00A0", "9999999999999999,99", "10000000000000000");
        for (String amount : amounts) {
            List<String> problems = new ArrayList<>();
            BigDecimal expected = MeasureField.parse(amount, "amount", "amount is empty; every row needs an amount (belopp)",
                    LedgerSqlRulesTest::ledgerAmountProblem, problems);
            String[] sql = sqlAmount(amount);
            assertThat(sql[1]).as("reason for '%s'", amount).isEqualTo(problems.isEmpty() ? null : problems.get(0));
            if (expected == null) {
                assertThat(sql[0]).as("value of '%s'", amount).isNull();
            } else {
                assertThat(new BigDecimal(sql[0])).as("value of '%s'", amount).isEqualByComparingTo(expected);
            }
        }
    }

    @Test
    void periodsReadAsPeriodTextReadsThemWithTheSameReasons() throws SQLException {
        List<String> periods = List.of("202403", "2024-03", "2024-03-31", " 202403 ", "2024-02-29", "2023-02-29",
                "2024-02-30", "202413", "202400", "189912", "190001", "219912", "220001", "2200-01", "0999-05",
                "1899-12-31", "2024-3", "20240", "2024/03", "24-03", "", "  ", "abcdef", "2024-03-31T00", "2024-13-01",
                "\uFF12\uFF10\uFF12\uFF14\uFF10\uFF13", "2024-03-3x");
        for (String period : periods) {
            String expectedProblem = null;
            Integer expected = null;
            if (period.isBlank()) {
                expectedProblem = "period is empty; write YYYYMM, YYYY-MM or YYYY-MM-DD (e.g. 202403)";
            } else {
                try {
                    expected = PeriodText.yyyymm(PeriodText.parsePeriod(period));
                } catch (ExtractFormatException e) {
                    expectedProblem = "period " + e.getMessage();
                }
            }
            try (PreparedStatement query = db.prepareStatement("SELECT ledger_period(s, m), ledger_period_problem(s, m,"
                    + " ledger_period(s, m)) FROM (SELECT s, period_month(s) AS m FROM (SELECT java_strip(CAST(? AS VARCHAR)) AS s))")) {
                query.setString(1, period);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    assertThat((Integer) row.getObject(1)).as("period '%s'", period).isEqualTo(expected);
                    assertThat(row.getString(2)).as("reason for '%s'", period).isEqualTo(expectedProblem);
                }
            }
        }
    }

    @Test
    void scenariosReadAsScenarioReadsThem() throws SQLException {
        for (String scenario : List.of("", " ", "actual", "Utfall", "BUDGET", "prognos", "Forecast", " budget ", "plan")) {
            String expected;
            String expectedProblem = null;
            try {
                expected = Scenario.parse(scenario).name();
            } catch (IllegalArgumentException e) {
                expected = null;
                expectedProblem = "scenario: " + e.getMessage();
            }
            try (PreparedStatement query = db.prepareStatement("SELECT ledger_scenario(s), ledger_scenario_problem(s,"
                    + " ledger_scenario(s)) FROM (SELECT java_strip(CAST(? AS VARCHAR)) AS s)")) {
                query.setString(1, scenario);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    assertThat(row.getString(1)).as("scenario '%s'", scenario).isEqualTo(expected);
                    assertThat(row.getString(2)).as("reason for '%s'", scenario).isEqualTo(expectedProblem);
                }
            }
        }
    }

    @Test
    void linesSplitAsCsvLineSplitterSplitsThemWithTheSameReasons() throws SQLException {
        List<String> lines = List.of("a;b;c", " a ; b\u00A0;\u202Fc\t", "a;;", ";;", "", "a", "\"a;b\";c", " \"a\" ;b",
                "\"a\"\"b\";\"\"", "ab\"c;d", "ab\"c;d\"e;f", "\"a\"x;b", "a;\"b", "a;\"b\"\"c", "\"\";x", "\"\"\"\"",
                "a;\" b \";c", "\u2003a\u2003;b", "a;b\u2003", "\"a;b", "x;\"a\" \"b\";y", "1;\"2,5\";3;",
                "a\t;b", ";\"\";");
        for (char delimiter : new char[] {';', ',', '\t'}) {
            for (String semicolonLine : lines) {
                String line = delimiter == ';' ? semicolonLine : semicolonLine.replace(';', delimiter);
                List<String> expected = null;
                String expectedProblem = null;
                try {
                    expected = CsvLineSplitter.split(line, delimiter).stream().map(String::strip).toList();
                } catch (ExtractFormatException e) {
                    expectedProblem = e.getMessage();
                }
                String d = delimiter == '\t' ? "chr(9)" : "'" + delimiter + "'";
                try (PreparedStatement query = db.prepareStatement("SELECT CASE WHEN f IS NULL THEN csv_quoting_problem(line, "
                        + d + ") END, [csv_field(x, quoted, edge) FOR x IN f] FROM (SELECT line, quoted,"
                        + " csv_has_edge_blanks(line, " + d + ") AS edge, csv_split(line, " + d + ", quoted) AS f"
                        + " FROM (SELECT CAST(? AS VARCHAR) AS line, contains(CAST(? AS VARCHAR), '\"') AS quoted))")) {
                    query.setString(1, line);
                    query.setString(2, line);
                    try (ResultSet row = query.executeQuery()) {
                        row.next();
                        String description = "line '" + line.replace("\t", "\\t") + "'";
                        assertThat(row.getString(1)).as("reason for %s", description).isEqualTo(expectedProblem);
                        Array fields = row.getArray(2);
                        List<String> actual = fields == null ? null
                                : Arrays.stream((Object[]) fields.getArray()).map(String.class::cast).toList();
                        assertThat(actual).as("fields of %s", description).isEqualTo(expected);
                    }
                }
            }
        }
    }

    /** The amount and its problem as the validation query works them out from field text. */
    private static String[] sqlAmount(String amount) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT plain, ledger_amount_problem(a, t, b, plain),"
                + " regexp_full_match(plain, '-?0*[0-9]{1,16}(?:\\.[0-9]{1,2})?')"
                + " FROM (SELECT a, t, b, amount_plain(t, b) AS plain FROM (SELECT a, t, amount_body(t) AS b"
                + " FROM (SELECT a, amount_trim(a) AS t FROM (SELECT CAST(? AS VARCHAR) AS a))))")) {
            query.setString(1, amount);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                String problem = row.getString(2);
                // The validation query's shortcut for a good amount must agree with the full check.
                assertThat(row.getBoolean(3) && !row.wasNull()).as("shortcut for '%s'", amount).isEqualTo(problem == null);
                return new String[] {row.getString(1), problem};
            }
        }
    }

    /** etl's CsvLedgerParser.amountProblem (package-private there): öre only, DECIMAL(18,2). */
    private static String ledgerAmountProblem(BigDecimal value, String shown) {
        if (value.scale() > 2) {
            return "amount '" + shown + "' has " + value.scale() + " decimals; the ledger carries öre (2 decimals):"
                    + " round to öre in the export";
        }
        if (value.setScale(2, RoundingMode.UNNECESSARY).precision() > 18) {
            return "amount '" + shown + "' is too large: the ledger holds at most 16 digits before the decimal mark;"
                    + " check the column";
        }
        return null;
    }
}

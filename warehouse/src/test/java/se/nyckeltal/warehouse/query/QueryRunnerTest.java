package se.nyckeltal.warehouse.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.schemas.reference.ReferenceData;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.warehouse.TestWarehouse;
import se.nyckeltal.warehouse.catalogue.CataloguePublisher;

class QueryRunnerTest {
    @TempDir
    static Path dir;

    private static WarehouseLayout layout;

    /** One value of every kind the formats treat differently. */
    private static final String VALUES = "SELECT 'a,b' AS text, 'say \"hi\"' AS quoted, NULL AS nothing,"
            + " CAST(100 AS DECIMAL(38,6)) AS whole, CAST(-12.5 AS DECIMAL(38,6)) AS fraction,"
            + " CAST(0.0001 AS DECIMAL(38,6)) AS small, 1e20::DOUBLE AS big, 42 AS count, true AS flag,"
            + " DATE '2026-02-01' AS day, TIMESTAMP '2026-02-01 10:00:00' AS stamp, 'Område' AS name";

    @BeforeAll
    static void publish() {
        layout = new WarehouseLayout(dir.resolve("w"));
        new CataloguePublisher(layout).publish(TestWarehouse.snapshot("S1", "L1", List.of()), ReferenceData.defaults(),
                List.of());
    }

    private static String run(String sql, OutputFormat format) throws Exception {
        StringBuilder out = new StringBuilder();
        QueryRunner.run(layout, sql, format, out);
        return out.toString();
    }

    @Test
    void csvHasAHeaderCommasPlainDecimalsAndEmptyNulls() throws Exception {
        assertThat(run(VALUES, OutputFormat.CSV)).isEqualTo(
                "text,quoted,nothing,whole,fraction,small,big,count,flag,day,stamp,name\n"
                        // 100.000000 → 100, −12.500000 → −12.5, 1e20 without exponent; RFC 4180 quoting only
                        // where a comma or quote needs it
                        + "\"a,b\",\"say \"\"hi\"\"\",,100,-12.5,0.0001,100000000000000000000,42,true,2026-02-01,"
                        + "2026-02-01T10:00:00,Område\n");
    }

    @Test
    void csvQuotesLineBreaksAndPrintsOnlyTheHeaderForNoRows() throws Exception {
        assertThat(run("SELECT 'two' || chr(10) || 'lines' AS note", OutputFormat.CSV))
                .isEqualTo("note\n\"two\nlines\"\n");
        assertThat(run("SELECT kpi_id, value FROM kpi.kpi_values", OutputFormat.CSV)).isEqualTo("kpi_id,value\n");
    }

    @Test
    void jsonIsAnArrayOfObjectsWithNumbersNullsAndIsoDates() throws Exception {
        assertThat(run(VALUES, OutputFormat.JSON)).isEqualTo("[\n"
                + "{\"text\":\"a,b\",\"quoted\":\"say \\\"hi\\\"\",\"nothing\":null,\"whole\":100,\"fraction\":-12.5,"
                + "\"small\":0.0001,\"big\":100000000000000000000,\"count\":42,\"flag\":true,\"day\":\"2026-02-01\","
                + "\"stamp\":\"2026-02-01T10:00:00\",\"name\":\"Område\"}\n"
                + "]\n");
        assertThat(run("SELECT * FROM kpi.kpi_values", OutputFormat.JSON)).isEqualTo("[]\n");
    }

    @Test
    void tableAlignsColumnsAndCountsRows() throws Exception {
        assertThat(run("SELECT * FROM (VALUES ('revenue', 6500.5), ('cost', NULL)) AS t(kpi_id, value)",
                OutputFormat.TABLE)).isEqualTo(""
                + " kpi_id  | value\n"
                + "---------+--------\n"
                + " revenue | 6500.5\n"
                + " cost    |\n"
                + "(2 rows)\n");
    }

    @Test
    void onlyOneSelectRuns() throws Exception {
        Path target = dir.resolve("copied.csv");
        assertThatThrownBy(() -> run("COPY (SELECT 1) TO '" + target + "'", OutputFormat.CSV))
                .isInstanceOf(SQLException.class).hasMessageContaining("only SELECT statements can run");
        assertThat(target).doesNotExist();
        assertThatThrownBy(() -> run("SELECT 1; SELECT 2", OutputFormat.CSV))
                .isInstanceOf(SQLException.class).hasMessageContaining("one statement at a time");
        // a trailing semicolon, WITH and DESCRIBE are fine
        assertThat(run("WITH x AS (SELECT 1 AS one) SELECT * FROM x;", OutputFormat.CSV)).isEqualTo("one\n1\n");
        assertThat(run("DESCRIBE kpi.kpi_values", OutputFormat.CSV)).startsWith("column_name,column_type");
    }

    @Test
    void queryBeforeAnythingIsPublishedFailsWithTheHint() throws Exception {
        WarehouseLayout empty = new WarehouseLayout(Files.createDirectories(dir.resolve("empty")));
        assertThatThrownBy(() -> QueryRunner.run(empty, "SELECT 1", OutputFormat.CSV, new StringBuilder()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("nyckeltal load --landing DIR");
    }

    @Test
    void formatNamesParseInAnyCase() {
        assertThat(OutputFormat.parse("csv")).isEqualTo(OutputFormat.CSV);
        assertThat(OutputFormat.parse(" Table ")).isEqualTo(OutputFormat.TABLE);
        assertThatThrownBy(() -> OutputFormat.parse("xml")).hasMessage("unknown format 'xml': use csv, json or table");
    }
}

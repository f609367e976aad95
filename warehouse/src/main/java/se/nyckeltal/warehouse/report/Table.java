package se.nyckeltal.warehouse.report;

import java.util.List;

/** A table as printed: a caption, one header row, rows of cells (css 'sum' for a Summa row), and a unit note. */
public record Table(String caption, String unitNote, List<String> header, List<Row> rows) {
    public record Row(List<Cell> cells, String css) {}
}

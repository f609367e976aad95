package se.nyckeltal.warehouse.report;

/** A table cell: a label, or a figure (then {@code text} is the figure's text). */
public record Cell(String text, Figure figure, String css) {
    static Cell label(String text) {
        return new Cell(text, null, "label");
    }

    static Cell figure(Figure figure) {
        return new Cell(figure.text(), figure, "num");
    }

    static Cell blank() {
        return new Cell("", null, "num");
    }

    public boolean hasFigure() {
        return figure != null;
    }
}

package se.nyckeltal.warehouse.report;

/** The report's output format: one self-contained HTML page, or a PDF of the same content. */
public enum ReportFormat {
    HTML("html"),
    PDF("pdf");

    private final String extension;

    ReportFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }
}

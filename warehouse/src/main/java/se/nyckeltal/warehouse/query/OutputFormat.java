package se.nyckeltal.warehouse.query;

import java.util.Locale;

/** How {@link QueryRunner} writes a result (SPEC §8). */
public enum OutputFormat {
    /** Header row, {@code ,} separator, {@code .} decimals, NULL as empty, RFC 4180 quoting. */
    CSV,
    /** An array of objects: numbers as JSON numbers, NULL as null, dates and timestamps as ISO strings. */
    JSON,
    /** Aligned columns for a terminal, with a row-count footer. */
    TABLE;

    /** Reads {@code csv}, {@code json} or {@code table}, any case. */
    public static OutputFormat parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown format '" + text.strip() + "': use csv, json or table");
        }
    }

    ResultWriter writer() {
        return switch (this) {
            case CSV -> new CsvResultWriter();
            case JSON -> new JsonResultWriter();
            case TABLE -> new TableResultWriter();
        };
    }
}

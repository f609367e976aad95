package se.nyckeltal.schemas.fact;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The columns of one Parquet table as written by etl and read by the warehouse. Both sides build
 * their types from here, so a fact has exactly one schema.
 */
public record FactSchema(String table, String grain, List<FactColumn> columns) {
    public FactSchema {
        requireNonNull(table, "table");
        requireNonNull(grain, "grain");
        columns = List.copyOf(columns);
    }

    /**
     * Ledger fact. One row per period × cost centre × account × activity × counterpart × scenario,
     * from exactly one delivered file (a partition is replaced whole by one file).
     */
    public static final FactSchema LEDGER = new FactSchema(
            "ledger",
            "one row per period × cost_center × account × activity × counterpart × scenario",
            List.of(
                    new FactColumn("period", ColumnType.INT, false),
                    new FactColumn("scenario", ColumnType.STRING, false),
                    new FactColumn("cost_center", ColumnType.STRING, false),
                    new FactColumn("account", ColumnType.STRING, false),
                    new FactColumn("activity", ColumnType.STRING, true),
                    new FactColumn("counterpart", ColumnType.STRING, true),
                    new FactColumn("amount", ColumnType.AMOUNT, false),
                    new FactColumn("source_file", ColumnType.STRING, false),
                    new FactColumn("load_id", ColumnType.STRING, false)));

    /**
     * Production fact (vårdproduktion). One row per period × unit × provider × contact type × scenario,
     * from exactly one delivered file; daily rows are summed to their month. weighted_volume is
     * volume × the contact type's weight for the period's year (0 without a weight, and for contact
     * types missing from contact_types.csv), re-derived when the weights change.
     */
    public static final FactSchema PRODUCTION = new FactSchema(
            "production",
            "one row per period × unit × provider × contact_type × scenario",
            List.of(
                    new FactColumn("period", ColumnType.INT, false),
                    new FactColumn("scenario", ColumnType.STRING, false),
                    new FactColumn("unit", ColumnType.STRING, false),
                    new FactColumn("provider", ColumnType.STRING, false),
                    new FactColumn("contact_type", ColumnType.STRING, false),
                    new FactColumn("volume", ColumnType.QUANTITY, false),
                    new FactColumn("weighted_volume", ColumnType.QUANTITY, false),
                    new FactColumn("source_file", ColumnType.STRING, false),
                    new FactColumn("load_id", ColumnType.STRING, false)));

    /** Rejected rows of every source, kept for meta.quarantine. One row per rejected physical line. */
    public static final FactSchema QUARANTINE = new FactSchema(
            "quarantine",
            "one row per rejected line of a delivered file",
            List.of(
                    new FactColumn("load_id", ColumnType.STRING, false),
                    new FactColumn("source", ColumnType.STRING, false),
                    new FactColumn("source_file", ColumnType.STRING, false),
                    new FactColumn("line_number", ColumnType.LONG, false),
                    new FactColumn("reason", ColumnType.STRING, false),
                    new FactColumn("raw_line", ColumnType.STRING, true)));

    public List<String> columnNames() {
        return columns.stream().map(FactColumn::name).toList();
    }
}

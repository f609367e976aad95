package se.nyckeltal.schemas.fact;

/** Column types a fact may use; etl maps them to Spark types, warehouse to DuckDB types. */
public enum ColumnType {
    STRING("VARCHAR"),
    INT("INTEGER"),
    LONG("BIGINT"),
    /** Money: DECIMAL(18,2) end to end, never double. */
    AMOUNT("DECIMAL(18,2)"),
    /** Volumes and hours with fractions (DRG points, partial hours). */
    QUANTITY("DECIMAL(18,4)"),
    DATE("DATE"),
    BOOLEAN("BOOLEAN"),
    /** Timestamp without time zone (Spark TimestampNTZType, Parquet TIMESTAMP_MICROS). */
    TIMESTAMP("TIMESTAMP");

    private final String duckdbType;

    ColumnType(String duckdbType) {
        this.duckdbType = duckdbType;
    }

    public String duckdbType() {
        return duckdbType;
    }
}

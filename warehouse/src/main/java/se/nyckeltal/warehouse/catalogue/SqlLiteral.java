package se.nyckeltal.warehouse.catalogue;

/**
 * A value written into DuckDB SQL text where a parameter cannot go — file paths in
 * {@code read_parquet(…)}, {@code SET} values, {@code COPY … TO} targets. The one place that quotes.
 */
public final class SqlLiteral {
    private SqlLiteral() {}

    /** {@code 'text'} with every {@code '} doubled; {@code NULL} for null. */
    public static String of(String text) {
        return text == null ? "NULL" : "'" + text.replace("'", "''") + "'";
    }
}

package se.nyckeltal.warehouse.catalogue;

import java.util.List;
import java.util.stream.Collectors;
import se.nyckeltal.schemas.fact.FactColumn;
import se.nyckeltal.schemas.fact.FactSchema;

/**
 * The FROM item a catalogue object reads Parquet through: an explicit list of files, a glob where the
 * folder holds only live files (quarantine), or — with no files — no rows of the fact's types, so the
 * object still builds and keeps its columns.
 *
 * <p>No path in the catalogue is absolute (SPEC §6, §9): a file is named by its path inside the
 * warehouse after {@code getvariable('nyckeltal_warehouse')}, which every reader sets to the folder
 * it opened the warehouse in ({@link Catalogue#useWarehouseRoot}), so a moved, restored or
 * differently mounted warehouse still serves.
 *
 * <p>Hive partitioning is off: year= and month= folders would come back as BIGINT columns, and
 * period and scenario are inside the files anyway. union_by_name lets older files lack a column a
 * newer schema added (it reads as NULL), and the schema's typed empty row set in front keeps the column
 * when no file has it yet.
 */
final class ParquetSource {
    private ParquetSource() {}

    /** The DuckDB variable holding the warehouse root while a catalogue is open. */
    static final String ROOT_VARIABLE = "nyckeltal_warehouse";

    /** @param files paths inside the warehouse, relative to its root, with forward slashes */
    static String of(FactSchema schema, List<String> files) {
        if (files.isEmpty()) {
            return empty(schema);
        }
        String list = files.stream().map(ParquetSource::inWarehouse)
                .collect(Collectors.joining(",\n    ", "[\n    ", "\n]"));
        // The schema's typed columns first: a column that none of the files has yet (added to the fact after
        // they were written, like production's counterpart) reads as NULL instead of failing the view.
        return "(" + typedNoRows(schema) + "\nUNION ALL BY NAME\nSELECT * FROM read_parquet(" + list
                + ", hive_partitioning = false, union_by_name = true)) AS " + schema.table() + "_files";
    }

    /** @param pattern a glob relative to the warehouse root */
    static String glob(String pattern) {
        return "read_parquet(" + inWarehouse(pattern) + ", hive_partitioning = false, union_by_name = true)";
    }

    /** A path inside the warehouse as DuckDB SQL: the root variable, a slash and the relative path. */
    static String inWarehouse(String relative) {
        if (relative.startsWith("/") || relative.contains("..")) {
            throw new IllegalArgumentException("not a path inside the warehouse: " + relative);
        }
        return "(getvariable('" + ROOT_VARIABLE + "') || " + SqlLiteral.of("/" + relative) + ")";
    }

    /** {@code (SELECT CAST(NULL AS <type>) AS <column>, … WHERE false)}. */
    static String empty(FactSchema schema) {
        return "(" + typedNoRows(schema) + ") AS no_" + schema.table() + "_files";
    }

    private static String typedNoRows(FactSchema schema) {
        return schema.columns().stream()
                .map(ParquetSource::nullColumn)
                .collect(Collectors.joining(", ", "SELECT ", " WHERE false"));
    }

    private static String nullColumn(FactColumn column) {
        return "CAST(NULL AS " + column.type().duckdbType() + ") AS " + column.name();
    }

}

package se.nyckeltal.warehouse.catalogue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import se.nyckeltal.schemas.fact.FactColumn;
import se.nyckeltal.schemas.fact.FactSchema;

/**
 * The FROM item a catalogue object reads Parquet through: an explicit list of absolute paths, a glob
 * where the folder holds only live files (quarantine), or — with no files — no rows of the fact's
 * types, so the object still builds and keeps its columns.
 *
 * <p>Hive partitioning is off: year= and month= folders would come back as BIGINT columns, and
 * period and scenario are inside the files anyway. union_by_name lets older files lack a column a
 * newer schema added (it reads as NULL).
 */
final class ParquetSource {
    private ParquetSource() {}

    static String of(FactSchema schema, List<Path> files) {
        if (files.isEmpty()) {
            return empty(schema);
        }
        String list = files.stream().map(f -> SqlLiteral.of(f.toAbsolutePath().normalize().toString()))
                .collect(Collectors.joining(",\n    ", "[\n    ", "\n]"));
        return "read_parquet(" + list + ", hive_partitioning = false, union_by_name = true)";
    }

    static String glob(String pattern) {
        return "read_parquet(" + SqlLiteral.of(pattern) + ", hive_partitioning = false, union_by_name = true)";
    }

    /** {@code (SELECT CAST(NULL AS <type>) AS <column>, … WHERE false)}. */
    static String empty(FactSchema schema) {
        return schema.columns().stream()
                .map(ParquetSource::nullColumn)
                .collect(Collectors.joining(", ", "(SELECT ", " WHERE false) AS no_" + schema.table() + "_files"));
    }

    private static String nullColumn(FactColumn column) {
        return "CAST(NULL AS " + column.type().duckdbType() + ") AS " + column.name();
    }

}

package se.nyckeltal.warehouse.gateway.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import se.nyckeltal.warehouse.gateway.wire.ColumnType;
import se.nyckeltal.warehouse.gateway.wire.PgType;

/**
 * The answer to Npgsql's type-loading queries (PostgresDatabaseInfo in Npgsql 4.0, the driver inside
 * Power BI's PostgreSQL connector): every type the gateway sends or accepts, their arrays and the
 * record/void pseudo-types, as pg_type rows with PostgreSQL's OIDs; no composite types and no enums.
 * Recognised by the joins only these queries make, so both the 4.0 text (with pg_range) and later
 * ones match.
 */
public final class NpgsqlTypeLoading {
    private NpgsqlTypeLoading() {}

    public static Optional<FixedResult> answer(String sql) {
        String text = SqlText.codeOnly(sql).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (text.contains("join pg_proc on pg_proc.oid = a.typreceive")) {
            return Optional.of(types());
        }
        if (text.contains("from pg_type as typ join pg_namespace as ns on (ns.oid = typ.typnamespace)")
                && text.contains("join pg_attribute as att")) {
            return Optional.of(new FixedResult(List.of("oid", "attname", "atttypid"),
                    List.of(ColumnType.of(PgType.OID), ColumnType.of(PgType.NAME), ColumnType.of(PgType.OID)),
                    List.of(), "SELECT 0"));
        }
        if (text.contains("from pg_enum join pg_type on pg_type.oid=enumtypid")
                || text.contains("from pg_enum join pg_type on pg_type.oid = enumtypid")) {
            return Optional.of(new FixedResult(List.of("oid", "enumlabel"),
                    List.of(ColumnType.of(PgType.OID), ColumnType.of(PgType.NAME)), List.of(), "SELECT 0"));
        }
        return Optional.empty();
    }

    /** nspname, typname, oid, typrelid, typbasetype, type, elemoid, ord — ordered by ord like the query. */
    private static FixedResult types() {
        List<List<Object>> rows = new ArrayList<>();
        for (PgType type : PgType.SCALARS) {
            rows.add(List.of("pg_catalog", type.name(), (long) type.oid(), 0L, 0L, "b", 0L, 0));
        }
        rows.add(List.of("pg_catalog", PgType.RECORD.name(), (long) PgType.RECORD.oid(), 0L, 0L, "p", 0L, 0));
        rows.add(List.of("pg_catalog", PgType.VOID.name(), (long) PgType.VOID.oid(), 0L, 0L, "p", 0L, 0));
        for (PgType array : PgType.ARRAYS) {
            rows.add(List.of("pg_catalog", array.name(), (long) array.oid(), 0L, 0L, "a", (long) array.elementOid(), 3));
        }
        rows.add(List.of("pg_catalog", "_record", 2287L, 0L, 0L, "a", (long) PgType.RECORD.oid(), 3));
        return new FixedResult(
                List.of("nspname", "typname", "oid", "typrelid", "typbasetype", "type", "elemoid", "ord"),
                List.of(ColumnType.of(PgType.NAME), ColumnType.of(PgType.NAME), ColumnType.of(PgType.OID),
                        ColumnType.of(PgType.OID), ColumnType.of(PgType.OID), ColumnType.of(PgType.CHAR),
                        ColumnType.of(PgType.OID), ColumnType.of(PgType.INT4)),
                rows, "SELECT " + rows.size());
    }
}

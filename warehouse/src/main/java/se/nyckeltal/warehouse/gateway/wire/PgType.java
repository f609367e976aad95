package se.nyckeltal.warehouse.gateway.wire;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A PostgreSQL type as clients see it in RowDescription, ParameterDescription and pg_type: the
 * type OIDs are PostgreSQL's own (src/include/catalog/pg_type.dat), so drivers map them without
 * asking the server.
 *
 * @param typlen bytes of the fixed-size binary form, -1 for variable length
 * @param arrayOid the OID of this type's one-dimensional array type, 0 when the gateway has none
 * @param elementOid for an array type the element type, else 0
 * @param receive the name of the binary receive function (Npgsql tells arrays by {@code array_recv})
 */
public record PgType(int oid, String name, int typlen, int arrayOid, int elementOid, String receive) {
    public static final PgType BOOL = base(16, "bool", 1, 1000, "boolrecv");
    public static final PgType BYTEA = base(17, "bytea", -1, 1001, "bytearecv");
    public static final PgType CHAR = base(18, "char", 1, 1002, "charrecv");
    public static final PgType NAME = base(19, "name", 64, 1003, "namerecv");
    public static final PgType INT8 = base(20, "int8", 8, 1016, "int8recv");
    public static final PgType INT2 = base(21, "int2", 2, 1005, "int2recv");
    public static final PgType INT4 = base(23, "int4", 4, 1007, "int4recv");
    public static final PgType TEXT = base(25, "text", -1, 1009, "textrecv");
    public static final PgType OID = base(26, "oid", 4, 1028, "oidrecv");
    public static final PgType JSON = base(114, "json", -1, 199, "json_recv");
    public static final PgType FLOAT4 = base(700, "float4", 4, 1021, "float4recv");
    public static final PgType FLOAT8 = base(701, "float8", 8, 1022, "float8recv");
    public static final PgType UNKNOWN = base(705, "unknown", -2, 0, "unknownrecv");
    public static final PgType BPCHAR = base(1042, "bpchar", -1, 1014, "bpcharrecv");
    public static final PgType VARCHAR = base(1043, "varchar", -1, 1015, "varcharrecv");
    public static final PgType DATE = base(1082, "date", 4, 1182, "date_recv");
    public static final PgType TIME = base(1083, "time", 8, 1183, "time_recv");
    public static final PgType TIMESTAMP = base(1114, "timestamp", 8, 1115, "timestamp_recv");
    public static final PgType TIMESTAMPTZ = base(1184, "timestamptz", 8, 1185, "timestamptz_recv");
    public static final PgType INTERVAL = base(1186, "interval", 16, 1187, "interval_recv");
    public static final PgType NUMERIC = base(1700, "numeric", -1, 1231, "numeric_recv");
    public static final PgType UUID = base(2950, "uuid", 16, 2951, "uuid_recv");

    /** The scalar types the gateway produces and accepts. */
    public static final List<PgType> SCALARS = List.of(BOOL, BYTEA, CHAR, NAME, INT8, INT2, INT4, TEXT, OID, JSON,
            FLOAT4, FLOAT8, BPCHAR, VARCHAR, DATE, TIME, TIMESTAMP, TIMESTAMPTZ, INTERVAL, NUMERIC, UUID);

    /** One array type per scalar: {@code _int4} and so on. */
    public static final List<PgType> ARRAYS = SCALARS.stream()
            .map(t -> new PgType(t.arrayOid, "_" + t.name, -1, 0, t.oid, "array_recv"))
            .toList();

    /** Pseudo-types Npgsql asks about. */
    public static final PgType RECORD = new PgType(2249, "record", -1, 2287, 0, "record_recv");
    public static final PgType VOID = new PgType(2278, "void", 4, 0, 0, "void_recv");

    private static final Map<Integer, PgType> BY_OID = java.util.stream.Stream
            .concat(java.util.stream.Stream.concat(SCALARS.stream(), ARRAYS.stream()), java.util.stream.Stream.of(UNKNOWN))
            .collect(Collectors.toMap(PgType::oid, Function.identity(), (a, b) -> a));

    private static PgType base(int oid, String name, int typlen, int arrayOid, String receive) {
        return new PgType(oid, name, typlen, arrayOid, 0, receive);
    }

    /** The type with this OID, or null when the gateway does not know it (0 = unspecified). */
    public static PgType byOid(int oid) {
        return BY_OID.get(oid);
    }

    public boolean isArray() {
        return elementOid != 0;
    }

    public PgType element() {
        return byOid(elementOid);
    }

    public PgType array() {
        return byOid(arrayOid);
    }
}

package se.nyckeltal.warehouse.gateway.sql;

import java.util.List;
import se.nyckeltal.warehouse.gateway.wire.ColumnType;

/** A result the gateway answers itself (SHOW, canned catalogue answers): columns and rows of Java values. */
public record FixedResult(List<String> names, List<ColumnType> types, List<List<Object>> rows, String tag) {
    public FixedResult {
        names = List.copyOf(names);
        types = List.copyOf(types);
        rows = List.copyOf(rows);
    }
}

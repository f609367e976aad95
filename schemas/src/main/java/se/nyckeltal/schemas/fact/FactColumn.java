package se.nyckeltal.schemas.fact;

import static java.util.Objects.requireNonNull;

public record FactColumn(String name, ColumnType type, boolean nullable) {
    public FactColumn {
        requireNonNull(name, "name");
        requireNonNull(type, "type");
    }
}

package se.nyckeltal.schemas.contract;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One column of a source contract: its canonical name, the Swedish (or other) aliases a header may
 * use instead, and whether the file is unusable without it.
 */
public record ColumnSpec(String canonical, List<String> aliases, boolean required) {
    public ColumnSpec {
        requireNonNull(canonical, "canonical");
        aliases = List.copyOf(aliases);
    }

    public static ColumnSpec required(String canonical, String... aliases) {
        return new ColumnSpec(canonical, List.of(aliases), true);
    }

    public static ColumnSpec optional(String canonical, String... aliases) {
        return new ColumnSpec(canonical, List.of(aliases), false);
    }
}

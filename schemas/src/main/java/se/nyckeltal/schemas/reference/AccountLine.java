package se.nyckeltal.schemas.reference;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * An account range (inclusive, compared as numbers) mapped to an income-statement line.
 *
 * @param ordinal position in accounts.csv; the narrowest matching range wins, ties go to the
 *     earlier row
 */
public record AccountLine(
        long accountFrom, long accountTo, String lineId, String lineName, LineKind kind, Set<AccountFlag> flags,
        int ordinal) {
    public AccountLine {
        requireNonNull(lineId, "lineId");
        requireNonNull(lineName, "lineName");
        requireNonNull(kind, "kind");
        flags = Set.copyOf(flags);
    }

    public boolean has(AccountFlag flag) {
        return flags.contains(flag);
    }
}

package se.nyckeltal.etl.ledger.sie;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.List;
import se.nyckeltal.etl.ledger.LedgerEntry;
import se.nyckeltal.etl.ledger.RejectedLine;

/**
 * What reading one SIE 4 file gives.
 *
 * @param encoding how the bytes were decoded: {@code CP437}, {@code WINDOWS-1252} or {@code UTF-8}
 * @param entries loadable amounts, one per scenario × period × account × cost centre, in file order
 * @param rejected lines that must not load (malformed, or part of a verification that does not balance)
 * @param linesRead physical lines in the file
 * @param warnings what was read differently from what the file says, or deliberately left out (never
 *     silently: SPEC §4), written for the controller
 */
public record SieReadResult(
        String encoding, List<LedgerEntry> entries, List<RejectedLine> rejected, long linesRead, List<String> warnings)
        implements Serializable {
    public SieReadResult {
        requireNonNull(encoding, "encoding");
        entries = List.copyOf(entries);
        rejected = List.copyOf(rejected);
        warnings = List.copyOf(warnings);
    }
}

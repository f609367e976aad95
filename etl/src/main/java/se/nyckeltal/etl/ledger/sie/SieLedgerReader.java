package se.nyckeltal.etl.ledger.sie;

import static java.util.Objects.requireNonNull;

import se.nyckeltal.schemas.text.ExtractFormatException;

/**
 * Reads a ledger delivered as SIE 4 (SIE filformat 4B, SPEC §3) into ledger entries.
 *
 * <ul>
 *   <li>{@code #PSALDO} rows are ACTUAL and {@code #PBUDGET} rows BUDGET for their period; where a file
 *       states an account both as a total and per object, {@link BalanceSelection} loads it once.
 *   <li>{@code #VER} blocks are ACTUAL, their {@code #TRANS} rows summed per period (transaction date,
 *       else verification date), account and cost centre. A verification that does not balance is
 *       rejected whole. A period that has {@code #PSALDO} rows takes its actuals from those alone.
 *   <li>Dimension 1 objects are cost centres; amounts booked on none go to {@link #UNMAPPED}.
 *   <li>{@code #RTRANS}/{@code #BTRANS} are ignored as 4B allows (an added row is repeated as a
 *       {@code #TRANS}, a removed row is no longer part of the verification); unknown labels are
 *       ignored as the SIE standard prescribes, with a warning.
 * </ul>
 *
 * Stateless: each call reads one whole file held in memory, so it is safe inside a Spark task.
 */
public final class SieLedgerReader {
    /** The cost centre of amounts booked on no dimension 1 object (SPEC §4: an explicit UNMAPPED member). */
    public static final String UNMAPPED = "UNMAPPED";

    private SieLedgerReader() {}

    /**
     * Reads one whole SIE file.
     *
     * @param fileName the delivered file's name, for file-level warnings
     * @param content the file's bytes, in whatever character set it was written
     * @throws ExtractFormatException when the content is no SIE file at all (empty, no records) or is cut off
     *     by its own checksum records; bad lines inside a file are {@link SieReadResult#rejected()} instead
     */
    public static SieReadResult read(String fileName, byte[] content) {
        requireNonNull(fileName, "fileName");
        requireNonNull(content, "content");
        return new SieFileReading(fileName, content).read();
    }
}

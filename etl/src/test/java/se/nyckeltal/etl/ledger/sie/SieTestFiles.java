package se.nyckeltal.etl.ledger.sie;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import se.nyckeltal.etl.ledger.LedgerEntry;

/** Builds small SIE files for the tests: one argument per physical line, so line numbers can be counted. */
final class SieTestFiles {
    private SieTestFiles() {}

    /** Lines joined with LF and ending with one, as ASCII/UTF-8. */
    static byte[] sie(String... lines) {
        return sie(StandardCharsets.UTF_8, "\n", lines);
    }

    static byte[] sie(Charset charset, String lineBreak, String... lines) {
        return (String.join(lineBreak, lines) + lineBreak).getBytes(charset);
    }

    static LedgerEntry actual(int period, String costCenter, String account, String amount, long line) {
        return new LedgerEntry(period, "ACTUAL", costCenter, account, null, null, new BigDecimal(amount), line);
    }

    static LedgerEntry budget(int period, String costCenter, String account, String amount, long line) {
        return new LedgerEntry(period, "BUDGET", costCenter, account, null, null, new BigDecimal(amount), line);
    }
}

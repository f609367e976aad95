package se.nyckeltal.jobs.bench;

import static java.util.Objects.requireNonNull;

import se.nyckeltal.schemas.contract.ColumnSpec;
import se.nyckeltal.schemas.contract.LedgerContract;
import se.nyckeltal.schemas.text.CsvLineSplitter;
import se.nyckeltal.schemas.text.Delimiter;
import se.nyckeltal.schemas.text.EncodingDetector;
import se.nyckeltal.schemas.text.ExtractFormatException;
import se.nyckeltal.schemas.text.HeaderMatcher;
import se.nyckeltal.schemas.text.HeaderMatcher.ColumnMapping;
import se.nyckeltal.schemas.text.LineDecoder;
import se.nyckeltal.schemas.text.TextEncoding;

/**
 * The header of one ledger CSV, found as etl's {@code CsvExtract.open} finds it on the Spark driver
 * and with the same schemas code (EncodingDetector, LineDecoder, Delimiter, CsvLineSplitter,
 * HeaderMatcher): the encoding from the first MiB, the first non-blank line as the header, the
 * delimiter from it, and where each ledger column sits. The only per-file work the baseline does in
 * Java before DuckDB reads the lines.
 *
 * @param headerLine the header's physical line number (1 = first line); lines above it are blank
 */
record LedgerHeader(TextEncoding encoding, Delimiter delimiter, long headerLine, ColumnMapping mapping) {
    LedgerHeader {
        requireNonNull(encoding, "encoding");
        requireNonNull(delimiter, "delimiter");
        requireNonNull(mapping, "mapping");
    }

    /**
     * @param sample the first {@link EncodingDetector#SAMPLE_BYTES} bytes of the file (or all of it)
     * @param truncated true when the file goes on after the sample
     * @throws ExtractFormatException when the file has no usable header: the Spark path refuses it whole
     */
    static LedgerHeader find(byte[] sample, int length, boolean truncated) {
        TextEncoding encoding = EncodingDetector.detect(sample, length, truncated);
        LineDecoder decoder = new LineDecoder(encoding);
        // Lines end at LF, CR or CRLF, as Hadoop's line reader ends them.
        int start = 0;
        long index = 0;
        while (start < length) {
            int end = start;
            while (end < length && sample[end] != '\n' && sample[end] != '\r') {
                end++;
            }
            if (end == length && truncated) {
                throw new ExtractFormatException("no header row within the first "
                        + EncodingDetector.SAMPLE_BYTES / (1 << 20) + " MiB; is this a CSV extract?");
            }
            String line;
            try {
                line = decoder.decode(sample, start, end - start, index == 0);
            } catch (ExtractFormatException e) {
                throw new ExtractFormatException("the header row (line " + (index + 1) + ") is not readable text: "
                        + e.getMessage());
            }
            if (!isBlank(line)) {
                Delimiter delimiter = Delimiter.detect(line);
                try {
                    ColumnMapping mapping = HeaderMatcher.match(CsvLineSplitter.split(line, delimiter.character()),
                            LedgerContract.COLUMNS);
                    return new LedgerHeader(encoding, delimiter, index + 1, mapping);
                } catch (ExtractFormatException e) {
                    throw new ExtractFormatException("header row (line " + (index + 1) + "): " + e.getMessage());
                }
            }
            if (end + 1 < length && sample[end] == '\r' && sample[end + 1] == '\n') {
                end++;
            }
            start = end + 1;
            index++;
        }
        throw new ExtractFormatException("the file is empty; it needs a header row ("
                + String.join(";", LedgerContract.COLUMNS.stream().map(ColumnSpec::canonical).toList())
                + ") and data rows below it");
    }

    /** 1-based position of a column in a row, or null when an optional column is absent. */
    Integer position(ColumnSpec column) {
        int index = mapping.indexOf(column);
        return index < 0 ? null : index + 1;
    }

    /** As {@code CsvExtract} labels the encoding in the load record. */
    String encodingLabel() {
        return switch (encoding) {
            case UTF8 -> "UTF-8";
            case WINDOWS_1252 -> "windows-1252";
            case ASCII -> "ASCII";
        };
    }

    /** Nothing but separators and white space: a spreadsheet's empty row above the header. */
    private static boolean isBlank(String line) {
        for (Delimiter candidate : Delimiter.values()) {
            if (CsvLineSplitter.isBlankRecord(line, candidate.character())) {
                return true;
            }
        }
        return false;
    }
}

package se.nyckeltal.schemas.text;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * A small delimited file read whole into memory with the shared rules (encoding, delimiter,
 * quotes, blank rows skipped). For reference data and tests; large extracts go through Spark.
 */
public record TextTable(String fileName, TextEncoding encoding, Delimiter delimiter, List<String> header, List<Row> rows) {
    public TextTable {
        requireNonNull(fileName, "fileName");
        header = List.copyOf(header);
        rows = List.copyOf(rows);
    }

    /** A data row with its physical line number (1 = the header line). */
    public record Row(long lineNumber, List<String> fields, String raw) {
        public Row {
            fields = List.copyOf(fields);
        }
    }

    public static TextTable read(String fileName, byte[] content) {
        TextEncoding encoding = EncodingDetector.detect(content, content.length, false);
        LineDecoder decoder = new LineDecoder(encoding);
        List<Row> rows = new ArrayList<>();
        List<String> header = null;
        Delimiter delimiter = Delimiter.SEMICOLON;
        int start = 0;
        long lineNumber = 0;
        while (start < content.length) {
            int end = start;
            while (end < content.length && content[end] != '\n' && content[end] != '\r') {
                end++;
            }
            lineNumber++;
            String line;
            try {
                line = decoder.decode(content, start, end - start, lineNumber == 1);
            } catch (ExtractFormatException e) {
                throw new ExtractFormatException(fileName + " line " + lineNumber + ": " + e.getMessage());
            }
            if (header == null) {
                if (!line.isBlank()) {
                    delimiter = Delimiter.detect(line);
                    header = split(fileName, lineNumber, line, delimiter);
                }
            } else if (!CsvLineSplitter.isBlankRecord(line, delimiter.character())) {
                rows.add(new Row(lineNumber, split(fileName, lineNumber, line, delimiter), line));
            }
            // CRLF is one line break, a lone CR or LF is one too.
            if (end < content.length && content[end] == '\r' && end + 1 < content.length && content[end + 1] == '\n') {
                end++;
            }
            start = end + 1;
        }
        if (header == null) {
            throw new ExtractFormatException(fileName + " is empty: it needs a header row");
        }
        return new TextTable(fileName, encoding, delimiter, header, rows);
    }

    private static List<String> split(String fileName, long lineNumber, String line, Delimiter delimiter) {
        try {
            return CsvLineSplitter.split(line, delimiter.character());
        } catch (ExtractFormatException e) {
            throw new ExtractFormatException(fileName + " line " + lineNumber + ": " + e.getMessage());
        }
    }
}

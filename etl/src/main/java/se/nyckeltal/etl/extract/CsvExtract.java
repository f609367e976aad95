package se.nyckeltal.etl.extract;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.apache.spark.TaskContext;
import org.apache.spark.util.TaskCompletionListener;
import se.nyckeltal.schemas.contract.ColumnSpec;
import se.nyckeltal.schemas.text.CsvLineSplitter;
import se.nyckeltal.schemas.text.Delimiter;
import se.nyckeltal.schemas.text.EncodingDetector;
import se.nyckeltal.schemas.text.ExtractFormatException;
import se.nyckeltal.schemas.text.HeaderMatcher;
import se.nyckeltal.schemas.text.HeaderMatcher.ColumnMapping;
import se.nyckeltal.schemas.text.LineDecoder;
import se.nyckeltal.etl.storage.StorePaths;
import se.nyckeltal.schemas.text.TextEncoding;

/**
 * A delivered CSV extract, read by the rules every CSV source shares (SPEC §3, §4). The driver reads
 * the start of the file to decide the encoding, finds the header (blank rows above it are allowed),
 * detects the delimiter from it and matches it to the source's contract; one Spark task then reads the
 * whole file as raw bytes, numbers its lines physically and validates them one at a time. Spark never
 * decodes text or parses a number itself (SPEC §9): its CSV reader would turn åäö into U+FFFD and
 * {@code -1234,50} into {@code -123450.00} without a word.
 *
 * <p>The rules of a line are the same for every source — undecodable bytes, an unclosed quote or a
 * wrong number of fields quarantine the line, a row of nothing but separators is blank — and only a
 * line that passes them reaches the source's {@link RowParser}.
 */
public final class CsvExtract implements Delivery {
    private static final long serialVersionUID = 1L;

    /** The file's absolute path as text: {@link java.nio.file.Path} is not serializable. */
    private final String path;
    private final TextEncoding encoding;
    private final Delimiter delimiter;
    private final LineReader reader;

    private CsvExtract(LandingFile file, TextEncoding encoding, Delimiter delimiter, LineReader reader) {
        this.path = file.path().toAbsolutePath().toString();
        this.encoding = requireNonNull(encoding, "encoding");
        this.delimiter = requireNonNull(delimiter, "delimiter");
        this.reader = requireNonNull(reader, "reader");
    }

    /**
     * A source's reading of one data row that passed the shared rules. Runs on Spark executors, one
     * line at a time, so it must be serializable; it says every problem of the line in one reason.
     */
    @FunctionalInterface
    public interface RowParser extends Serializable {
        /**
         * @param lineNumber physical line in the file (1 = first line)
         * @param text the decoded line without its line break: a rejection's raw line
         * @param fields exactly as many as the header has, unquoted; find a column with the
         *     {@link ColumnMapping} the parser was made with
         * @return {@link ExtractLine#valid} or {@link ExtractLine#rejected}
         */
        ExtractLine parse(long lineNumber, String text, List<String> fields);
    }

    /**
     * Reads the header. A file without a usable header is refused whole.
     *
     * @param contract the source's columns, matched to the header by name or alias
     * @param parser makes the source's row parser once the header says where each column is; may
     *     refuse the header with an {@link ExtractFormatException} (the file is then unreadable)
     * @throws UnreadableFileException when the header is missing, unreadable or lacks a required column
     */
    public static CsvExtract open(LandingFile file, List<ColumnSpec> contract,
            Function<ColumnMapping, ? extends RowParser> parser) {
        requireNonNull(contract, "contract");
        requireNonNull(parser, "parser");
        byte[] sample;
        boolean truncated;
        try (InputStream in = Files.newInputStream(file.path())) {
            sample = in.readNBytes(EncodingDetector.SAMPLE_BYTES);
            truncated = in.read() >= 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.path(), e);
        }
        TextEncoding encoding = EncodingDetector.detect(sample, sample.length, truncated);
        String encodingLabel = label(encoding);
        LineDecoder decoder = new LineDecoder(encoding);
        // Lines end at LF, CR or CRLF, exactly as Hadoop's line reader ends them, so the header's
        // index here is the index Spark gives the same line.
        int start = 0;
        long index = 0;
        while (start < sample.length) {
            int end = start;
            while (end < sample.length && sample[end] != '\n' && sample[end] != '\r') {
                end++;
            }
            if (end == sample.length && truncated) {
                throw new UnreadableFileException(encodingLabel, null, "no header row within the first "
                        + EncodingDetector.SAMPLE_BYTES / (1 << 20) + " MiB; is this a CSV extract?");
            }
            String line;
            try {
                line = decoder.decode(sample, start, end - start, index == 0);
            } catch (ExtractFormatException e) {
                throw new UnreadableFileException(encodingLabel, null,
                        "the header row (line " + (index + 1) + ") is not readable text: " + e.getMessage());
            }
            if (!isBlank(line)) {
                Delimiter delimiter = Delimiter.detect(line);
                ColumnMapping mapping;
                try {
                    mapping = HeaderMatcher.match(CsvLineSplitter.split(line, delimiter.character()), contract);
                } catch (ExtractFormatException e) {
                    throw new UnreadableFileException(encodingLabel, delimiter.label(),
                            "header row (line " + (index + 1) + "): " + e.getMessage());
                }
                RowParser rowParser;
                try {
                    rowParser = requireNonNull(parser.apply(mapping), "parser");
                } catch (ExtractFormatException e) {
                    // A rule of the source about its header as a whole (e.g. "period or date").
                    throw new UnreadableFileException(encodingLabel, delimiter.label(),
                            "header row (line " + (index + 1) + "): " + e.getMessage());
                }
                return new CsvExtract(file, encoding, delimiter,
                        new LineReader(encoding, delimiter, index, mapping.fieldCount(), rowParser));
            }
            if (end + 1 < sample.length && sample[end] == '\r' && sample[end + 1] == '\n') {
                end++;
            }
            start = end + 1;
            index++;
        }
        throw new UnreadableFileException(encodingLabel, null, "the file is empty; it needs a header row ("
                + String.join(";", contract.stream().map(ColumnSpec::canonical).toList()) + ") and data rows below it");
    }

    @Override
    public String encoding() {
        return label(encoding);
    }

    @Override
    public String delimiter() {
        return delimiter.label();
    }

    @Override
    public List<String> warnings() {
        return List.of();
    }

    @Override
    public Iterator<ExtractLine> lines() {
        return new ValidatedLines(PhysicalLines.open(StorePaths.of(path)), reader);
    }

    /**
     * The line at a zero-based physical index, validated exactly as Spark validates it: for tests
     * without Spark.
     *
     * @param bytes the undecoded line without its line break
     * @return the validated line, or null for the header itself
     */
    ExtractLine read(byte[] bytes, long index) {
        return reader.read(bytes, index);
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

    private static String label(TextEncoding encoding) {
        return switch (encoding) {
            case UTF8 -> "UTF-8";
            case WINDOWS_1252 -> "windows-1252";
            case ASCII -> "ASCII";
        };
    }

    /** Physical lines validated one at a time; blank lines before the header come back as blank. */
    private static final class ValidatedLines implements Iterator<ExtractLine> {
        private final PhysicalLines physical;
        private final LineReader reader;
        private ExtractLine next;

        ValidatedLines(PhysicalLines physical, LineReader reader) {
            this.physical = physical;
            this.reader = reader;
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                byte[] bytes = physical.next();
                if (bytes == null) {
                    return false;
                }
                next = reader.read(bytes, physical.index());
            }
            return true;
        }

        @Override
        public ExtractLine next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ExtractLine line = next;
            next = null;
            return line;
        }
    }

    /**
     * The undecoded lines of a file, split exactly as Hadoop's line reader splits them (and as
     * {@link #open} finds the header): a line ends at LF, CR or CRLF, a last line without a line break
     * counts, and a UTF-8 byte order mark at the very start is not part of the first line.
     */
    static final class PhysicalLines {
        private final InputStream in;
        private final byte[] chunk = new byte[1 << 16];
        private int position;
        private int limit;
        private byte[] line = new byte[1 << 10];
        private long index = -1;
        private boolean done;

        private PhysicalLines(InputStream in) {
            this.in = in;
        }

        static PhysicalLines open(Path file) {
            InputStream in;
            try {
                in = Files.newInputStream(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            PhysicalLines lines = new PhysicalLines(in);
            TaskContext task = TaskContext.get();
            if (task != null) {
                // A task that fails half-way through the file still closes it.
                task.addTaskCompletionListener((TaskCompletionListener) context -> lines.close());
            }
            return lines;
        }

        /** Zero-based index of the line {@link #next} returned last. */
        long index() {
            return index;
        }

        /** The next line without its line break, or null at the end of the file (which is then closed). */
        byte[] next() {
            if (done) {
                return null;
            }
            try {
                if (index < 0) {
                    skipByteOrderMark();
                }
                if (!fill()) {
                    close();
                    return null;
                }
                int length = 0;
                while (true) {
                    int start = position;
                    while (position < limit && chunk[position] != '\n' && chunk[position] != '\r') {
                        position++;
                    }
                    int count = position - start;
                    if (length + count > line.length) {
                        line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
                    }
                    System.arraycopy(chunk, start, line, length, count);
                    length += count;
                    if (position < limit) {
                        byte end = chunk[position++];
                        if (end == '\r' && fill() && chunk[position] == '\n') {
                            position++;
                        }
                        break;
                    }
                    if (!fill()) {
                        break;
                    }
                }
                index++;
                return Arrays.copyOf(line, length);
            } catch (IOException e) {
                close();
                throw new UncheckedIOException("cannot read line " + (index + 2) + " of the file", e);
            }
        }

        /** At least one unread byte in the chunk, unless the file is at its end. */
        private boolean fill() throws IOException {
            if (position < limit) {
                return true;
            }
            int read = in.readNBytes(chunk, 0, chunk.length);
            position = 0;
            limit = Math.max(read, 0);
            return limit > 0;
        }

        private void skipByteOrderMark() throws IOException {
            if (!fill()) {
                return;
            }
            if (limit - position >= 3 && (chunk[position] & 0xFF) == 0xEF && (chunk[position + 1] & 0xFF) == 0xBB
                    && (chunk[position + 2] & 0xFF) == 0xBF) {
                position += 3;
            }
        }

        void close() {
            if (done) {
                return;
            }
            done = true;
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the file", e);
            }
        }
    }

    /** The shared rules of one physical line, then the source's parser. Runs on Spark executors. */
    private static final class LineReader implements Serializable {
        private static final long serialVersionUID = 1L;

        private final LineDecoder decoder;
        private final Delimiter delimiter;
        private final long headerIndex;
        private final int fieldCount;
        private final RowParser parser;

        /** @param headerIndex zero-based physical line of the header; lines before it are blank */
        LineReader(TextEncoding encoding, Delimiter delimiter, long headerIndex, int fieldCount, RowParser parser) {
            this.decoder = new LineDecoder(encoding);
            this.delimiter = delimiter;
            this.headerIndex = headerIndex;
            this.fieldCount = fieldCount;
            this.parser = parser;
        }

        ExtractLine read(byte[] bytes, long index) {
            long lineNumber = index + 1;
            if (index == headerIndex) {
                return null;
            }
            if (index < headerIndex) {
                return ExtractLine.blank(lineNumber);
            }
            String line;
            try {
                line = decoder.decode(bytes, 0, bytes.length, index == 0);
            } catch (ExtractFormatException e) {
                return ExtractLine.rejected(lineNumber, "the line is not readable text: " + e.getMessage(), lossy(bytes),
                        null);
            }
            char separator = delimiter.character();
            if (CsvLineSplitter.isBlankRecord(line, separator)) {
                return ExtractLine.blank(lineNumber);
            }
            List<String> fields;
            try {
                fields = CsvLineSplitter.split(line, separator);
            } catch (ExtractFormatException e) {
                return ExtractLine.rejected(lineNumber, e.getMessage(), line, null);
            }
            if (fields.size() != fieldCount) {
                return ExtractLine.rejected(lineNumber, "the line has " + fields.size() + " fields but the header has "
                        + fieldCount + " (" + delimiter.label() + "-separated); remove the stray " + delimiter.label()
                        + " or quote the value that contains it", line, null);
            }
            return requireNonNull(parser.parse(lineNumber, line, fields), "parsed line");
        }

        /** A line the decoder refused, rendered with replacement characters so a person can find it. */
        private String lossy(byte[] bytes) {
            Charset charset = decoder.encoding() == TextEncoding.WINDOWS_1252
                    ? Charset.forName("windows-1252") : StandardCharsets.UTF_8;
            int end = bytes.length;
            if (end > 0 && bytes[end - 1] == '\r') {
                end--;
            }
            return new String(bytes, 0, end, charset);
        }
    }
}

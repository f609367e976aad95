package se.nyckeltal.etl.comments;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import se.nyckeltal.etl.extract.Delivery;
import se.nyckeltal.etl.extract.ExtractLine;
import se.nyckeltal.etl.extract.LandingFile;
import se.nyckeltal.etl.extract.UnreadableFileException;
import se.nyckeltal.schemas.contract.CommentContract;
import se.nyckeltal.schemas.fact.FactSchema;
import se.nyckeltal.schemas.text.CsvLineSplitter;
import se.nyckeltal.schemas.text.Delimiter;
import se.nyckeltal.schemas.text.EncodingDetector;
import se.nyckeltal.schemas.text.ExtractFormatException;
import se.nyckeltal.schemas.text.HeaderMatcher;
import se.nyckeltal.schemas.text.HeaderMatcher.ColumnMapping;
import se.nyckeltal.schemas.text.LineDecoder;
import se.nyckeltal.schemas.text.PeriodText;
import se.nyckeltal.schemas.text.TextEncoding;

/**
 * A comments CSV (SPEC §3), read whole on the driver: a comment's text is CSV-quoted and may span
 * lines, which the line-by-line reader of the other extracts refuses, and comment files are small. The
 * shared rules otherwise hold — encoding detected (UTF-8 ± BOM or Windows-1252), delimiter from the
 * header, header matched by name or alias, every problem of a record in one reason with the physical
 * line it starts on. The text is kept exactly as delivered between its quotes: never trimmed, never
 * interpreted (HTML in it is text).
 *
 * <p>Each valid record's scenario key is {@code ACTUAL@<delivery>}: every delivery is a partition of its
 * own, so a later file adds to the history instead of replacing a whole month of comments.
 */
final class CommentDelivery implements Delivery {
    /** A quoted text longer than this many physical lines is taken for a quote that is never closed. */
    static final int MAX_LINES_PER_RECORD = 500;

    private final String encoding;
    private final String delimiter;
    private final List<ExtractLine> lines;

    private CommentDelivery(String encoding, String delimiter, List<ExtractLine> lines) {
        this.encoding = encoding;
        this.delimiter = delimiter;
        this.lines = List.copyOf(lines);
    }

    /**
     * @param delivery this file's place in the history, {@code <load id>.<nnn>}
     * @throws UnreadableFileException when the file has no usable header
     */
    static CommentDelivery open(LandingFile file, String delivery) {
        requireNonNull(delivery, "delivery");
        byte[] content;
        try {
            content = Files.readAllBytes(file.path());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.path(), e);
        }
        TextEncoding encoding = EncodingDetector.detect(content, content.length, false);
        String encodingLabel = switch (encoding) {
            case UTF8 -> "UTF-8";
            case WINDOWS_1252 -> "windows-1252";
            case ASCII -> "ASCII";
        };
        return read(physicalLines(content, new LineDecoder(encoding)), encodingLabel,
                "ACTUAL" + FactSchema.VERSION_SEPARATOR + delivery);
    }

    /** The file's physical lines, each decoded or holding why it could not be. */
    private static List<Physical> physicalLines(byte[] content, LineDecoder decoder) {
        List<Physical> lines = new ArrayList<>();
        int start = 0;
        long number = 0;
        while (start < content.length) {
            int end = start;
            while (end < content.length && content[end] != '\n' && content[end] != '\r') {
                end++;
            }
            number++;
            try {
                lines.add(new Physical(number, decoder.decode(content, start, end - start, number == 1), null));
            } catch (ExtractFormatException e) {
                lines.add(new Physical(number, null, "the line is not readable text: " + e.getMessage()));
            }
            if (end < content.length && content[end] == '\r' && end + 1 < content.length && content[end + 1] == '\n') {
                end++;
            }
            start = end + 1;
        }
        return lines;
    }

    private record Physical(long number, String text, String problem) {}

    private static CommentDelivery read(List<Physical> physical, String encodingLabel, String scenarioKey) {
        int index = 0;
        while (index < physical.size() && physical.get(index).text() != null && isBlank(physical.get(index).text())) {
            index++;
        }
        if (index == physical.size()) {
            throw new UnreadableFileException(encodingLabel, null, "the file is empty; it needs a header row"
                    + " (period;org_id;topic;text) and data rows below it");
        }
        Physical headerLine = physical.get(index);
        if (headerLine.text() == null) {
            throw new UnreadableFileException(encodingLabel, null, "the header row (line " + headerLine.number()
                    + ") is not readable text: " + headerLine.problem());
        }
        Delimiter delimiter = Delimiter.detect(headerLine.text());
        ColumnMapping mapping;
        try {
            mapping = HeaderMatcher.match(CsvLineSplitter.split(headerLine.text(), delimiter.character()),
                    CommentContract.COLUMNS);
        } catch (ExtractFormatException e) {
            throw new UnreadableFileException(encodingLabel, delimiter.label(),
                    "header row (line " + headerLine.number() + "): " + e.getMessage());
        }
        CommentRecord parser = new CommentRecord(mapping, scenarioKey);
        List<ExtractLine> lines = new ArrayList<>();
        for (int i = 0; i < index; i++) {
            lines.add(ExtractLine.blank(physical.get(i).number()));
        }
        char separator = delimiter.character();
        int i = index + 1;
        while (i < physical.size()) {
            Physical first = physical.get(i);
            if (first.text() == null) {
                lines.add(ExtractLine.rejected(first.number(), first.problem(), null, null));
                i++;
                continue;
            }
            if (CsvLineSplitter.isBlankRecord(first.text(), separator) && !opensQuote(first.text())) {
                lines.add(ExtractLine.blank(first.number()));
                i++;
                continue;
            }
            // A record runs on while a quote is open: the text may hold line breaks.
            StringBuilder record = new StringBuilder(first.text());
            int next = i + 1;
            String problem = null;
            while (opensQuote(record) && problem == null) {
                if (next >= physical.size() || next - i >= MAX_LINES_PER_RECORD) {
                    problem = "a quoted field opened on line " + first.number() + " is not closed"
                            + (next >= physical.size() ? " before the end of the file" : " within "
                            + MAX_LINES_PER_RECORD + " lines") + "; close the quote and double any \" inside the text";
                } else if (physical.get(next).text() == null) {
                    problem = "line " + physical.get(next).number() + " inside this comment: "
                            + physical.get(next).problem();
                    next++;
                } else {
                    record.append('\n').append(physical.get(next).text());
                    next++;
                }
            }
            String text = record.toString();
            if (problem != null) {
                lines.add(ExtractLine.rejected(first.number(), problem, text, null));
            } else {
                lines.add(parser.parse(first.number(), text, separator));
            }
            for (int blank = i + 1; blank < next; blank++) {
                // continuation lines belong to the record above: counted, never loaded on their own
                lines.add(ExtractLine.blank(physical.get(blank).number()));
            }
            i = next;
        }
        return new CommentDelivery(encodingLabel, delimiter.label(), withoutDuplicates(lines));
    }

    /**
     * Two records of one file for the same period, org and topic: both go to quarantine, since which of
     * them the controller meant cannot be told.
     */
    private static List<ExtractLine> withoutDuplicates(List<ExtractLine> lines) {
        Map<List<Object>, List<Integer>> byKey = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            ExtractLine line = lines.get(i);
            if (line.kind() == ExtractLine.Kind.VALID) {
                byKey.computeIfAbsent(List.of(line.period(), line.values().get(0), line.values().get(1)),
                        k -> new ArrayList<>()).add(i);
            }
        }
        List<ExtractLine> result = new ArrayList<>(lines);
        for (Map.Entry<List<Object>, List<Integer>> entry : byKey.entrySet()) {
            List<Integer> indexes = entry.getValue();
            if (indexes.size() < 2) {
                continue;
            }
            List<String> lineNumbers = indexes.stream().map(i -> String.valueOf(lines.get(i).lineNumber())).toList();
            for (int i : indexes) {
                ExtractLine line = lines.get(i);
                result.set(i, ExtractLine.rejected(line.lineNumber(), "period " + line.period() + ", org_id "
                        + line.values().get(0) + " and topic " + line.values().get(1) + " have " + indexes.size()
                        + " comments in this file (lines " + String.join(", ", lineNumbers)
                        + "); deliver one text per period, org and topic", line.values().get(2).toString(),
                        line.measure()));
            }
        }
        return result;
    }

    /** True when the text leaves a quote open: an odd number of quote characters. */
    private static boolean opensQuote(CharSequence text) {
        int quotes = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '"') {
                quotes++;
            }
        }
        return quotes % 2 == 1;
    }

    private static boolean isBlank(String line) {
        for (Delimiter candidate : Delimiter.values()) {
            if (CsvLineSplitter.isBlankRecord(line, candidate.character())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String encoding() {
        return encoding;
    }

    @Override
    public String delimiter() {
        return delimiter;
    }

    @Override
    public List<String> warnings() {
        return List.of();
    }

    @Override
    public Iterator<ExtractLine> lines() {
        return lines.iterator();
    }

    /** One record's fields, checked. */
    private static final class CommentRecord {
        private final ColumnMapping mapping;
        private final String scenarioKey;

        CommentRecord(ColumnMapping mapping, String scenarioKey) {
            this.mapping = mapping;
            this.scenarioKey = scenarioKey;
        }

        ExtractLine parse(long lineNumber, String record, char separator) {
            List<String> fields;
            try {
                fields = CsvLineSplitter.split(record, separator);
            } catch (ExtractFormatException e) {
                return ExtractLine.rejected(lineNumber, e.getMessage(), record, null);
            }
            if (fields.size() != mapping.fieldCount()) {
                return ExtractLine.rejected(lineNumber, "the record has " + fields.size() + " fields but the header has "
                        + mapping.fieldCount() + "; quote the text (\"…\") when it holds the separator, and double any"
                        + " \" inside it", record, null);
            }
            String text = fields.get(mapping.indexOf(CommentContract.TEXT));
            BigDecimal length = BigDecimal.valueOf(text.length());
            List<String> problems = new ArrayList<>(2);
            Integer period = null;
            String periodText = fields.get(mapping.indexOf(CommentContract.PERIOD)).strip();
            if (periodText.isEmpty()) {
                problems.add("period is empty; write YYYYMM, YYYY-MM or YYYY-MM-DD (e.g. 202403)");
            } else {
                try {
                    period = PeriodText.yyyymm(PeriodText.parsePeriod(periodText));
                } catch (ExtractFormatException e) {
                    problems.add("period " + e.getMessage());
                }
            }
            String org = fields.get(mapping.indexOf(CommentContract.ORG_ID)).strip();
            if (org.isEmpty()) {
                problems.add("org_id is empty; write the unit or area id of org_units.csv, or TOTAL");
            }
            String topic = fields.get(mapping.indexOf(CommentContract.TOPIC)).strip();
            if (topic.isEmpty()) {
                problems.add("topic is empty; write summary, worth_noting, after_period, a report section id or a"
                        + " kpi_id");
            }
            if (text.length() > CommentContract.MAX_TEXT_LENGTH) {
                problems.add("the text has " + text.length() + " characters, more than " + CommentContract.MAX_TEXT_LENGTH
                        + "; shorten it or check that a quote was not left open");
            }
            if (!problems.isEmpty()) {
                return ExtractLine.rejected(lineNumber, String.join("; ", problems), record, length);
            }
            return ExtractLine.valid(lineNumber, scenarioKey, period, length, org, topic, text);
        }
    }
}

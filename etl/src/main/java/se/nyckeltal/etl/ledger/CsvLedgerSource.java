package se.nyckeltal.etl.ledger;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.FileInputFormat;
import org.apache.hadoop.mapred.JobConf;
import org.apache.hadoop.mapred.TextInputFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import se.nyckeltal.etl.extract.LandingFile;
import se.nyckeltal.etl.spark.SparkPaths;
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
 * A ledger CSV. The driver reads the start of the file to decide the encoding and to match the
 * header; Spark then reads the lines as raw bytes, numbers them and validates them. Spark never
 * decodes text or parses a number itself (SPEC §9): its CSV reader would turn åäö into U+FFFD and
 * {@code -1234,50} into {@code -123450.00} without a word.
 */
final class CsvLedgerSource implements LedgerSource {
    private final LandingFile file;
    private final TextEncoding encoding;
    private final Delimiter delimiter;
    private final CsvLedgerParser parser;

    private CsvLedgerSource(LandingFile file, TextEncoding encoding, Delimiter delimiter, CsvLedgerParser parser) {
        this.file = requireNonNull(file, "file");
        this.encoding = requireNonNull(encoding, "encoding");
        this.delimiter = requireNonNull(delimiter, "delimiter");
        this.parser = requireNonNull(parser, "parser");
    }

    /**
     * Reads the header. A file without a usable header is refused whole.
     *
     * @throws UnreadableFileException when the header is missing, unreadable or lacks a required column
     */
    static CsvLedgerSource open(LandingFile file) {
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
                        + EncodingDetector.SAMPLE_BYTES / (1 << 20) + " MiB; is this a ledger CSV extract?");
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
                    mapping = HeaderMatcher.match(CsvLineSplitter.split(line, delimiter.character()),
                            LedgerContract.COLUMNS);
                } catch (ExtractFormatException e) {
                    throw new UnreadableFileException(encodingLabel, delimiter.label(),
                            "header row (line " + (index + 1) + "): " + e.getMessage());
                }
                return new CsvLedgerSource(file, encoding, delimiter,
                        new CsvLedgerParser(encoding, delimiter, index, mapping));
            }
            if (end + 1 < sample.length && sample[end] == '\r' && sample[end + 1] == '\n') {
                end++;
            }
            start = end + 1;
            index++;
        }
        throw new UnreadableFileException(encodingLabel, null, "the file is empty; it needs a header row ("
                + String.join(";", LedgerContract.COLUMNS.stream().map(c -> c.canonical()).toList())
                + ") and one row per amount");
    }

    @Override
    public LandingFile file() {
        return file;
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
    public JavaRDD<Row> lines(JavaSparkContext spark, int fileIndex) {
        JobConf conf = new JobConf(spark.hadoopConfiguration());
        // A Path object, not a path string: hadoopFile would split a string at commas.
        FileInputFormat.setInputPaths(conf, new Path(SparkPaths.input(file.path())));
        CsvLedgerParser lineParser = parser;
        // One partition per block of the file (minPartitions 1): a small file is one partition, so
        // zipWithIndex needs no extra Spark job to count lines.
        return spark.hadoopRDD(conf, TextInputFormat.class, LongWritable.class, Text.class, 1)
                // The record reader reuses its Text: copy the undecoded bytes out at once.
                .map(record -> Arrays.copyOf(record._2().getBytes(), record._2().getLength()))
                .zipWithIndex()
                .flatMap(numbered -> {
                    LedgerLine line = lineParser.parse(numbered._1(), numbered._2());
                    return line == null ? Collections.emptyIterator() : List.of(line.toRow(fileIndex)).iterator();
                });
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

    static String label(TextEncoding encoding) {
        return switch (encoding) {
            case UTF8 -> "UTF-8";
            case WINDOWS_1252 -> "windows-1252";
            case ASCII -> "ASCII";
        };
    }
}

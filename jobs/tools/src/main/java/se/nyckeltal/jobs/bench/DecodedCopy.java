package se.nyckeltal.jobs.bench;

import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import se.nyckeltal.schemas.text.ExtractFormatException;
import se.nyckeltal.schemas.text.LineDecoder;
import se.nyckeltal.schemas.text.TextEncoding;

/**
 * A delivery decoded in Java, line by line exactly as the Spark path decodes it (Hadoop's line ends
 * LF, CR and CRLF; schemas' LineDecoder), and written as UTF-8 with LF line ends for DuckDB to read.
 * Only for the files DuckDB cannot be given as they are (see {@link LedgerDelivery}) or whose bytes
 * DuckDB found invalid as UTF-8; their cost is part of the baseline's time.
 *
 * <p>A line that cannot be decoded is written empty, so that line numbers stay, and is listed with
 * the reason and text the Spark path quarantines it with.
 */
final class DecodedCopy {
    /** A physical line that is not text in the file's encoding: quarantined. */
    record UndecodableLine(long lineNumber, String reason, String rawLine) {
        UndecodableLine {
            requireNonNull(reason, "reason");
            requireNonNull(rawLine, "rawLine");
        }
    }

    private DecodedCopy() {}

    /** @return the lines below the header that could not be decoded */
    static List<UndecodableLine> write(Path source, TextEncoding encoding, long headerLine, Path target) {
        LineDecoder decoder = new LineDecoder(encoding);
        List<UndecodableLine> undecodable = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(source), 1 << 16);
                Writer out = new BufferedWriter(Files.newBufferedWriter(target, StandardCharsets.UTF_8), 1 << 16)) {
            byte[] line = new byte[256];
            int length = 0;
            long index = 0;
            int b = in.read();
            while (b >= 0) {
                if (b == '\n' || b == '\r') {
                    int next = in.read();
                    if (b == '\r' && next == '\n') {
                        next = in.read();
                    }
                    writeLine(decoder, line, length, index++, headerLine, out, undecodable);
                    length = 0;
                    b = next;
                    continue;
                }
                if (length == line.length) {
                    line = Arrays.copyOf(line, length * 2);
                }
                line[length++] = (byte) b;
                b = in.read();
            }
            if (length > 0) {
                writeLine(decoder, line, length, index, headerLine, out, undecodable);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode " + source + " into " + target, e);
        }
        return undecodable;
    }

    private static void writeLine(LineDecoder decoder, byte[] bytes, int length, long index, long headerLine,
            Writer out, List<UndecodableLine> undecodable) throws IOException {
        try {
            out.write(decoder.decode(bytes, 0, length, index == 0));
        } catch (ExtractFormatException e) {
            long lineNumber = index + 1;
            // Lines above the header are blank for the Spark path whatever they hold.
            if (lineNumber > headerLine) {
                undecodable.add(new UndecodableLine(lineNumber, "the line is not readable text: " + e.getMessage(),
                        lossy(bytes, length, decoder.encoding())));
            }
        }
        out.write('\n');
    }

    /** The line rendered with replacement characters, as etl's CsvExtract shows a line it could not decode. */
    private static String lossy(byte[] bytes, int length, TextEncoding encoding) {
        Charset charset = encoding == TextEncoding.WINDOWS_1252 ? Charset.forName("windows-1252") : StandardCharsets.UTF_8;
        return new String(bytes, 0, length, charset);
    }
}

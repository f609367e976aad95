package se.nyckeltal.jobs.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import se.nyckeltal.schemas.text.EncodingDetector;
import se.nyckeltal.schemas.text.ExtractFormatException;
import se.nyckeltal.schemas.text.TextEncoding;

/**
 * One delivered ledger CSV as the baseline finds it in one pass over its bytes: the header (from the
 * first MiB, as the Spark driver reads it) and whether DuckDB's CSV reader can be given the file
 * as it is.
 *
 * <p>It cannot when the file has a lone carriage return (Hadoop ends a line there; DuckDB's reader,
 * told {@code \r\n}, drops the character after it), or is Windows-1252 with a byte in 0x80–0x9F
 * (DuckDB's {@code latin-1} refuses the whole file, and those bytes are €, –, ’ … in Windows-1252),
 * or its name is a glob pattern to DuckDB. Such a file is decoded in Java instead ({@link DecodedCopy}).
 *
 * @param sourceFile landing-relative name, e.g. {@code ledger/huvudbok-2024-03.csv}, as in the facts
 * @param header null when the file is unreadable
 * @param unreadable why the file is refused whole, or null
 * @param decodeInJava true when DuckDB must read a Java-decoded copy instead of the file
 */
record LedgerDelivery(Path path, String sourceFile, LedgerHeader header, String unreadable, boolean decodeInJava) {
    private static final String GLOB_CHARACTERS = "*?[]{}";

    LedgerDelivery {
        requireNonNull(path, "path");
        requireNonNull(sourceFile, "sourceFile");
        if ((header == null) == (unreadable == null)) {
            throw new IllegalArgumentException("a delivery has a header or a reason it is unreadable");
        }
    }

    static LedgerDelivery scan(Path path, String sourceFile) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(EncodingDetector.SAMPLE_BYTES);
            readFully(channel, buffer);
            int sampleLength = buffer.position();
            boolean truncated = channel.size() > sampleLength;
            LedgerHeader header;
            try {
                header = LedgerHeader.find(buffer.array(), sampleLength, truncated);
            } catch (ExtractFormatException e) {
                return new LedgerDelivery(path, sourceFile, null, e.getMessage(), false);
            }
            boolean checkC1 = header.encoding() == TextEncoding.WINDOWS_1252;
            boolean decodeInJava = hasGlobCharacter(path);
            boolean previousCr = false;
            while (!decodeInJava && buffer.position() > 0) {
                byte[] bytes = buffer.array();
                int length = buffer.position();
                for (int i = 0; i < length; i++) {
                    byte b = bytes[i];
                    if (previousCr && b != '\n') {
                        decodeInJava = true;
                        break;
                    }
                    previousCr = b == '\r';
                    if (checkC1 && (b & 0xE0) == 0x80) {
                        decodeInJava = true;
                        break;
                    }
                }
                buffer.clear();
                readFully(channel, buffer);
            }
            // A carriage return as the file's last byte ends a line for Hadoop, and is lone here too.
            decodeInJava |= previousCr;
            return new LedgerDelivery(path, sourceFile, header, null, decodeInJava);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    boolean readable() {
        return header != null;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            // keep reading until the buffer is full or the file ends
        }
    }

    private static boolean hasGlobCharacter(Path path) {
        String name = path.toString();
        for (int i = 0; i < name.length(); i++) {
            if (GLOB_CHARACTERS.indexOf(name.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }
}

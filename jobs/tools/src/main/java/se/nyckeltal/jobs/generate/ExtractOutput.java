package se.nyckeltal.jobs.generate;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One generated extract being written: text gathered in a small buffer and encoded a chunk at a
 * time, so a month of a large region (a million HR rows) never sits in memory whole, and a row
 * costs a few appends rather than a String.format.
 */
final class ExtractOutput implements AutoCloseable {
    private static final int CHUNK = 1 << 16;
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Path file;
    private final Charset charset;
    private final OutputStream out;
    private final StringBuilder text = new StringBuilder(CHUNK + 512);
    private long rows;

    private ExtractOutput(Path file, Charset charset, OutputStream out) {
        this.file = file;
        this.charset = charset;
        this.out = out;
    }

    /** Creates (or replaces) the file and its folder; a UTF-8 byte-order mark first when {@code bom}. */
    static ExtractOutput open(Path file, Charset charset, boolean bom) {
        try {
            Files.createDirectories(file.getParent());
            OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), CHUNK);
            if (bom) {
                out.write(UTF8_BOM);
            }
            return new ExtractOutput(file, charset, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    ExtractOutput append(String value) {
        text.append(value);
        return this;
    }

    ExtractOutput append(char value) {
        text.append(value);
        return this;
    }

    ExtractOutput append(long value) {
        text.append(value);
        return this;
    }

    /** Ends a line (the header too); data rows are counted with {@link #endRow}. */
    void endLine(String newline) {
        text.append(newline);
        if (text.length() >= CHUNK) {
            flushText();
        }
    }

    /** Ends a data row. */
    void endRow(String newline) {
        rows++;
        endLine(newline);
    }

    /** Data rows ended so far. */
    long rows() {
        return rows;
    }

    Path file() {
        return file;
    }

    private void flushText() {
        try {
            out.write(text.toString().getBytes(charset));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        text.setLength(0);
    }

    @Override
    public void close() {
        flushText();
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}

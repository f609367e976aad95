package se.nyckeltal.schemas.text;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns the bytes of one physical line into text in a file's encoding. Strips a UTF-8 byte-order
 * mark on the first line and a trailing carriage return (CRLF files). Never guesses silently: bytes
 * that are invalid in the encoding raise an {@link ExtractFormatException}, which the reader turns
 * into a quarantined line.
 */
public final class LineDecoder implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private final TextEncoding encoding;

    public LineDecoder(TextEncoding encoding) {
        this.encoding = requireNonNull(encoding, "encoding");
    }

    public TextEncoding encoding() {
        return encoding;
    }

    public String decode(byte[] bytes, int offset, int length, boolean firstLine) {
        int start = offset;
        int end = offset + length;
        if (firstLine && length >= 3 && (bytes[start] & 0xFF) == 0xEF && (bytes[start + 1] & 0xFF) == 0xBB
                && (bytes[start + 2] & 0xFF) == 0xBF) {
            start += 3;
        }
        if (end > start && bytes[end - 1] == '\r') {
            end--;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, start, end - start);
        switch (encoding) {
            case UTF8:
                return strict(StandardCharsets.UTF_8, buffer, "the file starts as UTF-8 but this line has bytes that"
                        + " are not valid UTF-8; export the whole file in one encoding (UTF-8 or Windows-1252)");
            case WINDOWS_1252:
                return strict(WINDOWS_1252, buffer, "the line has bytes that are undefined in Windows-1252;"
                        + " export the file as UTF-8 or Windows-1252");
            case ASCII:
            default:
                try {
                    return StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(buffer.duplicate())
                            .toString();
                } catch (CharacterCodingException notUtf8) {
                    return strict(WINDOWS_1252, buffer, "the line is neither valid UTF-8 nor Windows-1252;"
                            + " export the file as UTF-8 or Windows-1252");
                }
        }
    }

    public String decode(byte[] bytes, boolean firstLine) {
        return decode(bytes, 0, bytes.length, firstLine);
    }

    private static String strict(Charset charset, ByteBuffer buffer, String problem) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(buffer)
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ExtractFormatException(problem);
        }
    }
}

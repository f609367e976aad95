package se.nyckeltal.warehouse.gateway.wire;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One message from the client: its type byte and body, with readers for the body's fields in order.
 * Start-up packets have no type byte; they come as type 0.
 */
public final class FrontendMessage {
    private final char type;
    private final ByteBuffer body;

    public FrontendMessage(char type, byte[] body) {
        this.type = type;
        this.body = ByteBuffer.wrap(body);
    }

    public char type() {
        return type;
    }

    public int remaining() {
        return body.remaining();
    }

    public byte readByte() {
        try {
            return body.get();
        } catch (BufferUnderflowException e) {
            throw tooShort();
        }
    }

    public short readShort() {
        try {
            return body.getShort();
        } catch (BufferUnderflowException e) {
            throw tooShort();
        }
    }

    public int readInt() {
        try {
            return body.getInt();
        } catch (BufferUnderflowException e) {
            throw tooShort();
        }
    }

    /**
     * An Int16 count of the fields that follow (parameters, formats, types), each at least
     * {@code minBytesEach} bytes long: a negative count or one the message cannot hold is a protocol
     * violation, never an allocation.
     */
    public int readCount(String what, int minBytesEach) {
        int count = readShort();
        if (count < 0 || (long) count * minBytesEach > body.remaining()) {
            throw new ProtocolException("invalid " + what + " count " + count + " in message '" + type + "'");
        }
        return count;
    }

    /** An Int32 length of the bytes that follow, which must be there (no NULL allowed). */
    public int readLength(String what) {
        int length = readInt();
        if (length < 0 || length > body.remaining()) {
            throw new ProtocolException("invalid " + what + " length " + length + " in message '" + type + "'");
        }
        return length;
    }

    private ProtocolException tooShort() {
        return new ProtocolException("message '" + type + "' is shorter than its fields");
    }

    /** A NUL-terminated UTF-8 string. */
    public String readCString() {
        int start = body.position();
        int end = start;
        while (end < body.limit() && body.get(end) != 0) {
            end++;
        }
        if (end == body.limit()) {
            throw new ProtocolException("unterminated string in message '" + type + "'");
        }
        String text = new String(body.array(), start, end - start, StandardCharsets.UTF_8);
        body.position(end + 1);
        return text;
    }

    /** n bytes, or null for length -1 (a NULL parameter). */
    public byte[] readBytes(int length) {
        if (length == -1) {
            return null;
        }
        if (length < 0) {
            throw new ProtocolException("invalid field length " + length + " in message '" + type + "'");
        }
        if (length > body.remaining()) {
            throw new ProtocolException("message '" + type + "' is shorter than its fields");
        }
        byte[] bytes = new byte[length];
        body.get(bytes);
        return bytes;
    }

    public byte[] readRest() {
        return readBytes(body.remaining());
    }
}

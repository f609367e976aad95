package se.nyckeltal.warehouse.gateway.wire;

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
        return body.get();
    }

    public short readShort() {
        return body.getShort();
    }

    public int readInt() {
        return body.getInt();
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
        if (length < 0) {
            return null;
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

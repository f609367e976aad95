package se.nyckeltal.warehouse.gateway.wire;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Reads frontend messages from a connection's input. */
public final class MessageReader {
    /** Larger messages are refused: no query text or parameter set an analyst sends comes near. */
    private static final int MAX_MESSAGE = 64 * 1024 * 1024;

    private final DataInputStream in;

    public MessageReader(InputStream in) {
        this.in = new DataInputStream(in);
    }

    /** A start-up packet: length, then the body (protocol version or request code first). */
    public FrontendMessage readStartup() throws IOException {
        int length = in.readInt();
        if (length < 8 || length > 10_000) {
            throw new ProtocolException("invalid start-up packet length " + length);
        }
        return new FrontendMessage('\0', readFully(length - 4));
    }

    /** The next typed message, or null at the end of the stream. */
    public FrontendMessage read() throws IOException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            return null;
        }
        if (length < 4 || length > MAX_MESSAGE) {
            throw new ProtocolException("invalid length " + length + " of message '" + (char) type + "'");
        }
        return new FrontendMessage((char) type, readFully(length - 4));
    }

    private byte[] readFully(int length) throws IOException {
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }
}

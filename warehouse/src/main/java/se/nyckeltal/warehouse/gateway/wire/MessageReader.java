package se.nyckeltal.warehouse.gateway.wire;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads frontend messages from a connection's input. Every body is bounded twice before it is
 * allocated: by a per-message limit (small before authentication: start-up and SASL messages are a
 * few hundred bytes) and by the server-wide {@link BufferBudget}.
 */
public final class MessageReader implements AutoCloseable {
    /** Larger messages are refused: no query text or parameter set an analyst sends comes near. */
    public static final int MAX_MESSAGE = 64 * 1024 * 1024;
    /** The largest start-up packet PostgreSQL accepts (MAX_STARTUP_PACKET_LENGTH). */
    public static final int MAX_STARTUP = 10_000;
    /** The largest message before authentication: SASL messages carry a nonce and a proof. */
    public static final int MAX_BEFORE_LOGIN = 16 * 1024;

    private final DataInputStream in;
    private final BufferBudget budget;
    private long held;

    public MessageReader(InputStream in, BufferBudget budget) {
        this.in = new DataInputStream(in);
        this.budget = budget;
    }

    /** A start-up packet: length, then the body (protocol version or request code first). */
    public FrontendMessage readStartup() throws IOException {
        int length = in.readInt();
        if (length < 8 || length > MAX_STARTUP) {
            throw new ProtocolException("invalid start-up packet length " + length);
        }
        return new FrontendMessage('\0', readFully(length - 4));
    }

    /** The next typed message of an authenticated client, or null at the end of the stream. */
    public FrontendMessage read() throws IOException {
        return read(MAX_MESSAGE);
    }

    /** The next typed message, at most {@code maxLength} bytes long, or null at the end of the stream. */
    public FrontendMessage read(int maxLength) throws IOException {
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
        if (length < 4 || length > maxLength) {
            throw new ProtocolException("invalid length " + length + " of message '" + (char) type + "'"
                    + (maxLength < MAX_MESSAGE ? " before authentication" : ""));
        }
        return new FrontendMessage((char) type, readFully(length - 4));
    }

    private byte[] readFully(int length) throws IOException {
        releaseHeld();
        if (!budget.tryReserve(length)) {
            throw PgError.fatal(PgError.OUT_OF_MEMORY, "the gateway holds too many large messages right now ("
                    + budget.limit() / (1024 * 1024) + " MB in all, connections.buffer_limit); try again shortly");
        }
        held = length;
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    private void releaseHeld() {
        if (held > 0) {
            budget.release(held);
            held = 0;
        }
    }

    /** Returns what the last message reserved; the connection is done with it. */
    @Override
    public void close() {
        releaseHeld();
    }
}

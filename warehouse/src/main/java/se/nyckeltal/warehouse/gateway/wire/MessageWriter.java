package se.nyckeltal.warehouse.gateway.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Backend messages (PostgreSQL protocol 3.0), buffered until {@link #flush()}: a whole response goes
 * out in as few packets as the socket allows. Each message is written straight into the one buffer
 * and its length filled in at the end (an import writes a DataRow per row: no per-byte locking, no
 * copy per message).
 */
public final class MessageWriter {
    /** Flush on the way when this much is buffered, so a big result streams instead of piling up. */
    private static final int FLUSH_AT = 64 * 1024;

    private final OutputStream out;
    private final Bytes buffer = new Bytes(FLUSH_AT + 1024);
    /** Where the message being written starts in the buffer (its type byte). */
    private int start;

    public MessageWriter(OutputStream out) {
        this.out = out;
    }

    /** One field of a RowDescription. */
    public record Field(String name, ColumnType type, int format) {}

    public void authenticationOk() throws IOException {
        begin('R');
        int32(0);
        end();
    }

    public void authenticationSasl(String mechanism) throws IOException {
        begin('R');
        int32(10);
        cstring(mechanism);
        buffer.write(0);
        end();
    }

    public void authenticationSaslContinue(String data) throws IOException {
        begin('R');
        int32(11);
        buffer.writeBytes(data.getBytes(StandardCharsets.UTF_8));
        end();
    }

    public void authenticationSaslFinal(String data) throws IOException {
        begin('R');
        int32(12);
        buffer.writeBytes(data.getBytes(StandardCharsets.UTF_8));
        end();
    }

    public void parameterStatus(String name, String value) throws IOException {
        begin('S');
        cstring(name);
        cstring(value);
        end();
    }

    public void backendKeyData(int processId, int secret) throws IOException {
        begin('K');
        int32(processId);
        int32(secret);
        end();
    }

    /** 'I' idle, 'T' in a transaction block, 'E' in a failed transaction block. */
    public void readyForQuery(char status) throws IOException {
        begin('Z');
        buffer.write(status);
        end();
    }

    public void rowDescription(List<Field> fields) throws IOException {
        begin('T');
        int16(fields.size());
        for (Field field : fields) {
            cstring(field.name());
            int32(0);
            int16(0);
            int32(field.type().type().oid());
            int16(field.type().typlen());
            int32(field.type().typmod());
            int16(field.format());
        }
        end();
    }

    /** One row: each value already encoded, null for SQL NULL. */
    public void dataRow(byte[][] values) throws IOException {
        begin('D');
        int16(values.length);
        for (byte[] value : values) {
            if (value == null) {
                int32(-1);
            } else {
                int32(value.length);
                buffer.writeBytes(value);
            }
        }
        end();
    }

    public void commandComplete(String tag) throws IOException {
        begin('C');
        cstring(tag);
        end();
    }

    public void emptyQueryResponse() throws IOException {
        empty('I');
    }

    public void parseComplete() throws IOException {
        empty('1');
    }

    public void bindComplete() throws IOException {
        empty('2');
    }

    public void closeComplete() throws IOException {
        empty('3');
    }

    /** CopyOutResponse: the overall format (0 text, 1 binary) and each column's, the same. */
    public void copyOutResponse(int format, int columns) throws IOException {
        begin('H');
        buffer.write(format);
        int16(columns);
        for (int i = 0; i < columns; i++) {
            int16(format);
        }
        end();
    }

    public void copyData(byte[] data) throws IOException {
        begin('d');
        buffer.writeBytes(data);
        end();
    }

    public void copyDone() throws IOException {
        begin('c');
        end();
    }

    public void noData() throws IOException {
        empty('n');
    }

    public void portalSuspended() throws IOException {
        empty('s');
    }

    public void parameterDescription(int[] oids) throws IOException {
        begin('t');
        int16(oids.length);
        for (int oid : oids) {
            int32(oid);
        }
        end();
    }

    public void error(PgError error) throws IOException {
        notice('E', error.isFatal() ? "FATAL" : "ERROR", error.sqlState(), error.getMessage(), error.hint());
    }

    public void notice(String sqlState, String text) throws IOException {
        notice('N', "NOTICE", sqlState, text, null);
    }

    private void notice(char type, String severity, String sqlState, String text, String hint) throws IOException {
        begin(type);
        field('S', severity);
        field('V', severity);
        field('C', sqlState);
        field('M', text);
        if (hint != null) {
            field('H', hint);
        }
        buffer.write(0);
        end();
    }

    /** A single byte outside any message: the answer to SSLRequest and GSSENCRequest. */
    public void rawByte(char value) throws IOException {
        buffer.write(value);
        flush();
    }

    public void flush() throws IOException {
        buffer.writeTo(out);
        buffer.reset();
        out.flush();
    }

    private void field(char code, String value) {
        buffer.write(code);
        cstring(value);
    }

    private void empty(char type) throws IOException {
        begin(type);
        end();
    }

    private void begin(char type) {
        start = buffer.size();
        buffer.write(type);
        int32(0);
    }

    private void end() throws IOException {
        buffer.putInt(start + 1, buffer.size() - start - 1);
        if (buffer.size() >= FLUSH_AT) {
            flush();
        }
    }

    private void int16(int value) {
        buffer.write(value >>> 8);
        buffer.write(value);
    }

    private void int32(int value) {
        buffer.ensure(4);
        buffer.putInt(buffer.size, value);
        buffer.size += 4;
    }

    /** A growable byte array without ByteArrayOutputStream's per-call locking. */
    private static final class Bytes {
        private byte[] data;
        private int size;

        Bytes(int capacity) {
            data = new byte[capacity];
        }

        int size() {
            return size;
        }

        void write(int value) {
            ensure(1);
            data[size++] = (byte) value;
        }

        void writeBytes(byte[] bytes) {
            ensure(bytes.length);
            System.arraycopy(bytes, 0, data, size, bytes.length);
            size += bytes.length;
        }

        void putInt(int at, int value) {
            data[at] = (byte) (value >>> 24);
            data[at + 1] = (byte) (value >>> 16);
            data[at + 2] = (byte) (value >>> 8);
            data[at + 3] = (byte) value;
        }

        void writeTo(OutputStream out) throws IOException {
            out.write(data, 0, size);
        }

        void reset() {
            size = 0;
        }

        private void ensure(int more) {
            if (size + more > data.length) {
                data = java.util.Arrays.copyOf(data, Math.max(data.length * 2, size + more));
            }
        }
    }

    private void cstring(String text) {
        buffer.writeBytes(text.replace("\0", "").getBytes(StandardCharsets.UTF_8));
        buffer.write(0);
    }
}

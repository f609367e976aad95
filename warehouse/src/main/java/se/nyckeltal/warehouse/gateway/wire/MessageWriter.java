package se.nyckeltal.warehouse.gateway.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Backend messages (PostgreSQL protocol 3.0), buffered until {@link #flush()}: a whole response goes
 * out in as few packets as the socket allows.
 */
public final class MessageWriter {
    /** Flush on the way when this much is buffered, so a big result streams instead of piling up. */
    private static final int FLUSH_AT = 64 * 1024;

    private final OutputStream out;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(FLUSH_AT + 1024);
    private final ByteArrayOutputStream message = new ByteArrayOutputStream(256);

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
        message.write(0);
        end();
    }

    public void authenticationSaslContinue(String data) throws IOException {
        begin('R');
        int32(11);
        message.writeBytes(data.getBytes(StandardCharsets.UTF_8));
        end();
    }

    public void authenticationSaslFinal(String data) throws IOException {
        begin('R');
        int32(12);
        message.writeBytes(data.getBytes(StandardCharsets.UTF_8));
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
        message.write(status);
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
                message.writeBytes(value);
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
        message.write(format);
        int16(columns);
        for (int i = 0; i < columns; i++) {
            int16(format);
        }
        end();
    }

    public void copyData(byte[] data) throws IOException {
        begin('d');
        message.writeBytes(data);
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
        message.write(0);
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
        message.write(code);
        cstring(value);
    }

    private void empty(char type) throws IOException {
        begin(type);
        end();
    }

    private void begin(char type) {
        message.reset();
        message.write(type);
        int32(0);
    }

    private void end() throws IOException {
        byte[] bytes = message.toByteArray();
        int length = bytes.length - 1;
        bytes[1] = (byte) (length >>> 24);
        bytes[2] = (byte) (length >>> 16);
        bytes[3] = (byte) (length >>> 8);
        bytes[4] = (byte) length;
        buffer.writeBytes(bytes);
        if (buffer.size() >= FLUSH_AT) {
            flush();
        }
    }

    private void int16(int value) {
        message.write(value >>> 8);
        message.write(value);
    }

    private void int32(int value) {
        message.write(value >>> 24);
        message.write(value >>> 16);
        message.write(value >>> 8);
        message.write(value);
    }

    private void cstring(String text) {
        message.writeBytes(text.replace("\0", "").getBytes(StandardCharsets.UTF_8));
        message.write(0);
    }
}

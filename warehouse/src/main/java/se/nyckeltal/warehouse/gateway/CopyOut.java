package se.nyckeltal.warehouse.gateway;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import se.nyckeltal.warehouse.gateway.sql.CopyCommand;
import se.nyckeltal.warehouse.gateway.wire.ColumnType;
import se.nyckeltal.warehouse.gateway.wire.ValueCodec;

/**
 * Rows as COPY … TO STDOUT writes them (https://www.postgresql.org/docs/15/sql-copy.html#id-1.9.3.55.9):
 * text (tab-separated, \N for NULL, backslash escapes), csv (quoted where needed, NULL as the empty
 * string) and binary (PGCOPY header, per row a field count and length-prefixed binary values).
 * Each row is one CopyData message.
 */
final class CopyOut {
    private static final byte[] BINARY_SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

    private final CopyCommand copy;
    private final List<ColumnType> types;
    private final ZoneId zone;

    CopyOut(CopyCommand copy, List<ColumnType> types, ZoneId zone) {
        this.copy = copy;
        this.types = types;
        this.zone = zone;
    }

    /** What comes before the first row: the binary header, or the CSV/text header line. */
    byte[] start(List<String> columnNames) {
        if (copy.format() == CopyCommand.Format.BINARY) {
            return ByteBuffer.allocate(BINARY_SIGNATURE.length + 8).put(BINARY_SIGNATURE).putInt(0).putInt(0).array();
        }
        if (!copy.header()) {
            return new byte[0];
        }
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < columnNames.size(); i++) {
            if (i > 0) {
                line.append(copy.delimiter());
            }
            line.append(copy.format() == CopyCommand.Format.CSV ? csv(columnNames.get(i)) : text(columnNames.get(i)));
        }
        return line.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    byte[] row(Object[] row) {
        if (copy.format() == CopyCommand.Format.BINARY) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * row.length);
            bytes.writeBytes(ByteBuffer.allocate(2).putShort((short) row.length).array());
            for (int i = 0; i < row.length; i++) {
                byte[] value = row[i] == null ? null : ValueCodec.binary(row[i], types.get(i));
                bytes.writeBytes(ByteBuffer.allocate(4).putInt(value == null ? -1 : value.length).array());
                if (value != null) {
                    bytes.writeBytes(value);
                }
            }
            return bytes.toByteArray();
        }
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                line.append(copy.delimiter());
            }
            if (row[i] == null) {
                line.append(copy.nullText());
                continue;
            }
            String value = ValueCodec.text(row[i], types.get(i), zone);
            line.append(copy.format() == CopyCommand.Format.CSV ? csv(value) : text(value));
        }
        return line.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The binary trailer (a field count of −1); nothing for text and csv. */
    byte[] end() {
        return copy.format() == CopyCommand.Format.BINARY ? new byte[] {(byte) 0xFF, (byte) 0xFF} : new byte[0];
    }

    private String text(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case 0x0B -> out.append("\\v");
                default -> {
                    if (c == copy.delimiter()) {
                        out.append('\\');
                    }
                    out.append(c);
                }
            }
        }
        return out.toString();
    }

    private String csv(String value) {
        boolean quote = copy.forceQuoteAll() || value.isEmpty() && copy.nullText().isEmpty()
                || value.equals(copy.nullText()) || value.indexOf(copy.delimiter()) >= 0
                || value.indexOf(copy.quote()) >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0
                || value.startsWith("\\.");
        if (!quote) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 2).append(copy.quote());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == copy.quote() || c == copy.escape()) {
                out.append(copy.escape());
            }
            out.append(c);
        }
        return out.append(copy.quote()).toString();
    }
}

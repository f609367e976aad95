package se.nyckeltal.warehouse.query;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * CSV as SPEC §8 fixes it for scripts: a header row, {@code ,} between fields, {@code .} decimals,
 * NULL as an empty field, a field quoted (RFC 4180, {@code "} doubled) only when it holds a comma,
 * a quote or a line break. Lines end with {@code \n}. Rows stream out as they are read.
 */
final class CsvResultWriter implements ResultWriter {
    @Override
    public void write(ResultSet result, Appendable out) throws SQLException, IOException {
        ResultSetMetaData meta = result.getMetaData();
        int columns = meta.getColumnCount();
        for (int i = 1; i <= columns; i++) {
            if (i > 1) {
                out.append(',');
            }
            out.append(field(meta.getColumnLabel(i)));
        }
        out.append('\n');
        while (result.next()) {
            for (int i = 1; i <= columns; i++) {
                if (i > 1) {
                    out.append(',');
                }
                String text = ResultValue.text(ResultValue.read(result, i));
                if (text != null) {
                    out.append(field(text));
                }
            }
            out.append('\n');
        }
    }

    static String field(String text) {
        boolean quote = false;
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}

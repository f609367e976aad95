package se.nyckeltal.warehouse.query;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Aligned columns for a terminal, like psql: numbers right-aligned, text left-aligned, NULL blank,
 * line breaks inside a value shown as {@code ↵}, and a row-count footer. Reads the whole result first
 * to size the columns.
 */
final class TableResultWriter implements ResultWriter {
    @Override
    public void write(ResultSet result, Appendable out) throws SQLException, IOException {
        ResultSetMetaData meta = result.getMetaData();
        int columns = meta.getColumnCount();
        String[] header = new String[columns];
        boolean[] numeric = new boolean[columns];
        int[] width = new int[columns];
        for (int i = 0; i < columns; i++) {
            header[i] = meta.getColumnLabel(i + 1);
            numeric[i] = ResultValue.isNumeric(meta.getColumnType(i + 1));
            width[i] = length(header[i]);
        }
        List<String[]> rows = new ArrayList<>();
        while (result.next()) {
            String[] row = new String[columns];
            for (int i = 0; i < columns; i++) {
                String text = ResultValue.text(ResultValue.read(result, i + 1));
                row[i] = text == null ? "" : text.replace("\r\n", "↵").replace('\n', '↵').replace('\r', '↵');
                width[i] = Math.max(width[i], length(row[i]));
            }
            rows.add(row);
        }

        StringBuilder line = new StringBuilder();
        for (int i = 0; i < columns; i++) {
            line.append(i == 0 ? " " : " | ").append(centre(header[i], width[i]));
        }
        out.append(strip(line)).append('\n');
        line.setLength(0);
        for (int i = 0; i < columns; i++) {
            line.append(i == 0 ? "" : "+").append("-".repeat(width[i] + 2));
        }
        out.append(line).append('\n');
        for (String[] row : rows) {
            line.setLength(0);
            for (int i = 0; i < columns; i++) {
                line.append(i == 0 ? " " : " | ").append(numeric[i] ? padLeft(row[i], width[i]) : padRight(row[i], width[i]));
            }
            out.append(strip(line)).append('\n');
        }
        out.append('(').append(String.valueOf(rows.size())).append(rows.size() == 1 ? " row)" : " rows)").append('\n');
    }

    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /** Right-aligned. */
    private static String padLeft(String text, int width) {
        return " ".repeat(width - length(text)) + text;
    }

    /** Left-aligned. */
    private static String padRight(String text, int width) {
        return text + " ".repeat(width - length(text));
    }

    private static String centre(String text, int width) {
        int space = width - length(text);
        return " ".repeat(space / 2) + text + " ".repeat(space - space / 2);
    }

    private static String strip(StringBuilder line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') {
            end--;
        }
        return line.substring(0, end);
    }
}

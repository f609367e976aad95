package se.nyckeltal.schemas.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line into fields: fields may be quoted with {@code "} (a doubled quote inside is one
 * quote), white space around unquoted fields is dropped. A field quoted across a line break is not
 * supported (extracts are one record per line): its line fails with a clear reason.
 */
public final class CsvLineSplitter {
    private CsvLineSplitter() {}

    public static List<String> split(String line, char delimiter) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = line.length();
        while (true) {
            // Skip leading white space of the field (but not the delimiter itself, which may be a tab).
            while (i < n && line.charAt(i) != delimiter && isBlank(line.charAt(i))) {
                i++;
            }
            if (i < n && line.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = line.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && line.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                            continue;
                        }
                        closed = true;
                        i++;
                        break;
                    }
                    field.append(c);
                    i++;
                }
                if (!closed) {
                    throw new ExtractFormatException("a quoted field is not closed (missing \" before the end of the"
                            + " line); quote fields on one line and double any \" inside them");
                }
                while (i < n && line.charAt(i) != delimiter) {
                    if (!isBlank(line.charAt(i))) {
                        throw new ExtractFormatException("text after a closing quote in field " + (fields.size() + 1)
                                + "; quote the whole field and double any \" inside it");
                    }
                    i++;
                }
                fields.add(field.toString());
            } else {
                int start = i;
                while (i < n && line.charAt(i) != delimiter) {
                    i++;
                }
                int end = i;
                while (end > start && (isBlank(line.charAt(end - 1)) || Character.isWhitespace(line.charAt(end - 1)))) {
                    end--;
                }
                fields.add(line.substring(start, end).strip());
            }
            field.setLength(0);
            if (i >= n) {
                return fields;
            }
            i++; // past the delimiter
            if (i == n) {
                fields.add("");
                return fields;
            }
        }
    }

    /** True for a line with nothing but separators and white space (a blank row from a spreadsheet). */
    public static boolean isBlankRecord(String line, char delimiter) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != delimiter && c != '"' && !isBlank(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\u00A0' || c == '\u202F';
    }
}

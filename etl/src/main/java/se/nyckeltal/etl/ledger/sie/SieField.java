package se.nyckeltal.etl.ledger.sie;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import se.nyckeltal.schemas.text.ExtractFormatException;

/**
 * One field of an SIE record: a text (quotes removed, {@code \"} unescaped) or an object list
 * {@code {…}} with its items. Splitting follows SIE 4B §5.7: fields are separated by spaces or tabs
 * and may be quoted; a quote inside a quoted field is written {@code \"}.
 */
record SieField(String text, List<String> items) {
    SieField {
        if ((text == null) == (items == null)) {
            throw new IllegalArgumentException("a field is either a text or an object list");
        }
        items = items == null ? null : List.copyOf(items);
    }

    static SieField text(String text) {
        return new SieField(requireNonNull(text, "text"), null);
    }

    static SieField objectList(List<String> items) {
        return new SieField(null, requireNonNull(items, "items"));
    }

    boolean isObjectList() {
        return items != null;
    }

    /** Splits the part of a record after its label into fields. */
    static List<SieField> split(String line) {
        List<SieField> fields = new ArrayList<>();
        int n = line.length();
        int i = 0;
        while (true) {
            i = skipBlanks(line, i);
            if (i >= n) {
                return fields;
            }
            char c = line.charAt(i);
            if (c == '{') {
                List<String> items = new ArrayList<>();
                i++;
                while (true) {
                    i = skipBlanks(line, i);
                    if (i >= n) {
                        throw new ExtractFormatException("an object list is not closed ('{' without '}')");
                    }
                    char d = line.charAt(i);
                    if (d == '}') {
                        i++;
                        break;
                    }
                    if (d == '{') {
                        throw new ExtractFormatException("an object list contains '{'; object lists cannot be nested");
                    }
                    if (d == '"') {
                        StringBuilder item = new StringBuilder();
                        i = readQuoted(line, i, item);
                        items.add(item.toString());
                    } else {
                        int start = i;
                        while (i < n && !isBlank(line.charAt(i)) && line.charAt(i) != '}') {
                            i++;
                        }
                        items.add(line.substring(start, i));
                    }
                }
                fields.add(objectList(items));
            } else if (c == '"') {
                StringBuilder text = new StringBuilder();
                i = readQuoted(line, i, text);
                fields.add(text(text.toString()));
            } else {
                int start = i;
                while (i < n && !isBlank(line.charAt(i))) {
                    i++;
                }
                fields.add(text(line.substring(start, i)));
            }
        }
    }

    /** Reads the quoted text opening at {@code quote} into {@code out}; returns the index after the closing quote. */
    private static int readQuoted(String line, int quote, StringBuilder out) {
        int i = quote + 1;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                out.append('"');
                i += 2;
            } else if (c == '"') {
                return i + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        throw new ExtractFormatException("a quoted text is not closed (a \" is missing; a quote inside a text is"
                + " written \\\")");
    }

    private static int skipBlanks(String line, int i) {
        while (i < line.length() && isBlank(line.charAt(i))) {
            i++;
        }
        return i;
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}

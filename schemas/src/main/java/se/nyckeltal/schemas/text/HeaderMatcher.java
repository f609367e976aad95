package se.nyckeltal.schemas.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import se.nyckeltal.schemas.contract.ColumnSpec;

/**
 * Matches a header row to a contract's columns, case-insensitively, by canonical name or alias
 * (SPEC §3). Spaces and hyphens count as underscores, so "Cost center" finds cost_center.
 */
public final class HeaderMatcher {
    private HeaderMatcher() {}

    /** Where each contract column sits in the file. */
    public record ColumnMapping(List<ColumnSpec> columns, int[] indexes, int fieldCount) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        public ColumnMapping {
            columns = List.copyOf(columns);
            indexes = indexes.clone();
        }

        /** Index of the column in a row, or -1 when an optional column is absent. */
        public int indexOf(ColumnSpec column) {
            int position = columns.indexOf(column);
            if (position < 0) {
                throw new IllegalArgumentException("not a column of this contract: " + column.canonical());
            }
            return indexes[position];
        }

        public boolean has(ColumnSpec column) {
            return indexOf(column) >= 0;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ColumnMapping m && m.columns.equals(columns) && Arrays.equals(m.indexes, indexes)
                    && m.fieldCount == fieldCount;
        }

        @Override
        public int hashCode() {
            return columns.hashCode() * 31 + Arrays.hashCode(indexes) + fieldCount;
        }
    }

    public static ColumnMapping match(List<String> header, List<ColumnSpec> columns) {
        int[] indexes = new int[columns.size()];
        Arrays.fill(indexes, -1);
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            ColumnSpec spec = columns.get(c);
            for (int h = 0; h < header.size(); h++) {
                if (matches(header.get(h), spec)) {
                    if (indexes[c] >= 0) {
                        throw new ExtractFormatException("the header has two columns for " + spec.canonical() + " ('"
                                + header.get(indexes[c]) + "' and '" + header.get(h) + "'); keep one");
                    }
                    indexes[c] = h;
                }
            }
            if (indexes[c] < 0 && spec.required()) {
                missing.add(describe(spec));
            }
        }
        if (!missing.isEmpty()) {
            throw new ExtractFormatException("the header lacks required column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + "; found " + shown(header)
                    + ". Add the column, or name it by the canonical name or a listed alias");
        }
        return new ColumnMapping(columns, indexes, header.size());
    }

    /**
     * The header as an error message may show it: names that look like column names. Anything else is
     * not quoted — the first line of a file that is not an extract at all may be anything (a password
     * file's first entry), and the message goes into the load record analysts can read.
     */
    static String shown(List<String> header) {
        List<String> names = new ArrayList<>();
        for (String name : header) {
            String stripped = name.strip();
            names.add(PLAUSIBLE_NAME.matcher(stripped).matches() ? stripped : "(a field not named like a column)");
        }
        return names.toString();
    }

    private static final java.util.regex.Pattern PLAUSIBLE_NAME =
            java.util.regex.Pattern.compile("[\\p{L}\\p{N}_ .()%/-]{0,40}");

    /**
     * Lower case, composed (NFC: "a" + U+0308 from some macOS tools is "ä"), without surrounding
     * blanks, quotes or a stray byte-order mark, and runs of blanks or hyphens — no-break spaces
     * included — as one underscore.
     */
    static String normalise(String name) {
        String s = trim(Normalizer.normalize(name, Normalizer.Form.NFC));
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = trim(s.substring(1, s.length() - 1));
        }
        return s.toLowerCase(Locale.ROOT).replaceAll("[\\s\\u00A0\\u2007\\u202F\\-]+", "_");
    }

    private static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isBlank(s.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isBlank(char c) {
        return Character.isWhitespace(c) || c == '\u00A0' || c == '\u2007' || c == '\u202F' || c == '\uFEFF';
    }

    private static boolean matches(String headerCell, ColumnSpec spec) {
        String cell = normalise(headerCell);
        if (cell.equals(normalise(spec.canonical()))) {
            return true;
        }
        for (String alias : spec.aliases()) {
            if (cell.equals(normalise(alias))) {
                return true;
            }
        }
        return false;
    }

    private static String describe(ColumnSpec spec) {
        return spec.aliases().isEmpty() ? spec.canonical() : spec.canonical() + " (or " + String.join("/", spec.aliases()) + ")";
    }
}

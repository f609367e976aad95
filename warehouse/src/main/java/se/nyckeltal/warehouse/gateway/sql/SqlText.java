package se.nyckeltal.warehouse.gateway.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL's lexical structure as far as the gateway needs it: where statements end (';' outside
 * quotes, dollar quotes and comments) and what a statement's first words are. DuckDB's parser still
 * checks every statement that reaches it, so a mistake here can refuse a query but never let a second
 * statement through.
 */
public final class SqlText {
    private SqlText() {}

    /** The statements of a simple-query string, each without its ';', empty ones dropped. */
    public static List<String> split(String sql) {
        List<String> statements = new ArrayList<>();
        int start = 0;
        int i = 0;
        int depth = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            int skip = skipQuotedOrComment(sql, i);
            if (skip > i) {
                i = skip;
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (c == ';' && depth == 0) {
                add(statements, sql.substring(start, i));
                start = i + 1;
            }
            i++;
        }
        add(statements, sql.substring(start));
        return statements;
    }

    private static void add(List<String> statements, String statement) {
        if (!isBlank(statement)) {
            statements.add(statement.strip());
        }
    }

    /** Whether the text holds nothing but white space and comments. */
    public static boolean isBlank(String sql) {
        return codeOnly(sql).isBlank();
    }

    /**
     * The end of a quoted string, quoted identifier, dollar-quoted string or comment starting at i, or i
     * when none starts there.
     */
    public static int skipQuotedOrComment(String sql, int i) {
        char c = sql.charAt(i);
        char next = i + 1 < sql.length() ? sql.charAt(i + 1) : '\0';
        if (c == '-' && next == '-') {
            int end = sql.indexOf('\n', i);
            return end < 0 ? sql.length() : end + 1;
        }
        if (c == '/' && next == '*') {
            int depth = 1;
            int j = i + 2;
            while (j < sql.length() && depth > 0) {
                if (sql.startsWith("/*", j)) {
                    depth++;
                    j += 2;
                } else if (sql.startsWith("*/", j)) {
                    depth--;
                    j += 2;
                } else {
                    j++;
                }
            }
            return j;
        }
        if (c == '\'') {
            boolean escapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                    && (i < 2 || !Character.isLetterOrDigit(sql.charAt(i - 2)) && sql.charAt(i - 2) != '_');
            return endOfQuoted(sql, i, '\'', escapes);
        }
        if (c == '"') {
            return endOfQuoted(sql, i, '"', false);
        }
        if (c == '$' && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)) && sql.charAt(i - 1) != '_')) {
            int j = i + 1;
            while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')
                    && !Character.isDigit(sql.charAt(i + 1))) {
                j++;
            }
            if (j < sql.length() && sql.charAt(j) == '$') {
                String tag = sql.substring(i, j + 1);
                int end = sql.indexOf(tag, j + 1);
                return end < 0 ? sql.length() : end + tag.length();
            }
        }
        return i;
    }

    private static int endOfQuoted(String sql, int start, char quote, boolean backslashEscapes) {
        int j = start + 1;
        while (j < sql.length()) {
            char c = sql.charAt(j);
            if (backslashEscapes && c == '\\') {
                j += 2;
                continue;
            }
            if (c == quote) {
                if (j + 1 < sql.length() && sql.charAt(j + 1) == quote) {
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            j++;
        }
        return sql.length();
    }

    /** The text with comments removed and string literals replaced by '' (identifiers kept). */
    public static String codeOnly(String sql) {
        StringBuilder code = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            int skip = skipQuotedOrComment(sql, i);
            if (skip > i) {
                char c = sql.charAt(i);
                if (c == '"') {
                    code.append(sql, i, skip);
                } else if (c == '\'' || c == '$') {
                    code.append("''");
                } else {
                    code.append(' ');
                }
                i = skip;
            } else {
                code.append(sql.charAt(i));
                i++;
            }
        }
        return code.toString();
    }

    /** Up to n leading words in upper case, skipping comments and opening parentheses. */
    public static List<String> words(String sql, int n) {
        String code = codeOnly(sql);
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < code.length() && words.size() < n) {
            char c = code.charAt(i);
            if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < code.length() && (Character.isLetterOrDigit(code.charAt(j)) || code.charAt(j) == '_')) {
                    j++;
                }
                words.add(code.substring(i, j).toUpperCase(Locale.ROOT));
                i = j;
            } else if (Character.isWhitespace(c) || c == '(' || words.isEmpty() && c == ')') {
                i++;
            } else {
                break;
            }
        }
        return words;
    }

    public static String firstWord(String sql) {
        List<String> words = words(sql, 1);
        return words.isEmpty() ? "" : words.get(0);
    }
}

package se.nyckeltal.warehouse.gateway.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The leading words of a statement as tokens, for the commands the gateway reads itself (COPY,
 * DECLARE, FETCH, PREPARE …): identifiers folded to lower case unless quoted, string literals,
 * numbers and punctuation, each with its position in the text so the rest (a query) can be cut off.
 * Comments are skipped. A scanner, not a regex: nothing here recurses per character.
 */
public final class SqlTokens {
    /** One token. {@code text} is the identifier folded (or unquoted), the literal's value, or the symbol. */
    public record Token(Kind kind, String text, int start, int end) {
        /** Whether this is the unquoted keyword (case-insensitive). */
        public boolean is(String keyword) {
            return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
        }

        public boolean isSymbol(char symbol) {
            return kind == Kind.SYMBOL && text.equals(String.valueOf(symbol));
        }
    }

    public enum Kind { WORD, QUOTED, STRING, NUMBER, SYMBOL }

    private final String sql;
    private final List<Token> tokens = new ArrayList<>();
    private int position;

    public SqlTokens(String sql) {
        this.sql = sql;
    }

    /** The next token without taking it; null at the end. */
    public Token peek() {
        if (tokens.size() <= position) {
            Token next = scan(tokens.isEmpty() ? 0 : tokens.get(tokens.size() - 1).end());
            if (next == null) {
                return null;
            }
            tokens.add(next);
        }
        return tokens.get(position);
    }

    public Token next() {
        Token token = peek();
        if (token != null) {
            position++;
        }
        return token;
    }

    /** Takes the next token if it is this keyword. */
    public boolean accept(String keyword) {
        Token token = peek();
        if (token != null && token.is(keyword)) {
            position++;
            return true;
        }
        return false;
    }

    public boolean acceptSymbol(char symbol) {
        Token token = peek();
        if (token != null && token.isSymbol(symbol)) {
            position++;
            return true;
        }
        return false;
    }

    /** Where the next token starts (or the text's end). */
    public int offset() {
        Token token = peek();
        return token == null ? sql.length() : token.start();
    }

    /** The text from the next token to the end, without a trailing ';'. */
    public String rest() {
        String rest = sql.substring(offset()).strip();
        while (rest.endsWith(";")) {
            rest = rest.substring(0, rest.length() - 1).strip();
        }
        return rest;
    }

    public boolean atEnd() {
        Token token = peek();
        return token == null || token.isSymbol(';') && rest().isEmpty();
    }

    private Token scan(int from) {
        int i = from;
        while (i < sql.length()) {
            int skip = SqlText.skipQuotedOrComment(sql, i);
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (skip > i && (c == '-' || c == '/')) {
                i = skip;
            } else {
                break;
            }
        }
        if (i >= sql.length()) {
            return null;
        }
        char c = sql.charAt(i);
        if (c == '"') {
            int end = SqlText.skipQuotedOrComment(sql, i);
            return new Token(Kind.QUOTED, sql.substring(i + 1, Math.max(i + 1, end - 1)).replace("\"\"", "\""), i, end);
        }
        if (c == '\'') {
            int end = SqlText.skipQuotedOrComment(sql, i);
            return new Token(Kind.STRING, sql.substring(i + 1, Math.max(i + 1, end - 1)).replace("''", "'"), i, end);
        }
        if ((c == 'E' || c == 'e') && i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
            int end = SqlText.skipQuotedOrComment(sql, i + 1);
            return new Token(Kind.STRING, unescape(sql.substring(i + 2, Math.max(i + 2, end - 1))), i, end);
        }
        if (Character.isLetter(c) || c == '_') {
            int end = i + 1;
            while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_'
                    || sql.charAt(end) == '$')) {
                end++;
            }
            return new Token(Kind.WORD, sql.substring(i, end).toLowerCase(Locale.ROOT), i, end);
        }
        if (Character.isDigit(c) || (c == '-' || c == '+') && i + 1 < sql.length() && Character.isDigit(sql.charAt(i + 1))) {
            int end = i + 1;
            while (end < sql.length() && Character.isDigit(sql.charAt(end))) {
                end++;
            }
            return new Token(Kind.NUMBER, sql.substring(i, end), i, end);
        }
        return new Token(Kind.SYMBOL, String.valueOf(c), i, i + 1);
    }

    /** E'…' escapes: \t \n \r \\ \' and '' (enough for COPY's DELIMITER E'\t'). */
    private static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(switch (next) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    default -> next;
                });
            } else if (c == '\'' && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                out.append('\'');
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

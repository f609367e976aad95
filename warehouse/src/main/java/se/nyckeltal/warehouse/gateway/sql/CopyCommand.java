package se.nyckeltal.warehouse.gateway.sql;

import java.util.Locale;
import se.nyckeltal.warehouse.gateway.wire.PgError;

/**
 * {@code COPY (query) TO STDOUT} and {@code COPY table [(columns)] TO STDOUT}, with PostgreSQL's
 * options (https://www.postgresql.org/docs/15/sql-copy.html), new and old syntax: FORMAT text, csv or
 * binary, HEADER, DELIMITER, NULL, QUOTE, ESCAPE, FORCE_QUOTE *. That is a read, so it runs. COPY FROM
 * and COPY to a file or program write (on the server), so they are refused, saying why.
 *
 * @param query the SELECT whose rows are copied
 */
public record CopyCommand(String query, Format format, boolean header, char delimiter, String nullText, char quote,
        char escape, boolean forceQuoteAll) {
    public enum Format { TEXT, CSV, BINARY }

    private static final String HINT = "COPY (SELECT …) TO STDOUT (psql's \\copy … TO 'file') sends the rows to your"
            + " side; the catalogue is read-only";

    public static CopyCommand parse(String sql) {
        SqlTokens tokens = new SqlTokens(sql);
        tokens.accept("copy");
        String query;
        if (tokens.acceptSymbol('(')) {
            int start = tokens.offset();
            int depth = 1;
            int end = start;
            while (depth > 0) {
                SqlTokens.Token token = tokens.next();
                if (token == null) {
                    throw new PgError(PgError.SYNTAX_ERROR, "COPY (query): the closing parenthesis is missing");
                }
                if (token.isSymbol('(')) {
                    depth++;
                } else if (token.isSymbol(')')) {
                    depth--;
                    end = token.start();
                }
            }
            query = sql.substring(start, end).strip();
        } else {
            StringBuilder table = new StringBuilder();
            SqlTokens.Token name = tokens.next();
            while (name != null && (name.kind() == SqlTokens.Kind.WORD || name.kind() == SqlTokens.Kind.QUOTED)) {
                table.append(quoted(name));
                if (!tokens.acceptSymbol('.')) {
                    break;
                }
                table.append('.');
                name = tokens.next();
            }
            if (table.isEmpty()) {
                throw new PgError(PgError.SYNTAX_ERROR, "COPY needs a table name or a (SELECT …)");
            }
            String columns = "*";
            if (tokens.acceptSymbol('(')) {
                StringBuilder list = new StringBuilder();
                SqlTokens.Token column;
                while ((column = tokens.next()) != null && !column.isSymbol(')')) {
                    if (column.isSymbol(',')) {
                        list.append(", ");
                    } else {
                        list.append(quoted(column));
                    }
                }
                columns = list.toString();
            }
            query = "SELECT " + columns + " FROM " + table;
        }
        if (tokens.accept("from")) {
            throw new PgError(PgError.INSUFFICIENT_PRIVILEGE, "COPY FROM is not allowed: it writes rows into a table,"
                    + " and the nyckeltal catalogue is read-only", HINT);
        }
        if (!tokens.accept("to")) {
            throw new PgError(PgError.SYNTAX_ERROR, "COPY … TO STDOUT expected");
        }
        if (!tokens.accept("stdout")) {
            throw new PgError(PgError.INSUFFICIENT_PRIVILEGE, "COPY to a file or program is not allowed: it would write"
                    + " on the server; use COPY … TO STDOUT to receive the rows", HINT);
        }
        Options options = new Options();
        tokens.accept("with");
        if (tokens.acceptSymbol('(')) {
            SqlTokens.Token name;
            while ((name = tokens.next()) != null && !name.isSymbol(')')) {
                if (name.isSymbol(',')) {
                    continue;
                }
                String option = name.text().toLowerCase(Locale.ROOT);
                SqlTokens.Token value = tokens.peek();
                String text = null;
                if (value != null && !value.isSymbol(',') && !value.isSymbol(')')) {
                    tokens.next();
                    text = value.isSymbol('*') ? "*" : value.text();
                    if (value.isSymbol('(')) {
                        // FORCE_QUOTE (columns): quote those columns; we quote them all
                        while ((value = tokens.next()) != null && !value.isSymbol(')')) {
                            // skip the column list
                        }
                        text = "*";
                    }
                }
                options.set(option, text);
            }
        } else {
            // the old syntax: BINARY, CSV, HEADER, DELIMITER [AS] 'x', NULL [AS] 'x', QUOTE …, ESCAPE …, FORCE QUOTE *
            SqlTokens.Token word;
            while ((word = tokens.next()) != null && !word.isSymbol(';')) {
                String option = word.text().toLowerCase(Locale.ROOT);
                switch (option) {
                    case "binary", "csv" -> options.set("format", option);
                    case "header" -> options.set("header", null);
                    case "delimiter", "null", "quote", "escape" -> {
                        tokens.accept("as");
                        SqlTokens.Token value = tokens.next();
                        options.set(option, value == null ? null : value.text());
                    }
                    case "force" -> {
                        tokens.accept("quote");
                        tokens.next();
                        options.set("force_quote", "*");
                    }
                    default -> throw new PgError(PgError.SYNTAX_ERROR, "COPY option " + word.text() + " is not known");
                }
            }
        }
        return options.command(query);
    }

    private static String quoted(SqlTokens.Token token) {
        return "\"" + token.text().replace("\"", "\"\"") + "\"";
    }

    private static final class Options {
        Format format = Format.TEXT;
        boolean header;
        Character delimiter;
        String nullText;
        char quote = '"';
        Character escape;
        boolean forceQuoteAll;

        void set(String option, String value) {
            switch (option) {
                case "format" -> format = switch (value == null ? "" : value.toLowerCase(Locale.ROOT)) {
                    case "text" -> Format.TEXT;
                    case "csv" -> Format.CSV;
                    case "binary" -> Format.BINARY;
                    default -> throw new PgError(PgError.INVALID_PARAMETER_VALUE, "COPY format \"" + value
                            + "\" not recognized: use text, csv or binary");
                };
                case "header" -> header = value == null || switch (value.toLowerCase(Locale.ROOT)) {
                    case "true", "on", "1", "yes" -> true;
                    case "false", "off", "0", "no" -> false;
                    default -> throw new PgError(PgError.INVALID_PARAMETER_VALUE, "HEADER " + value + ": use true or false");
                };
                case "delimiter" -> delimiter = single("DELIMITER", value);
                case "null" -> nullText = value == null ? "" : value;
                case "quote" -> quote = single("QUOTE", value);
                case "escape" -> escape = single("ESCAPE", value);
                case "force_quote" -> forceQuoteAll = true;
                case "encoding" -> {
                    String encoding = value == null ? "" : value.replace("-", "").toUpperCase(Locale.ROOT);
                    if (!encoding.equals("UTF8")) {
                        throw new PgError(PgError.FEATURE_NOT_SUPPORTED, "COPY ENCODING " + value + ": only UTF8");
                    }
                }
                default -> throw new PgError(PgError.SYNTAX_ERROR, "COPY option \"" + option + "\" not recognized");
            }
        }

        private static char single(String option, String value) {
            if (value == null || value.length() != 1) {
                throw new PgError(PgError.INVALID_PARAMETER_VALUE, "COPY " + option + " must be a single one-byte"
                        + " character");
            }
            return value.charAt(0);
        }

        CopyCommand command(String query) {
            if (format == Format.BINARY && (header || delimiter != null || nullText != null)) {
                throw new PgError(PgError.SYNTAX_ERROR, "cannot specify HEADER, DELIMITER or NULL in BINARY mode");
            }
            char d = delimiter != null ? delimiter : format == Format.CSV ? ',' : '\t';
            String n = nullText != null ? nullText : format == Format.CSV ? "" : "\\N";
            return new CopyCommand(query, format, header, d, n, quote, escape != null ? escape : quote, forceQuoteAll);
        }
    }
}

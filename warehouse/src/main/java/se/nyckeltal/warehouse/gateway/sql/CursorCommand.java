package se.nyckeltal.warehouse.gateway.sql;

import java.util.Locale;
import se.nyckeltal.warehouse.gateway.wire.PgError;

/**
 * SQL cursors (https://www.postgresql.org/docs/15/sql-declare.html): DECLARE, FETCH, MOVE and CLOSE,
 * as psql's FETCH_COUNT, psycopg's named cursors and psqlODBC's UseDeclareFetch send them. Cursors
 * read forward: FETCH NEXT, FORWARD n, n, ALL, RELATIVE n ≥ 0 and ABSOLUTE n past the current row.
 */
public final class CursorCommand {
    private CursorCommand() {}

    /** Rows without a limit (FETCH ALL). */
    public static final long ALL = Long.MAX_VALUE;

    /**
     * DECLARE name [BINARY] [ASENSITIVE | INSENSITIVE] [[NO] SCROLL] CURSOR [{WITH | WITHOUT} HOLD] FOR query.
     */
    public record Declare(String name, boolean binary, boolean hold, String query) {}

    /**
     * FETCH or MOVE: skip {@code skip} rows, then take up to {@code count}.
     *
     * @param move true for MOVE (rows are passed over, not sent)
     */
    public record Fetch(String name, long skip, long count, boolean move) {}

    /** CLOSE name, or CLOSE ALL (name null). */
    public record Close(String name) {}

    public static Declare declare(String sql) {
        SqlTokens tokens = new SqlTokens(sql);
        tokens.accept("declare");
        String name = name(tokens.next(), "DECLARE");
        boolean binary = false;
        boolean hold = false;
        while (!tokens.accept("cursor")) {
            SqlTokens.Token word = tokens.next();
            if (word == null) {
                throw new PgError(PgError.SYNTAX_ERROR, "DECLARE " + name + ": CURSOR expected");
            }
            switch (word.text()) {
                case "binary" -> binary = true;
                case "insensitive", "asensitive", "no" -> { }
                case "scroll" -> { }
                default -> throw new PgError(PgError.SYNTAX_ERROR, "syntax error at or near \"" + word.text() + "\"");
            }
        }
        if (tokens.accept("with")) {
            if (!tokens.accept("hold")) {
                throw new PgError(PgError.SYNTAX_ERROR, "DECLARE … CURSOR WITH HOLD expected");
            }
            hold = true;
        } else if (tokens.accept("without")) {
            tokens.accept("hold");
        }
        if (!tokens.accept("for")) {
            throw new PgError(PgError.SYNTAX_ERROR, "DECLARE " + name + " CURSOR … FOR query expected");
        }
        return new Declare(name, binary, hold, tokens.rest());
    }

    public static Fetch fetch(String sql) {
        SqlTokens tokens = new SqlTokens(sql);
        boolean move = tokens.next().is("move");
        long skip = 0;
        long count = 1;
        SqlTokens.Token first = tokens.peek();
        if (first == null) {
            throw new PgError(PgError.SYNTAX_ERROR, (move ? "MOVE" : "FETCH") + " needs a cursor name");
        }
        if (first.kind() == SqlTokens.Kind.NUMBER) {
            tokens.next();
            count = number(first);
        } else if (first.kind() == SqlTokens.Kind.WORD) {
            switch (first.text()) {
                case "next" -> tokens.next();
                case "all" -> {
                    tokens.next();
                    count = ALL;
                }
                case "forward" -> {
                    tokens.next();
                    SqlTokens.Token n = tokens.peek();
                    if (n != null && n.kind() == SqlTokens.Kind.NUMBER) {
                        tokens.next();
                        count = number(n);
                    } else if (n != null && n.is("all")) {
                        tokens.next();
                        count = ALL;
                    }
                }
                case "relative" -> {
                    tokens.next();
                    long n = number(tokens.next());
                    if (n < 0) {
                        throw backward();
                    }
                    // RELATIVE 0 re-reads the current row: not kept, so refused; n > 0 skips n − 1
                    if (n == 0) {
                        throw backward();
                    }
                    skip = n - 1;
                }
                case "absolute" -> {
                    tokens.next();
                    long n = number(tokens.next());
                    if (n <= 0) {
                        throw backward();
                    }
                    // made relative to the position by the session
                    skip = -n;
                }
                case "prior", "first", "last", "backward" -> throw backward();
                default -> { }
            }
        }
        if (!tokens.accept("from")) {
            tokens.accept("in");
        }
        String name = name(tokens.next(), move ? "MOVE" : "FETCH");
        return new Fetch(name, skip, count, move);
    }

    public static Close close(String sql) {
        SqlTokens tokens = new SqlTokens(sql);
        tokens.accept("close");
        SqlTokens.Token token = tokens.next();
        if (token != null && token.is("all")) {
            return new Close(null);
        }
        return new Close(name(token, "CLOSE"));
    }

    private static long number(SqlTokens.Token token) {
        if (token == null || token.kind() != SqlTokens.Kind.NUMBER) {
            throw new PgError(PgError.SYNTAX_ERROR, "a row count expected");
        }
        return Long.parseLong(token.text().replace("+", ""));
    }

    private static String name(SqlTokens.Token token, String command) {
        if (token == null || token.kind() != SqlTokens.Kind.WORD && token.kind() != SqlTokens.Kind.QUOTED) {
            throw new PgError(PgError.SYNTAX_ERROR, command + " needs a cursor name");
        }
        return token.kind() == SqlTokens.Kind.WORD ? token.text().toLowerCase(Locale.ROOT) : token.text();
    }

    private static PgError backward() {
        return new PgError("55000", "cursor can only scan forward",
                "the gateway's cursors read forward: FETCH NEXT, FORWARD n, ALL, RELATIVE n > 0, ABSOLUTE past the"
                        + " current row");
    }
}

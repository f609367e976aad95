package se.nyckeltal.warehouse.gateway;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.nyckeltal.warehouse.gateway.sql.SqlText;
import se.nyckeltal.warehouse.gateway.wire.ColumnType;
import se.nyckeltal.warehouse.gateway.wire.PgType;

/**
 * Arrays sent without a type: node-postgres and psycopg 3 send a list as the text {@code {a,b}} with
 * parameter type 0 (unknown) for {@code x = ANY($1)}, and PostgreSQL infers text[], int4[] … from
 * the other operand. DuckDB cannot infer a parameter's type there, and compares a column only with
 * a list of its own type. So before such a statement is prepared, each untyped parameter inside
 * ANY/ALL/SOME is cast to a list of the type DuckDB compares it with — learnt by preparing it once
 * as a text list, which DuckDB refuses naming the other operand's type — and the parameter is
 * declared as that array type, so its text or binary value is read as an array.
 */
final class UntypedArrays {
    private static final Pattern ANY_PARAMETER = Pattern.compile("(?i)\\b(?:ANY|ALL|SOME)\\s*\\(\\s*\\$(\\d+)\\s*\\)");
    private static final Pattern COMPARED_TYPE = Pattern.compile(
            "Cannot compare values of type (\\S+(?: WITH TIME ZONE)?) and VARCHAR\\[?\\]?");

    /** A statement with its untyped array parameters cast, and the parameter types to declare. */
    record Typed(String duckSql, int[] declaredTypes) {}

    private UntypedArrays() {}

    /**
     * @param duckSql the statement as DuckDB will run it
     * @param declared the parameter types the client declared (0 = unknown; shorter than the count allowed)
     * @return the statement and declared types to use; the given ones when no parameter needs a type
     */
    static Typed type(String duckSql, int[] declared, Connection connection) {
        if (duckSql == null || duckSql.indexOf('$') < 0) {
            return new Typed(duckSql, declared);
        }
        Set<Integer> untyped = new LinkedHashSet<>();
        Matcher matcher = ANY_PARAMETER.matcher(duckSql);
        boolean[] code = codeMask(duckSql);
        while (matcher.find()) {
            int number = Integer.parseInt(matcher.group(1));
            if (code[matcher.start()] && (number > declared.length || declared[number - 1] == 0
                    || declared[number - 1] == PgType.UNKNOWN.oid())) {
                untyped.add(number);
            }
        }
        if (untyped.isEmpty()) {
            return new Typed(duckSql, declared);
        }
        String sql = duckSql;
        int[] types = Arrays.copyOf(declared, Math.max(declared.length, untyped.stream().max(Integer::compare).get()));
        for (int number : untyped) {
            String elementType = comparedType(sql, number, connection);
            sql = cast(sql, number, elementType);
            PgType array = ColumnType.ofDuckDb(elementType + "[]").type();
            types[number - 1] = array.isArray() ? array.oid() : PgType.TEXT.arrayOid();
        }
        return new Typed(sql, types);
    }

    /** The element type DuckDB wants for parameter n: VARCHAR unless it says it compares with another type. */
    private static String comparedType(String sql, int number, Connection connection) {
        try (PreparedStatement probe = connection.prepareStatement(cast(sql, number, "VARCHAR"))) {
            return "VARCHAR";
        } catch (SQLException e) {
            Matcher compared = COMPARED_TYPE.matcher(String.valueOf(e.getMessage()));
            return compared.find() ? compared.group(1).toUpperCase(Locale.ROOT) : "VARCHAR";
        }
    }

    private static String cast(String sql, int number, String elementType) {
        Pattern own = Pattern.compile("(?i)\\b(ANY|ALL|SOME)\\s*\\(\\s*\\$" + number + "\\s*\\)");
        boolean[] code = codeMask(sql);
        Matcher matcher = own.matcher(sql);
        StringBuilder out = new StringBuilder(sql.length() + 32);
        int last = 0;
        while (matcher.find()) {
            if (!code[matcher.start()]) {
                continue;
            }
            out.append(sql, last, matcher.start()).append(matcher.group(1)).append("(CAST($").append(number)
                    .append(" AS ").append(elementType).append("[]))");
            last = matcher.end();
        }
        return out.append(sql, last, sql.length()).toString();
    }

    /** True where a position is SQL code, false inside literals, quoted names and comments. */
    private static boolean[] codeMask(String sql) {
        boolean[] code = new boolean[sql.length() + 1];
        int i = 0;
        while (i < sql.length()) {
            int skip = SqlText.skipQuotedOrComment(sql, i);
            if (skip > i) {
                i = skip;
            } else {
                code[i++] = true;
            }
        }
        return code;
    }
}

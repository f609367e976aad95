package se.nyckeltal.warehouse.gateway.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import se.nyckeltal.warehouse.gateway.wire.PgError;
import se.nyckeltal.warehouse.gateway.wire.PgType;

/**
 * SQL-level prepared statements (https://www.postgresql.org/docs/15/sql-prepare.html): PREPARE name
 * [(types)] AS statement, and EXECUTE name [(arguments)]. They share their names with the protocol's
 * named statements, as in PostgreSQL, so DEALLOCATE closes either.
 */
public final class PrepareCommand {
    private PrepareCommand() {}

    /** PREPARE: the statement with $1 … $n and the OIDs of the declared parameter types (0 = unknown). */
    public record Prepare(String name, int[] types, String statement) {}

    /** EXECUTE: the argument expressions, as SQL text. */
    public record Execute(String name, List<String> arguments) {}

    public static Prepare prepare(String sql) {
        SqlTokens tokens = new SqlTokens(sql);
        tokens.accept("prepare");
        String name = name(tokens.next(), "PREPARE");
        List<Integer> types = new ArrayList<>();
        if (tokens.acceptSymbol('(')) {
            StringBuilder type = new StringBuilder();
            SqlTokens.Token token;
            while ((token = tokens.next()) != null) {
                if (token.isSymbol(',') || token.isSymbol(')')) {
                    types.add(oid(type.toString().strip()));
                    type.setLength(0);
                    if (token.isSymbol(')')) {
                        break;
                    }
                } else {
                    type.append(type.isEmpty() ? "" : " ").append(token.text());
                }
            }
        }
        if (!tokens.accept("as")) {
            throw new PgError(PgError.SYNTAX_ERROR, "PREPARE " + name + " AS statement expected");
        }
        return new Prepare(name, types.stream().mapToInt(Integer::intValue).toArray(), tokens.rest());
    }

    public static Execute execute(String sql) {
        SqlTokens tokens = new SqlTokens(sql);
        tokens.accept("execute");
        String name = name(tokens.next(), "EXECUTE");
        List<String> arguments = new ArrayList<>();
        if (tokens.acceptSymbol('(')) {
            int depth = 1;
            int start = tokens.offset();
            SqlTokens.Token token;
            while ((token = tokens.next()) != null) {
                if (token.isSymbol('(') || token.isSymbol('[')) {
                    depth++;
                } else if (token.isSymbol(')') || token.isSymbol(']')) {
                    depth--;
                }
                if (depth == 0 || depth == 1 && token.isSymbol(',')) {
                    arguments.add(sql.substring(start, token.start()).strip());
                    start = token.end();
                    if (depth == 0) {
                        break;
                    }
                }
            }
            if (depth != 0) {
                throw new PgError(PgError.SYNTAX_ERROR, "EXECUTE " + name + " (…): the closing parenthesis is missing");
            }
        }
        return new Execute(name, arguments);
    }

    private static String name(SqlTokens.Token token, String command) {
        if (token == null || token.kind() != SqlTokens.Kind.WORD && token.kind() != SqlTokens.Kind.QUOTED) {
            throw new PgError(PgError.SYNTAX_ERROR, command + " needs a statement name");
        }
        return token.kind() == SqlTokens.Kind.WORD ? token.text().toLowerCase(Locale.ROOT) : token.text();
    }

    /** PostgreSQL's type names as a PREPARE lists them; anything else is left to DuckDB (0). */
    private static int oid(String type) {
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "int", "integer", "int4" -> PgType.INT4.oid();
            case "bigint", "int8" -> PgType.INT8.oid();
            case "smallint", "int2" -> PgType.INT2.oid();
            case "text", "varchar", "character varying" -> PgType.TEXT.oid();
            case "numeric", "decimal" -> PgType.NUMERIC.oid();
            case "date" -> PgType.DATE.oid();
            case "timestamp" -> PgType.TIMESTAMP.oid();
            case "timestamptz" -> PgType.TIMESTAMPTZ.oid();
            case "boolean", "bool" -> PgType.BOOL.oid();
            case "double precision", "float8" -> PgType.FLOAT8.oid();
            case "real", "float4" -> PgType.FLOAT4.oid();
            default -> 0;
        };
    }
}

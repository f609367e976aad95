package se.nyckeltal.warehouse.gateway;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.nyckeltal.warehouse.gateway.sql.CopyCommand;
import se.nyckeltal.warehouse.gateway.sql.CursorCommand;
import se.nyckeltal.warehouse.gateway.sql.DuckDbErrors;
import se.nyckeltal.warehouse.gateway.sql.NpgsqlTypeLoading;
import se.nyckeltal.warehouse.gateway.sql.PgDialect;
import se.nyckeltal.warehouse.gateway.sql.PrepareCommand;
import se.nyckeltal.warehouse.gateway.sql.SessionSettings;
import se.nyckeltal.warehouse.gateway.sql.SqlText;
import se.nyckeltal.warehouse.gateway.sql.StatementKind;
import se.nyckeltal.warehouse.gateway.wire.PgError;
import se.nyckeltal.warehouse.query.ReadOnlyGate;

/**
 * Decides how one statement is answered ({@link QueryPlan}): by the session itself, with a canned
 * answer, by the PostgreSQL catalogue (rewritten for DuckDB), or by the served snapshot — everything
 * DuckDB runs having passed the {@link ReadOnlyGate} first.
 */
final class StatementPlanner {
    private static final Pattern SETTING_VALUE =
            Pattern.compile("gw_setting_value\\(\\s*'([^']*)'\\s*(?:,[^)]*)?\\)");

    private final SessionSettings settings;
    private final Supplier<String> user;

    StatementPlanner(SessionSettings settings, Supplier<String> user) {
        this.settings = settings;
        this.user = user;
    }

    /**
     * @param catalog the connection to the gateway's PostgreSQL catalogue
     * @param snapshot the connection to the served snapshot
     */
    QueryPlan plan(StatementKind kind, String sql, Connection catalog, Connection snapshot) {
        try {
            switch (kind) {
                case QUERY -> {
                    var canned = NpgsqlTypeLoading.answer(sql);
                    if (canned.isPresent()) {
                        return new QueryPlan(kind, QueryPlan.Target.FIXED, sql, null, canned.get());
                    }
                    if (PgDialect.isCatalogQuery(sql)) {
                        String rewritten = sessionValues(PgDialect.rewrite(sql), catalog);
                        String checked = ReadOnlyGate.requireSelect(catalog, rewritten);
                        return new QueryPlan(kind, QueryPlan.Target.CATALOG, sql, checked, null);
                    }
                    return new QueryPlan(kind, QueryPlan.Target.SNAPSHOT, sql,
                            ReadOnlyGate.requireSelect(snapshot, PgDialect.dataQuery(sql)), null);
                }
                case EXPLAIN -> {
                    String inner = explained(sql);
                    String checked = ReadOnlyGate.requireSelect(snapshot, inner);
                    boolean analyze = SqlText.words(sql, 2).contains("ANALYZE")
                            || sql.toUpperCase(Locale.ROOT).matches("(?s)\\s*EXPLAIN\\s*\\([^)]*ANALYZE.*");
                    return new QueryPlan(kind, QueryPlan.Target.EXPLAIN, sql,
                            (analyze ? "EXPLAIN ANALYZE " : "EXPLAIN ") + checked, null);
                }
                case COPY -> {
                    CopyCommand copy = CopyCommand.parse(sql);
                    QueryPlan inner = query(copy.query(), catalog, snapshot, "COPY (query) TO STDOUT");
                    return new QueryPlan(kind, QueryPlan.Target.COPY, sql, inner.duckSql(), null, inner, copy);
                }
                case DECLARE -> {
                    CursorCommand.Declare declare = CursorCommand.declare(sql);
                    QueryPlan inner = query(declare.query(), catalog, snapshot, "DECLARE … CURSOR FOR");
                    return new QueryPlan(kind, QueryPlan.Target.SESSION, sql, null, null, inner, declare);
                }
                case FETCH -> {
                    return new QueryPlan(kind, QueryPlan.Target.SESSION, sql, null, null, null, CursorCommand.fetch(sql));
                }
                case CLOSE -> {
                    return new QueryPlan(kind, QueryPlan.Target.SESSION, sql, null, null, null, CursorCommand.close(sql));
                }
                case PREPARE -> {
                    PrepareCommand.Prepare prepare = PrepareCommand.prepare(sql);
                    StatementKind innerKind = StatementKind.of(prepare.statement());
                    if (innerKind != StatementKind.QUERY && innerKind != StatementKind.EXPLAIN) {
                        throw new PgError(innerKind == StatementKind.REFUSED ? PgError.INSUFFICIENT_PRIVILEGE
                                : PgError.SYNTAX_ERROR, "PREPARE takes a SELECT here: "
                                + SqlText.firstWord(prepare.statement()) + " is not allowed (the catalogue is read-only)");
                    }
                    QueryPlan inner = plan(innerKind, prepare.statement(), catalog, snapshot);
                    return new QueryPlan(kind, QueryPlan.Target.SESSION, sql, null, null, inner, prepare);
                }
                case EXECUTE -> {
                    return new QueryPlan(kind, QueryPlan.Target.SESSION, sql, null, null, null,
                            PrepareCommand.execute(sql));
                }
                case REFUSED -> throw new PgError(PgError.INSUFFICIENT_PRIVILEGE, SqlText.firstWord(sql)
                        + " is not allowed: the nyckeltal catalogue is read-only",
                        "only SELECT, WITH … SELECT and EXPLAIN run on the published catalogue");
                default -> {
                    return new QueryPlan(kind, QueryPlan.Target.SESSION, sql, null, null);
                }
            }
        } catch (SQLException e) {
            throw DuckDbErrors.toPgError(e);
        }
    }

    /** The plan of a query inside another command (COPY, DECLARE): a SELECT and nothing else. */
    private QueryPlan query(String sql, Connection catalog, Connection snapshot, String command) {
        StatementKind kind = StatementKind.of(sql);
        if (kind != StatementKind.QUERY) {
            throw new PgError(kind == StatementKind.REFUSED ? PgError.INSUFFICIENT_PRIVILEGE : PgError.SYNTAX_ERROR,
                    command + " takes a SELECT: " + SqlText.firstWord(sql) + " is not allowed there");
        }
        return plan(kind, sql, catalog, snapshot);
    }

    /**
     * current_user, current_setting('…'), current_schema and current_schemas(…) answer with this
     * session's user, settings and search_path.
     */
    private String sessionValues(String sql, Connection catalog) throws SQLException {
        String text = sql.replace("gw_current_user()", literal(user.get()));
        if (text.contains(PgDialect.CURRENT_SCHEMA) || text.contains(PgDialect.SEARCH_PATH)) {
            List<String> path = existingSchemas(catalog);
            text = text.replace(PgDialect.CURRENT_SCHEMA,
                            "gw_current_schema(" + (path.isEmpty() ? "NULL::VARCHAR" : literal(path.get(0))) + ")")
                    .replace(PgDialect.SEARCH_PATH_ALL, list(concat("pg_catalog", path)))
                    .replace(PgDialect.SEARCH_PATH, list(path));
        }
        return SETTING_VALUE.matcher(text).replaceAll(match -> {
            String value = settings.get(match.group(1));
            return Matcher.quoteReplacement(value == null ? match.group() : literal(value));
        });
    }

    /** The search_path's schemas that exist, in order ("$user" is this user's schema; pg_catalog is implicit). */
    private List<String> existingSchemas(Connection catalog) throws SQLException {
        Set<String> existing = new HashSet<>();
        try (Statement statement = catalog.createStatement();
                ResultSet names = statement.executeQuery("SELECT nspname FROM pg_namespace")) {
            while (names.next()) {
                existing.add(names.getString(1));
            }
        }
        List<String> path = new ArrayList<>();
        for (String name : settings.searchPathNames()) {
            String schema = name.equals("$user") ? user.get() : name;
            if (existing.contains(schema) && !schema.equals("pg_catalog") && !path.contains(schema)) {
                path.add(schema);
            }
        }
        return path;
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static String list(List<String> names) {
        StringBuilder out = new StringBuilder("[");
        for (String name : names) {
            out.append(out.length() == 1 ? "" : ", ").append(literal(name));
        }
        return out.append("]::VARCHAR[]").toString();
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** The statement after EXPLAIN and its options. */
    static String explained(String sql) {
        String rest = sql.strip().replaceFirst("(?is)^EXPLAIN\\s*", "");
        if (rest.startsWith("(")) {
            int end = rest.indexOf(')');
            rest = end < 0 ? rest : rest.substring(end + 1);
        }
        rest = rest.strip().replaceFirst("(?is)^(ANALYZE|ANALYSE)\\s+", "").replaceFirst("(?is)^VERBOSE\\s+", "");
        return rest;
    }
}

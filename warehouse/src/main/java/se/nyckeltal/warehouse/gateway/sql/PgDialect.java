package se.nyckeltal.warehouse.gateway.sql;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL syntax clients put in their catalogue queries that DuckDB does not read, rewritten to
 * what {@link PgCatalog} answers: {@code COLLATE pg_catalog.default}, {@code OPERATOR(pg_catalog.~)},
 * casts to regclass/regtype/regnamespace, PostgreSQL-only type names, the {@code pg_catalog.} prefix
 * (PgCatalog's tables and functions have no schema) and {@code information_schema.x} (PgCatalog's
 * information_schema_x views). Rewriting works on the text outside string literals and comments.
 *
 * <p>No pattern here repeats a group with alternation inside ({@code (?:[^']|'')*}): Java's regex
 * engine recurses once per character for those, and a few thousand characters of literal overflowed
 * a session thread's stack (SPEC §9). Literals are matched unrolled and possessive instead.
 */
public final class PgDialect {
    private static final Pattern CATALOG_WORDS = Pattern.compile("(?i)\\b(pg_catalog|information_schema"
            + "|pg_(?:namespace|class|attribute|type|proc|database|roles|user|description|am|index|constraint|attrdef"
            + "|collation|policy|statistic_ext|publication\\w*|inherits|enum|range|settings|tables|views|matviews"
            + "|indexes|trigger|rewrite|depend|tablespace|extension|sequence|foreign_table|partitioned_table"
            + "|event_trigger|cast|operator|language|aggregate|shdescription|stat_activity|auth_members|stat_\\w+"
            + "|statio_\\w+|opclass|opfamily|conversion)"
            + "|pg_advisory_\\w+|pg_size_pretty|pg_(?:table|relation|total_relation|indexes|database)_size"
            + "|current_catalog|pg_\\w+_is_visible"
            + "|format_type|pg_get_\\w+|has_\\w+_privilege|obj_description|col_description|shobj_description"
            + "|pg_encoding_to_char|pg_backend_pid|pg_is_in_recovery|pg_postmaster_start_time|current_database"
            + "|current_schemas?|current_setting|txid_current|pg_table_is_visible|pg_type_is_visible"
            + "|current_user|session_user)\\b|\\bversion\\s*\\("
            + "|::\\s*(?:pg_catalog\\s*\\.\\s*)?reg(?:class|type|namespace|proc|procedure|role)\\b"
            + "|\\bAS\\s+(?:pg_catalog\\s*\\.\\s*)?regclass\\b");

    private static final Pattern COLLATE = Pattern.compile(
            "(?i)\\s+COLLATE\\s+(?:pg_catalog\\s*\\.\\s*)?(?:\"default\"|default|\"C\"|\"POSIX\")");
    private static final Pattern OPERATOR = Pattern.compile("(?i)OPERATOR\\s*\\(\\s*(?:pg_catalog\\s*\\.\\s*)?([^)\\s]+)\\s*\\)");
    private static final Pattern REGCLASS_LITERAL = Pattern.compile("(?i)('[^']*+(?:''[^']*+)*+')\\s*::\\s*(?:pg_catalog\\.)?regclass\\b");
    private static final Pattern REGPROC_LITERAL = Pattern.compile(
            "(?i)'(?:pg_catalog\\.)?([^']*+(?:''[^']*+)*+)'\\s*::\\s*(?:pg_catalog\\.)?(?:regproc|regprocedure)\\b");
    private static final Pattern REGTYPE_LITERAL = Pattern.compile(
            "(?i)('[^']*+(?:''[^']*+)*+')\\s*::\\s*(?:pg_catalog\\.)?regtype\\b");
    private static final Pattern REG_CAST = Pattern.compile(
            "(?i)([\\w.\"]+)\\s*::\\s*(?:pg_catalog\\.)?(regclass|regtype|regnamespace|regproc|regprocedure)\\b"
            + "(\\s*\\[\\s*\\])?");
    /**
     * {@code CAST(e AS regclass)} (Metabase: {@code CAST(CAST(format('%I.%I', s, t) AS regclass) AS oid)}): a name looked
     * up as its relation's OID, an OID kept. The {@code AS regclass)} ends the CAST whatever {@code e} holds, so it is
     * rewritten alone: {@code CAST(e AS VARCHAR).gw_to_regclass()}.
     */
    private static final Pattern REGCLASS_CAST = Pattern.compile("(?i)\\bAS\\s++(?:pg_catalog\\s*+\\.\\s*+)?regclass\\s*+\\)");
    /** PostgreSQL's {@code format('%I.%I', s, t)}; DuckDB's format reads {@code {}} placeholders. */
    private static final Pattern FORMAT_CALL = Pattern.compile("(?i)\\bformat\\s*+\\(");
    private static final Pattern OID_CAST = Pattern.compile("(?i)\\bAS\\s++(?:pg_catalog\\s*+\\.\\s*+)?oid\\s*+\\)");
    /** {@code x::regtype != 'trigger'::regtype}: compared as type OIDs, a type the gateway lacks as NULL. */
    private static final Pattern REGTYPE_COMPARISON = Pattern.compile(
            "(?i)([\\w.\"]+)\\s*::\\s*(?:pg_catalog\\.)?regtype\\s*(=|!=|<>)\\s*('[^']*+')\\s*::\\s*(?:pg_catalog\\.)?regtype\\b");
    private static final Pattern TYPE_CAST = Pattern.compile(
            "(?i)::\\s*(?:pg_catalog\\.)?(\"char\"|name|oid|regrole|int2vector|oidvector|xid|cid|tid|aclitem\\[\\]|text\\[\\]|_text|information_schema\\.\\w+)\\b");
    private static final Pattern PREFIX = Pattern.compile("(?i)\"?pg_catalog\"?\\s*\\.\\s*");
    private static final Pattern INFORMATION_SCHEMA = Pattern.compile("(?i)\"?information_schema\"?\\s*\\.\\s*\"?(\\w+)\"?");
    private static final Pattern CURRENT_SETTING = Pattern.compile("(?i)\\bcurrent_setting\\s*\\(");
    private static final Pattern FUNCTIONS = Pattern.compile(
            "(?i)\\b(version|current_database|current_schema)\\s*\\(\\s*\\)"
            + "|\\b(current_user|session_user|current_catalog|current_schema)\\b(?!\\s*\\()");
    /** {@code (information_schema._pg_expandarray(i.indkey)).n} in a select list (pgjdbc's key and index metadata). */
    private static final Pattern EXPANDARRAY_FIELD = Pattern.compile(
            "(?i)\\(\\s*information_schema\\s*\\.\\s*_pg_expandarray\\s*\\(\\s*([\\w.\"]+)\\s*\\)\\s*\\)\\s*\\.\\s*(x|n)\\b");
    private static final Pattern EXPANDARRAY = Pattern.compile(
            "(?i)information_schema\\s*\\.\\s*_pg_expandarray\\s*\\(\\s*([\\w.\"]+)\\s*\\)");
    private static final Pattern GENERATE_SERIES = Pattern.compile("(?i)\\bgenerate_series\\s*\\(");
    private static final Pattern UNNEST_BEFORE = Pattern.compile("(?i)\\bunnest\\s*\\(\\s*$");
    private static final Pattern FROM_BEFORE = Pattern.compile("(?i)\\b(?:FROM|JOIN)\\s*$");
    private static final Pattern CURRENT_SCHEMAS = Pattern.compile("(?i)\\bcurrent_schemas\\s*\\(");
    /**
     * A LIKE pattern — a literal or a parameter ({@code c.relname LIKE $1} from pgjdbc's metadata
     * calls) — without an ESCAPE clause: PostgreSQL's default escape is the backslash
     * ({@code relname LIKE 'kpi\\_v%'}), DuckDB has none unless told.
     */
    private static final Pattern LIKE_LITERAL = Pattern.compile(
            "(?i)\\b(I?LIKE)\\s+(E?'[^'\\\\]*+(?:(?:''|\\\\)[^'\\\\]*+)*+'|\\$\\d+)(?!\\s*ESCAPE\\b)");

    /** What may follow a string literal to make it an array: {@code ::text[]}, {@code ::pg_catalog.int4[]} … */
    private static final Pattern ARRAY_CAST = Pattern.compile(
            "\\s*::\\s*(?:pg_catalog\\s*\\.\\s*)?(\"?[A-Za-z_][A-Za-z0-9_]*\"?(?: precision| varying)?)\\s*\\[\\s*\\]");

    /** Placeholders the session replaces with its search_path's schemas (with and without pg_catalog). */
    public static final String SEARCH_PATH_ALL = "gw_search_path_all()";
    public static final String SEARCH_PATH = "gw_search_path()";
    public static final String CURRENT_SCHEMA = "gw_current_schema()";

    private PgDialect() {}

    /**
     * PostgreSQL's array literals, {@code '{a,"b c",NULL}'::text[]}, as DuckDB lists,
     * {@code ['a', 'b c', NULL]::VARCHAR[]}; DuckDB cannot cast the brace form. Other text is unchanged.
     */
    public static String arrayLiterals(String sql) {
        StringBuilder out = null;
        int last = 0;
        int i = 0;
        while (i < sql.length()) {
            int skip = SqlText.skipQuotedOrComment(sql, i);
            if (skip > i && sql.charAt(i) == '\'' && !(i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e'))) {
                Matcher cast = ARRAY_CAST.matcher(sql).region(skip, sql.length());
                String element = cast.lookingAt() ? duckElement(cast.group(1)) : null;
                String text = sql.substring(i + 1, skip - 1).replace("''", "'");
                if (element != null && text.startsWith("{") && text.endsWith("}")) {
                    List<String> items = arrayItems(text);
                    if (items != null) {
                        out = out == null ? new StringBuilder(sql.length()) : out;
                        out.append(sql, last, i).append('[');
                        for (int k = 0; k < items.size(); k++) {
                            String item = items.get(k);
                            out.append(k == 0 ? "" : ", ")
                                    .append(item == null ? "NULL" : "'" + item.replace("'", "''") + "'");
                        }
                        out.append("]::").append(element).append("[]");
                        last = cast.end();
                        i = cast.end();
                        continue;
                    }
                }
            }
            i = skip > i ? skip : i + 1;
        }
        return out == null ? sql : out.append(sql, last, sql.length()).toString();
    }

    private static String duckElement(String pgType) {
        return switch (pgType.replace("\"", "").toLowerCase(java.util.Locale.ROOT)) {
            case "text", "varchar", "name", "bpchar", "char", "character varying", "_text" -> "VARCHAR";
            case "int", "int4", "integer" -> "INTEGER";
            case "int8", "bigint", "oid", "regtype", "regclass" -> "BIGINT";
            case "int2", "smallint" -> "SMALLINT";
            case "float8", "double precision" -> "DOUBLE";
            case "float4", "real" -> "FLOAT";
            case "numeric", "decimal" -> "DECIMAL(38, 10)";
            case "date" -> "DATE";
            case "timestamp" -> "TIMESTAMP";
            case "timestamptz" -> "TIMESTAMPTZ";
            case "bool", "boolean" -> "BOOLEAN";
            default -> null;
        };
    }

    /** The items of a one-dimensional array text ({a,"b,c",NULL}); null when it is not one. */
    public static List<String> arrayItems(String text) {
        List<String> items = new java.util.ArrayList<>();
        String body = text.substring(1, text.length() - 1);
        if (body.isBlank()) {
            return items;
        }
        int i = 0;
        while (i <= body.length()) {
            while (i < body.length() && Character.isWhitespace(body.charAt(i))) {
                i++;
            }
            StringBuilder item = new StringBuilder();
            boolean quoted = false;
            if (i < body.length() && body.charAt(i) == '"') {
                quoted = true;
                i++;
                while (i < body.length() && body.charAt(i) != '"') {
                    if (body.charAt(i) == '\\' && i + 1 < body.length()) {
                        i++;
                    }
                    item.append(body.charAt(i++));
                }
                if (i >= body.length()) {
                    return null;
                }
                i++;
            } else {
                while (i < body.length() && body.charAt(i) != ',') {
                    if (body.charAt(i) == '{' || body.charAt(i) == '"') {
                        return null;
                    }
                    if (body.charAt(i) == '\\' && i + 1 < body.length()) {
                        i++;
                    }
                    item.append(body.charAt(i++));
                }
            }
            String value = quoted ? item.toString() : item.toString().strip();
            items.add(!quoted && value.equalsIgnoreCase("NULL") ? null : value);
            while (i < body.length() && Character.isWhitespace(body.charAt(i))) {
                i++;
            }
            if (i < body.length() && body.charAt(i) != ',') {
                return null;
            }
            i++;
        }
        return items;
    }

    /** A query on the published data as DuckDB reads it: array literals, LIKE's backslash escapes. */
    public static String dataQuery(String sql) {
        return likeEscapes(arrayLiterals(sql));
    }

    /** {@code LIKE 'a\\_b'} as {@code LIKE 'a\\_b' ESCAPE '\\'}: only patterns that hold a backslash change. */
    static String likeEscapes(String sql) {
        if (sql.indexOf('\\') < 0 && sql.indexOf('$') < 0) {
            return sql;
        }
        boolean[] inLiteral = literalMask(sql);
        Matcher matcher = LIKE_LITERAL.matcher(sql);
        StringBuilder out = new StringBuilder(sql.length() + 16);
        int last = 0;
        while (matcher.find()) {
            if (inLiteral[matcher.start()] || !matcher.group(2).startsWith("$") && matcher.group(2).indexOf('\\') < 0) {
                continue;
            }
            out.append(sql, last, matcher.end()).append(" ESCAPE '\\'");
            last = matcher.end();
        }
        return out.append(sql, last, sql.length()).toString();
    }

    /** Whether a statement asks about the catalogue (pg_catalog, information_schema, catalogue functions). */
    public static boolean isCatalogQuery(String sql) {
        return CATALOG_WORDS.matcher(SqlText.codeOnly(sql)).find();
    }

    /** The statement as PgCatalog's DuckDB reads it. */
    public static String rewrite(String sql) {
        // comments go (they could hide nothing, but a pattern must not match inside them); literals stay
        StringBuilder code = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            int skip = SqlText.skipQuotedOrComment(sql, i);
            char c = sql.charAt(i);
            if (skip > i && (c == '\'' || c == '"')) {
                code.append(sql, i, skip);
                i = skip;
            } else if (skip > i) {
                code.append(' ');
                i = skip;
            } else {
                code.append(c);
                i++;
            }
        }
        return rewriteCode(code.toString());
    }

    private static String rewriteCode(String code) {
        String text = outsideLiterals(likeEscapes(arrayLiterals(code)), COLLATE, m -> "");
        text = outsideLiterals(text, OPERATOR, m -> " " + m.group(1) + " ");
        text = outsideLiterals(text, REGTYPE_COMPARISON, m -> m.group(1)
                + (m.group(2).equals("=") ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ") + "gw_regtype(" + m.group(3) + ")");
        text = outsideLiterals(text, REGCLASS_CAST, m -> "AS VARCHAR).gw_to_regclass()");
        text = outsideLiterals(text, OID_CAST, m -> "AS BIGINT)");
        text = outsideLiterals(text, FORMAT_CALL, m -> "gw_format(");
        text = REGCLASS_LITERAL.matcher(text).replaceAll(m -> Matcher.quoteReplacement("gw_regclass(" + m.group(1) + ")"));
        text = REGTYPE_LITERAL.matcher(text).replaceAll(m -> Matcher.quoteReplacement("gw_regtype(" + m.group(1) + ")"));
        text = REGPROC_LITERAL.matcher(text).replaceAll(m -> Matcher.quoteReplacement("'" + m.group(1) + "'"));
        text = outsideLiterals(text, REG_CAST, m -> m.group(3) != null
                ? (m.group(2).equalsIgnoreCase("regtype") ? "gw_regtypes(" + m.group(1) + ")" : m.group(1) + "::BIGINT[]")
                : switch (m.group(2).toLowerCase()) {
            case "regclass" -> "gw_relname(" + m.group(1) + ")";
            case "regtype" -> "gw_typname(" + m.group(1) + ")";
            case "regnamespace" -> "gw_nspname(" + m.group(1) + ")";
            default -> "gw_proname(" + m.group(1) + ")";
        });
        text = outsideLiterals(text, TYPE_CAST, m -> switch (m.group(1).toLowerCase()) {
            case "oid", "regrole", "xid", "cid" -> "::BIGINT";
            case "int2vector" -> "::SMALLINT[]";
            case "oidvector" -> "::BIGINT[]";
            case "aclitem[]", "text[]", "_text" -> "::VARCHAR[]";
            default -> "::VARCHAR";
        });
        // _pg_expandarray in a select list is a set-returning function of (x, n) records: DuckDB's unnest of structs
        text = outsideLiterals(text, EXPANDARRAY_FIELD, m -> m.group(2).equalsIgnoreCase("x")
                ? "unnest(" + m.group(1) + ")" : "unnest(generate_series(1, len(" + m.group(1) + ")))");
        String expanding = text;
        text = outsideLiterals(text, EXPANDARRAY, m -> FROM_BEFORE.matcher(expanding.substring(
                Math.max(0, m.start() - 12), m.start())).find() ? m.group()
                : "unnest(list_transform(" + m.group(1) + ", lambda v, i: {'x': v, 'n': i}))");
        text = setReturningSeries(text);
        text = outsideLiterals(text, INFORMATION_SCHEMA, m -> "information_schema_" + m.group(1).toLowerCase());
        text = outsideLiterals(text, PREFIX, m -> "");
        text = outsideLiterals(text, CURRENT_SETTING, m -> "gw_setting_value(");
        text = outsideLiterals(text, CURRENT_SCHEMAS, m -> "gw_current_schemas(" + SEARCH_PATH_ALL + ", " + SEARCH_PATH + ", ");
        text = outsideLiterals(text, FUNCTIONS, m -> {
            String name = (m.group(1) != null ? m.group(1) : m.group(2)).toLowerCase();
            return switch (name) {
                case "version" -> "gw_version()";
                case "current_database", "current_catalog" -> "gw_current_database()";
                case "current_schema" -> "gw_current_schema()";
                default -> "gw_current_user()";
            };
        });
        return text;
    }

    /**
     * {@code generate_series(a, b)} in a select list is set-returning in PostgreSQL (psqlODBC's
     * SQLForeignKeys numbers key columns with it) and a list in DuckDB: unnested there. In FROM it is
     * a table function in both and stays.
     */
    private static String setReturningSeries(String text) {
        boolean[] inLiteral = literalMask(text);
        Matcher matcher = GENERATE_SERIES.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 16);
        int last = 0;
        while (matcher.find()) {
            if (inLiteral[matcher.start()] || matcher.start() < last
                    || FROM_BEFORE.matcher(text.substring(Math.max(0, matcher.start() - 12), matcher.start())).find()
                    || UNNEST_BEFORE.matcher(text.substring(Math.max(0, matcher.start() - 12), matcher.start())).find()) {
                continue;
            }
            int close = closingParenthesis(text, matcher.end() - 1, inLiteral);
            if (close < 0) {
                continue;
            }
            out.append(text, last, matcher.start()).append("unnest(").append(text, matcher.start(), close + 1).append(')');
            last = close + 1;
        }
        return out.append(text, last, text.length()).toString();
    }

    /** The index of the parenthesis closing the one at {@code open}, or -1. */
    private static int closingParenthesis(String text, int open, boolean[] inLiteral) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            if (inLiteral[i]) {
                continue;
            }
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private interface Replacement {
        String apply(Matcher matcher);
    }

    /** Applies a pattern only where its match starts outside a string literal. */
    private static String outsideLiterals(String text, Pattern pattern, Replacement replacement) {
        boolean[] inLiteral = literalMask(text);
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        while (matcher.find()) {
            if (inLiteral[matcher.start()]) {
                continue;
            }
            out.append(text, last, matcher.start()).append(replacement.apply(matcher));
            last = matcher.end();
        }
        return out.append(text.substring(last)).toString();
    }

    private static boolean[] literalMask(String text) {
        boolean[] mask = new boolean[text.length() + 1];
        int i = 0;
        while (i < text.length()) {
            int skip = SqlText.skipQuotedOrComment(text, i);
            if (skip > i && text.charAt(i) == '\'') {
                for (int j = i; j < skip; j++) {
                    mask[j] = true;
                }
                i = skip;
            } else if (skip > i) {
                i = skip;
            } else {
                i++;
            }
        }
        return mask;
    }
}

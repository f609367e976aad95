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
            + "|event_trigger|cast|operator|language|aggregate|shdescription|stat_activity)"
            + "|format_type|pg_get_\\w+|has_\\w+_privilege|obj_description|col_description|shobj_description"
            + "|pg_encoding_to_char|pg_backend_pid|pg_is_in_recovery|pg_postmaster_start_time|current_database"
            + "|current_schemas?|current_setting|txid_current|pg_table_is_visible|pg_type_is_visible"
            + "|current_user|session_user)\\b|\\bversion\\s*\\(");

    private static final Pattern COLLATE = Pattern.compile(
            "(?i)\\s+COLLATE\\s+(?:pg_catalog\\s*\\.\\s*)?(?:\"default\"|default|\"C\"|\"POSIX\")");
    private static final Pattern OPERATOR = Pattern.compile("(?i)OPERATOR\\s*\\(\\s*(?:pg_catalog\\s*\\.\\s*)?([^)\\s]+)\\s*\\)");
    private static final Pattern REGCLASS_LITERAL = Pattern.compile("(?i)('[^']*+(?:''[^']*+)*+')\\s*::\\s*(?:pg_catalog\\.)?regclass\\b");
    private static final Pattern REGPROC_LITERAL = Pattern.compile(
            "(?i)'(?:pg_catalog\\.)?([^']*+(?:''[^']*+)*+)'\\s*::\\s*(?:pg_catalog\\.)?(?:regproc|regprocedure)\\b");
    private static final Pattern REG_CAST = Pattern.compile(
            "(?i)([\\w.\"]+)\\s*::\\s*(?:pg_catalog\\.)?(regclass|regtype|regnamespace|regproc|regprocedure)\\b");
    private static final Pattern TYPE_CAST = Pattern.compile(
            "(?i)::\\s*(?:pg_catalog\\.)?(\"char\"|name|oid|regrole|int2vector|oidvector|xid|cid|tid|aclitem\\[\\]|text\\[\\]|_text|information_schema\\.\\w+)\\b");
    private static final Pattern PREFIX = Pattern.compile("(?i)\"?pg_catalog\"?\\s*\\.\\s*");
    private static final Pattern INFORMATION_SCHEMA = Pattern.compile("(?i)\"?information_schema\"?\\s*\\.\\s*\"?(\\w+)\"?");
    private static final Pattern CURRENT_SETTING = Pattern.compile("(?i)\\bcurrent_setting\\s*\\(");
    private static final Pattern FUNCTIONS = Pattern.compile(
            "(?i)\\b(version|current_database|current_schema)\\s*\\(\\s*\\)|\\b(current_user|session_user)\\b(?!\\s*\\()");

    /** What may follow a string literal to make it an array: {@code ::text[]}, {@code ::pg_catalog.int4[]} … */
    private static final Pattern ARRAY_CAST = Pattern.compile(
            "\\s*::\\s*(?:pg_catalog\\s*\\.\\s*)?(\"?[A-Za-z_][A-Za-z0-9_]*\"?(?: precision| varying)?)\\s*\\[\\s*\\]");

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
        String text = outsideLiterals(arrayLiterals(code), COLLATE, m -> "");
        text = outsideLiterals(text, OPERATOR, m -> " " + m.group(1) + " ");
        text = REGCLASS_LITERAL.matcher(text).replaceAll(m -> Matcher.quoteReplacement("gw_regclass(" + m.group(1) + ")"));
        text = REGPROC_LITERAL.matcher(text).replaceAll(m -> Matcher.quoteReplacement("'" + m.group(1) + "'"));
        text = outsideLiterals(text, REG_CAST, m -> switch (m.group(2).toLowerCase()) {
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
        text = outsideLiterals(text, INFORMATION_SCHEMA, m -> "information_schema_" + m.group(1).toLowerCase());
        text = outsideLiterals(text, PREFIX, m -> "");
        text = outsideLiterals(text, CURRENT_SETTING, m -> "gw_setting_value(");
        text = outsideLiterals(text, FUNCTIONS, m -> {
            String name = (m.group(1) != null ? m.group(1) : m.group(2)).toLowerCase();
            return switch (name) {
                case "version" -> "gw_version()";
                case "current_database" -> "gw_current_database()";
                case "current_schema" -> "gw_current_schema()";
                default -> "gw_current_user()";
            };
        });
        return text;
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

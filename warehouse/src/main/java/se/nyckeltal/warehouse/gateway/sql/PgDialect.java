package se.nyckeltal.warehouse.gateway.sql;

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

    private PgDialect() {}

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
        String text = outsideLiterals(code, COLLATE, m -> "");
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

package se.nyckeltal.warehouse.gateway.sql;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.nyckeltal.warehouse.gateway.wire.PgError;

/**
 * One session's settings: the ones clients set at start-up (application_name, DateStyle, TimeZone,
 * extra_float_digits, search_path …) are kept and reported back; none of them reaches DuckDB, whose
 * configuration is locked. SET of anything else — DuckDB's own settings above all — is refused.
 */
public final class SessionSettings {
    /** Settings a client may SET (lower case). Most only change what SHOW answers. */
    private static final Set<String> SETTABLE = Set.of("application_name", "client_encoding", "datestyle",
            "intervalstyle", "timezone", "extra_float_digits", "search_path", "statement_timeout", "lock_timeout",
            "idle_in_transaction_session_timeout", "client_min_messages", "standard_conforming_strings", "bytea_output",
            "default_transaction_isolation", "default_transaction_read_only", "transaction_isolation",
            "transaction_read_only", "default_transaction_deferrable", "escape_string_warning", "jit", "lc_messages",
            "lc_monetary", "lc_numeric", "lc_time", "geqo", "join_collapse_limit", "from_collapse_limit",
            "max_parallel_workers_per_gather", "plan_cache_mode", "work_mem", "synchronous_commit", "row_security",
            "session_authorization");

    private static final Pattern SET = Pattern.compile(
            "SET\\s+(?:SESSION\\s+|LOCAL\\s+)?(?:(TIME\\s+ZONE)|(NAMES)|(SCHEMA)|(\"[^\"]+\"|[A-Za-z_][\\w.]*))"
                    + "(?:\\s*=\\s*|\\s+TO\\s+|\\s+)(.*)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern RESET = Pattern.compile("RESET\\s+(?:(ALL)|(TIME\\s+ZONE)|(\"[^\"]+\"|[A-Za-z_][\\w.]*))\\s*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern SHOW = Pattern.compile("SHOW\\s+(?:(ALL)|(TIME\\s+ZONE)|(TRANSACTION\\s+ISOLATION\\s+LEVEL)"
            + "|(\"[^\"]+\"|[A-Za-z_][\\w.]*))\\s*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|min|h)?");

    private final Map<String, String> defaults;
    private final Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private String zoneSetting;
    private ZoneId zone;

    public SessionSettings(int maxConnections) {
        this.defaults = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        this.defaults.putAll(ServerSettings.defaults(maxConnections));
        this.values.putAll(defaults);
    }

    /** The canonical spelling of a setting name (DateStyle, TimeZone …), or the name in lower case. */
    private String canonical(String name) {
        for (String known : defaults.keySet()) {
            if (known.equalsIgnoreCase(name)) {
                return known;
            }
        }
        return name.toLowerCase(Locale.ROOT);
    }

    public String get(String name) {
        return values.get(name);
    }

    /** The start-up packet's options: applied like SET, unknown ones ignored as PostgreSQL would not. */
    public void startup(String name, String value) {
        if (SETTABLE.contains(name.toLowerCase(Locale.ROOT))) {
            put(name, value);
        }
    }

    /**
     * Runs a SET statement.
     *
     * @return the settings whose reported value changed (for ParameterStatus)
     */
    public Map<String, String> set(String sql) {
        String statement = strip(sql);
        String upper = statement.toUpperCase(Locale.ROOT);
        if (upper.matches("SET\\s+(SESSION\\s+CHARACTERISTICS\\s+AS\\s+)?TRANSACTION\\b.*")
                || upper.matches("SET\\s+(SESSION|LOCAL)?\\s*AUTHORIZATION\\s+DEFAULT")) {
            return Map.of();
        }
        Matcher matcher = SET.matcher(statement);
        if (!matcher.matches()) {
            throw new PgError(PgError.SYNTAX_ERROR, "cannot read the SET statement: " + statement);
        }
        String name = matcher.group(1) != null ? "TimeZone"
                : matcher.group(2) != null ? "client_encoding"
                : matcher.group(3) != null ? "search_path"
                : unquote(matcher.group(4));
        String value = value(matcher.group(5));
        if (!SETTABLE.contains(name.toLowerCase(Locale.ROOT))) {
            throw new PgError(PgError.INSUFFICIENT_PRIVILEGE, "setting \"" + name + "\" cannot be changed through the"
                    + " nyckeltal gateway: the served catalogue is read-only and its configuration is locked",
                    "a session may SET application_name, DateStyle, TimeZone, search_path, statement_timeout,"
                            + " extra_float_digits and similar client settings");
        }
        return put(name, value == null ? defaults.get(name) : value);
    }

    public Map<String, String> reset(String sql) {
        Matcher matcher = RESET.matcher(strip(sql));
        if (!matcher.matches()) {
            throw new PgError(PgError.SYNTAX_ERROR, "cannot read the RESET statement");
        }
        Map<String, String> changed = new LinkedHashMap<>();
        if (matcher.group(1) != null) {
            for (String name : List.copyOf(values.keySet())) {
                if (SETTABLE.contains(name.toLowerCase(Locale.ROOT)) && !values.get(name).equals(defaults.get(name))) {
                    changed.putAll(put(name, defaults.get(name)));
                }
            }
            return changed;
        }
        String name = matcher.group(2) != null ? "TimeZone" : unquote(matcher.group(3));
        if (!SETTABLE.contains(name.toLowerCase(Locale.ROOT))) {
            throw new PgError(PgError.INSUFFICIENT_PRIVILEGE, "setting \"" + name + "\" cannot be changed through the"
                    + " nyckeltal gateway");
        }
        return put(name, defaults.getOrDefault(name, ""));
    }

    /** SHOW: the setting's name and value, or every setting for SHOW ALL. */
    public Map<String, String> show(String sql) {
        Matcher matcher = SHOW.matcher(strip(sql));
        if (!matcher.matches()) {
            throw new PgError(PgError.SYNTAX_ERROR, "cannot read the SHOW statement");
        }
        if (matcher.group(1) != null) {
            return new TreeMap<>(values);
        }
        String name = matcher.group(2) != null ? "TimeZone"
                : matcher.group(3) != null ? "transaction_isolation"
                : unquote(matcher.group(4));
        String value = values.get(name);
        if (value == null) {
            throw new PgError(PgError.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"");
        }
        return Map.of(name.toLowerCase(Locale.ROOT), value);
    }

    private Map<String, String> put(String name, String value) {
        String key = canonical(name);
        String checked = check(key, value);
        String before = values.put(key, checked);
        return checked.equals(before) || !ServerSettings.REPORTED.contains(key) ? Map.of() : Map.of(key, checked);
    }

    private static String check(String name, String value) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "client_encoding" -> {
                String encoding = value.replace("-", "").replace("_", "").toUpperCase(Locale.ROOT);
                if (!encoding.equals("UTF8") && !encoding.equals("UNICODE")) {
                    throw new PgError(PgError.FEATURE_NOT_SUPPORTED, "client_encoding " + value + " is not supported;"
                            + " the gateway speaks UTF8 only");
                }
                return "UTF8";
            }
            case "datestyle" -> {
                if (!value.toUpperCase(Locale.ROOT).startsWith("ISO")) {
                    throw new PgError(PgError.INVALID_PARAMETER_VALUE, "DateStyle " + value + " is not supported;"
                            + " the gateway writes dates in ISO style only");
                }
                return value.contains(",") ? value : "ISO, MDY";
            }
            case "timezone" -> {
                zone(value);
                return value;
            }
            case "standard_conforming_strings" -> {
                if (!value.equalsIgnoreCase("on") && !value.equalsIgnoreCase("true")) {
                    throw new PgError(PgError.INVALID_PARAMETER_VALUE, "standard_conforming_strings is always on");
                }
                return "on";
            }
            case "statement_timeout" -> {
                timeout(value);
                return value;
            }
            default -> {
                return value;
            }
        }
    }

    /** The session's time zone, for timestamptz values (asked per value: parsed once per setting). */
    public ZoneId zone() {
        String value = values.get("TimeZone");
        if (!value.equals(zoneSetting)) {
            zone = zone(value);
            zoneSetting = value;
        }
        return zone;
    }

    private static ZoneId zone(String value) {
        String zone = value.strip();
        if (zone.equalsIgnoreCase("localtime") || zone.equalsIgnoreCase("default")) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(zone.equalsIgnoreCase("utc") || zone.equalsIgnoreCase("gmt") ? "UTC" : zone);
        } catch (DateTimeException e) {
            throw new PgError(PgError.INVALID_PARAMETER_VALUE, "invalid value for parameter \"TimeZone\": \"" + value + "\"");
        }
    }

    /** statement_timeout, if the session set one. */
    public Optional<Duration> statementTimeout() {
        Duration timeout = timeout(values.get("statement_timeout"));
        return timeout.isZero() ? Optional.empty() : Optional.of(timeout);
    }

    private static Duration timeout(String value) {
        Matcher matcher = DURATION.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new PgError(PgError.INVALID_PARAMETER_VALUE, "invalid value for parameter \"statement_timeout\": \""
                    + value + "\"");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "ms" : matcher.group(2);
        return switch (unit) {
            case "s" -> Duration.ofSeconds(amount);
            case "min" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofMillis(amount);
        };
    }

    /** search_path as written, unquoted, in order (with "$user", public and pg_catalog where they are named). */
    public List<String> searchPathNames() {
        return List.of(values.get("search_path").split(",")).stream().map(String::strip).map(SessionSettings::unquote)
                .filter(s -> !s.isEmpty()).toList();
    }

    /** search_path as schema names, without "$user", public and pg_catalog. */
    public List<String> searchPath() {
        return List.of(values.get("search_path").split(",")).stream().map(String::strip).map(SessionSettings::unquote)
                .filter(s -> !s.isEmpty() && !s.equals("$user") && !s.equalsIgnoreCase("public")
                        && !s.equalsIgnoreCase("pg_catalog"))
                .toList();
    }

    private static String strip(String sql) {
        String statement = SqlText.codeOnly(sql).isBlank() ? "" : sql.strip();
        while (statement.endsWith(";")) {
            statement = statement.substring(0, statement.length() - 1).strip();
        }
        return statement;
    }

    /** 'a', "b", c → a, b, c (quotes removed); DEFAULT → null. */
    private static String value(String text) {
        String value = text.strip();
        if (value.equalsIgnoreCase("DEFAULT")) {
            return null;
        }
        StringBuilder joined = new StringBuilder();
        for (String part : splitOutsideQuotes(value)) {
            if (joined.length() > 0) {
                joined.append(", ");
            }
            joined.append(unquote(part.strip()));
        }
        return joined.toString();
    }

    /**
     * Splits at commas outside single quotes, by scanning (a look-ahead regex for this repeats a group
     * per quote pair and overflows the stack on long values, SPEC §9).
     */
    static List<String> splitOutsideQuotes(String value) {
        List<String> parts = new java.util.ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                parts.add(value.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(value.substring(start));
        return parts;
    }

    private static String unquote(String text) {
        if (text.length() >= 2 && (text.startsWith("'") && text.endsWith("'") || text.startsWith("\"") && text.endsWith("\""))) {
            char quote = text.charAt(0);
            return text.substring(1, text.length() - 1).replace(String.valueOf(quote) + quote, String.valueOf(quote));
        }
        return text;
    }
}

package se.nyckeltal.warehouse.gateway.sql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server settings the gateway reports (ParameterStatus at start-up) and answers SHOW with, as a
 * PostgreSQL 15 server would. Read-only by design: default_transaction_read_only is on.
 */
public final class ServerSettings {
    public static final String SERVER_VERSION = "15.6";
    public static final String SERVER_VERSION_NUM = "150006";

    /** The settings PostgreSQL reports in ParameterStatus (GUC_REPORT). */
    public static final List<String> REPORTED = List.of("application_name", "client_encoding", "DateStyle",
            "default_transaction_read_only", "in_hot_standby", "integer_datetimes", "IntervalStyle", "is_superuser",
            "server_encoding", "server_version", "session_authorization", "standard_conforming_strings", "TimeZone");

    private ServerSettings() {}

    /** The settings of a server that admits {@code maxConnections} clients (connections.max). */
    public static Map<String, String> defaults(int maxConnections) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("application_name", "");
        settings.put("client_encoding", "UTF8");
        settings.put("DateStyle", "ISO, MDY");
        settings.put("default_transaction_read_only", "on");
        settings.put("in_hot_standby", "off");
        settings.put("integer_datetimes", "on");
        settings.put("IntervalStyle", "postgres");
        settings.put("is_superuser", "off");
        settings.put("server_encoding", "UTF8");
        settings.put("server_version", SERVER_VERSION);
        settings.put("session_authorization", PgCatalog.OWNER);
        settings.put("standard_conforming_strings", "on");
        settings.put("TimeZone", "UTC");
        settings.put("server_version_num", SERVER_VERSION_NUM);
        settings.put("transaction_isolation", "read committed");
        settings.put("default_transaction_isolation", "read committed");
        settings.put("transaction_read_only", "on");
        settings.put("extra_float_digits", "1");
        settings.put("search_path", "\"$user\", public");
        settings.put("statement_timeout", "0");
        settings.put("lock_timeout", "0");
        settings.put("idle_in_transaction_session_timeout", "0");
        settings.put("client_min_messages", "notice");
        settings.put("bytea_output", "hex");
        settings.put("max_identifier_length", "63");
        settings.put("max_index_keys", "32");
        settings.put("max_function_args", "100");
        settings.put("lc_collate", "C.UTF-8");
        settings.put("lc_ctype", "C.UTF-8");
        settings.put("lc_messages", "C.UTF-8");
        settings.put("lc_monetary", "C.UTF-8");
        settings.put("lc_numeric", "C.UTF-8");
        settings.put("lc_time", "C.UTF-8");
        settings.put("max_connections", String.valueOf(maxConnections));
        settings.put("block_size", "8192");
        settings.put("escape_string_warning", "on");
        settings.put("default_transaction_deferrable", "off");
        settings.put("jit", "off");
        return settings;
    }
}

package se.nyckeltal.warehouse.gateway;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the gateway listens, authenticates and bounds queries. Read from a properties file (see
 * docs/gateway.md); paths in it are relative to the file's folder. Command-line options override it.
 *
 * @param usersFile the users file ({@code users}); null only with insecureLocal
 * @param tlsCertificate PEM certificate chain ({@code tls.certificate}); null for no TLS
 * @param tlsKey PEM PKCS#8 private key ({@code tls.key})
 * @param tlsRequired refuse connections that did not negotiate TLS ({@code tls.required})
 * @param queryTimeout per statement ({@code query.timeout})
 * @param maxRows rows one statement may return ({@code query.max_rows})
 * @param memoryLimit DuckDB memory_limit per served catalogue ({@code duckdb.memory_limit})
 * @param threads DuckDB threads ({@code duckdb.threads})
 * @param tempDirectory where DuckDB may spill, never under the warehouse ({@code duckdb.temp_directory}); null
 *     for a private folder under java.io.tmpdir
 * @param maxConnections concurrent client connections ({@code connections.max})
 * @param pollInterval how often the published snapshot is checked ({@code catalogue.poll_interval})
 * @param insecureLocal trust every loopback client without a password (demo only; loopback only)
 * @param guards what protects the gateway from hostile or broken clients before and during login
 */
public record GatewayConfig(
        String host,
        int port,
        Path usersFile,
        Path tlsCertificate,
        Path tlsKey,
        boolean tlsRequired,
        Duration queryTimeout,
        long maxRows,
        String memoryLimit,
        int threads,
        Path tempDirectory,
        int maxConnections,
        Duration pollInterval,
        boolean insecureLocal,
        Guards guards) {
    public static final int DEFAULT_PORT = 5433;

    /**
     * Bounds on what a client can cost the server, most of them before it has logged in.
     *
     * @param startupTimeout the whole start-up and authentication, not each read
     *     ({@code connections.startup_timeout}, PostgreSQL's authentication_timeout)
     * @param maxFailedLogins failed logins per user name and per client address within {@code lockout}
     *     before further attempts are refused ({@code auth.max_failures})
     * @param lockout how long failures are remembered and a locked user or address stays locked
     *     ({@code auth.lockout})
     * @param bufferLimit bytes of client messages all connections together may hold in memory at once
     *     ({@code connections.buffer_limit})
     */
    public record Guards(Duration startupTimeout, int maxFailedLogins, Duration lockout, long bufferLimit) {
        public Guards {
            requireNonNull(startupTimeout, "startupTimeout");
            requireNonNull(lockout, "lockout");
            if (startupTimeout.isZero() || startupTimeout.isNegative() || lockout.isNegative() || maxFailedLogins < 1
                    || bufferLimit < 1024 * 1024) {
                throw new IllegalArgumentException("connections.startup_timeout and auth.max_failures must be positive,"
                        + " auth.lockout not negative and connections.buffer_limit at least 1MB");
            }
        }

        public static Guards defaults() {
            return new Guards(Duration.ofSeconds(60), 10, Duration.ofMinutes(15), 512L * 1024 * 1024);
        }
    }

    private static final Set<String> KEYS = Set.of("host", "port", "users", "tls.certificate", "tls.key",
            "tls.required", "query.timeout", "query.max_rows", "duckdb.memory_limit", "duckdb.threads",
            "duckdb.temp_directory", "connections.max", "catalogue.poll_interval", "connections.startup_timeout",
            "connections.buffer_limit", "auth.max_failures", "auth.lockout");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h)?");
    private static final Pattern BYTES = Pattern.compile("(\\d+)\\s*(B|KB|MB|GB|KiB|MiB|GiB)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern MEMORY = Pattern.compile("\\d+(\\.\\d+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)",
            Pattern.CASE_INSENSITIVE);

    public GatewayConfig {
        requireNonNull(host, "host");
        requireNonNull(queryTimeout, "queryTimeout");
        requireNonNull(memoryLimit, "memoryLimit");
        requireNonNull(pollInterval, "pollInterval");
        requireNonNull(guards, "guards");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a TCP port");
        }
        if ((tlsCertificate == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("tls.certificate and tls.key go together: set both or neither");
        }
        if (tlsRequired && tlsCertificate == null) {
            throw new IllegalArgumentException("tls.required needs tls.certificate and tls.key");
        }
        if (!MEMORY.matcher(memoryLimit).matches()) {
            throw new IllegalArgumentException("duckdb.memory_limit '" + memoryLimit + "' is not a size like 2GB");
        }
        if (maxRows < 1 || threads < 1 || maxConnections < 1 || queryTimeout.isZero() || queryTimeout.isNegative()) {
            throw new IllegalArgumentException("query.max_rows, duckdb.threads, connections.max and query.timeout must be positive");
        }
    }

    public static GatewayConfig defaults() {
        return new GatewayConfig("127.0.0.1", DEFAULT_PORT, null, null, null, false, Duration.ofMinutes(5), 5_000_000L,
                "2GB", 2, null, 64, Duration.ofSeconds(2), false, Guards.defaults());
    }

    /**
     * Reads a config file over the defaults.
     *
     * @throws IllegalArgumentException naming the key when a value is wrong or a key unknown
     */
    public static GatewayConfig load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the gateway config " + file, e);
        }
        Set<String> unknown = new TreeSet<>(properties.stringPropertyNames());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(file + ": unknown setting " + unknown + "; known: " + new TreeSet<>(KEYS));
        }
        Path dir = file.toAbsolutePath().getParent();
        GatewayConfig d = defaults();
        try {
            return new GatewayConfig(
                    properties.getProperty("host", d.host).strip(),
                    Integer.parseInt(properties.getProperty("port", String.valueOf(d.port)).strip()),
                    path(dir, properties.getProperty("users")),
                    path(dir, properties.getProperty("tls.certificate")),
                    path(dir, properties.getProperty("tls.key")),
                    Boolean.parseBoolean(properties.getProperty("tls.required", "false").strip()),
                    duration("query.timeout", properties.getProperty("query.timeout"), d.queryTimeout),
                    Long.parseLong(properties.getProperty("query.max_rows", String.valueOf(d.maxRows)).strip()),
                    properties.getProperty("duckdb.memory_limit", d.memoryLimit).strip(),
                    Integer.parseInt(properties.getProperty("duckdb.threads", String.valueOf(d.threads)).strip()),
                    path(dir, properties.getProperty("duckdb.temp_directory")),
                    Integer.parseInt(properties.getProperty("connections.max", String.valueOf(d.maxConnections)).strip()),
                    duration("catalogue.poll_interval", properties.getProperty("catalogue.poll_interval"), d.pollInterval),
                    false,
                    new Guards(
                            duration("connections.startup_timeout", properties.getProperty("connections.startup_timeout"),
                                    d.guards.startupTimeout()),
                            Integer.parseInt(properties.getProperty("auth.max_failures",
                                    String.valueOf(d.guards.maxFailedLogins())).strip()),
                            duration("auth.lockout", properties.getProperty("auth.lockout"), d.guards.lockout()),
                            bytes("connections.buffer_limit", properties.getProperty("connections.buffer_limit"),
                                    d.guards.bufferLimit())));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage() + " is not a number", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static Path path(Path dir, String value) {
        return value == null || value.isBlank() ? null : dir.resolve(value.strip()).normalize();
    }

    /** "512MB", "1GB", "65536" (bytes). */
    static long bytes(String key, String value, long fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        Matcher matcher = BYTES.matcher(value.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException(key + " '" + value + "' is not a size like 512MB");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "" : matcher.group(2).toUpperCase(Locale.ROOT);
        return switch (unit) {
            case "KB", "KIB" -> amount * 1024;
            case "MB", "MIB" -> amount * 1024 * 1024;
            case "GB", "GIB" -> amount * 1024 * 1024 * 1024;
            default -> amount;
        };
    }

    /** "300", "300s", "5m", "500ms", "1h". */
    public static Duration duration(String key, String value, Duration fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        Matcher matcher = DURATION.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException(key + " '" + value + "' is not a duration like 30s, 5m or 500ms");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m", "min" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    public GatewayConfig withListen(String newHost, int newPort) {
        return new GatewayConfig(newHost, newPort, usersFile, tlsCertificate, tlsKey, tlsRequired, queryTimeout, maxRows,
                memoryLimit, threads, tempDirectory, maxConnections, pollInterval, insecureLocal, guards);
    }

    public GatewayConfig withUsersFile(Path file) {
        return new GatewayConfig(host, port, file, tlsCertificate, tlsKey, tlsRequired, queryTimeout, maxRows,
                memoryLimit, threads, tempDirectory, maxConnections, pollInterval, insecureLocal, guards);
    }

    public GatewayConfig withTls(Path certificate, Path key, boolean required) {
        return new GatewayConfig(host, port, usersFile, certificate, key, required, queryTimeout, maxRows,
                memoryLimit, threads, tempDirectory, maxConnections, pollInterval, insecureLocal, guards);
    }

    public GatewayConfig withLimits(Duration timeout, long rows, String memory, int duckdbThreads) {
        return new GatewayConfig(host, port, usersFile, tlsCertificate, tlsKey, tlsRequired, timeout, rows, memory,
                duckdbThreads, tempDirectory, maxConnections, pollInterval, insecureLocal, guards);
    }

    public GatewayConfig withPollInterval(Duration interval) {
        return new GatewayConfig(host, port, usersFile, tlsCertificate, tlsKey, tlsRequired, queryTimeout, maxRows,
                memoryLimit, threads, tempDirectory, maxConnections, interval, insecureLocal, guards);
    }

    public GatewayConfig withMaxConnections(int connections) {
        return new GatewayConfig(host, port, usersFile, tlsCertificate, tlsKey, tlsRequired, queryTimeout, maxRows,
                memoryLimit, threads, tempDirectory, connections, pollInterval, insecureLocal, guards);
    }

    public GatewayConfig withTempDirectory(Path directory) {
        return new GatewayConfig(host, port, usersFile, tlsCertificate, tlsKey, tlsRequired, queryTimeout, maxRows,
                memoryLimit, threads, directory, maxConnections, pollInterval, insecureLocal, guards);
    }

    public GatewayConfig withGuards(Guards newGuards) {
        return new GatewayConfig(host, port, usersFile, tlsCertificate, tlsKey, tlsRequired, queryTimeout, maxRows,
                memoryLimit, threads, tempDirectory, maxConnections, pollInterval, insecureLocal, newGuards);
    }

    /** Trust loopback clients without a password; binds to 127.0.0.1 only. */
    public GatewayConfig withInsecureLocal() {
        return new GatewayConfig("127.0.0.1", port, usersFile, tlsCertificate, tlsKey, tlsRequired, queryTimeout, maxRows,
                memoryLimit, threads, tempDirectory, maxConnections, pollInterval, true, guards);
    }
}

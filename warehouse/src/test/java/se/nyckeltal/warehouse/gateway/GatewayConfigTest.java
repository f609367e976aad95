package se.nyckeltal.warehouse.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigTest {
    @TempDir
    Path dir;

    @Test
    void aConfigFileSetsEveryLimitWithPathsRelativeToItsFolder() throws Exception {
        Path file = dir.resolve("etc").resolve("gateway.conf");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                # the gateway of region X
                host = 0.0.0.0
                port = 6543
                users = gateway-users.conf
                tls.certificate = tls/server.crt
                tls.key = tls/server.key
                tls.required = true
                query.timeout = 90s
                query.max_rows = 1000
                duckdb.memory_limit = 512MB
                duckdb.threads = 1
                duckdb.temp_directory = /var/tmp/gw
                connections.max = 8
                catalogue.poll_interval = 500ms
                """);
        GatewayConfig config = GatewayConfig.load(file);
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(6543);
        assertThat(config.usersFile()).isEqualTo(dir.resolve("etc/gateway-users.conf"));
        assertThat(config.tlsCertificate()).isEqualTo(dir.resolve("etc/tls/server.crt"));
        assertThat(config.tlsRequired()).isTrue();
        assertThat(config.queryTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.maxRows()).isEqualTo(1000);
        assertThat(config.memoryLimit()).isEqualTo("512MB");
        assertThat(config.threads()).isEqualTo(1);
        assertThat(config.tempDirectory()).isEqualTo(Path.of("/var/tmp/gw"));
        assertThat(config.maxConnections()).isEqualTo(8);
        assertThat(config.pollInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.insecureLocal()).isFalse();
    }

    @Test
    void mistakesAreNamed() throws Exception {
        Path file = dir.resolve("bad.conf");
        Files.writeString(file, "query.timout = 30s\n");
        assertThatThrownBy(() -> GatewayConfig.load(file)).hasMessageContaining("unknown setting [query.timout]");
        Files.writeString(file, "duckdb.memory_limit = lots\n");
        assertThatThrownBy(() -> GatewayConfig.load(file)).hasMessageContaining("is not a size like 2GB");
        Files.writeString(file, "tls.certificate = a.crt\n");
        assertThatThrownBy(() -> GatewayConfig.load(file)).hasMessageContaining("tls.certificate and tls.key go together");
        Files.writeString(file, "query.timeout = soon\n");
        assertThatThrownBy(() -> GatewayConfig.load(file)).hasMessageContaining("is not a duration");
    }

    @Test
    void insecureLocalListensOnLoopbackOnly() {
        GatewayConfig config = GatewayConfig.defaults().withListen("0.0.0.0", 5433).withInsecureLocal();
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.insecureLocal()).isTrue();
    }
}

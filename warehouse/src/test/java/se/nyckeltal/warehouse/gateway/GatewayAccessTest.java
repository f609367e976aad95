package se.nyckeltal.warehouse.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who gets in: the demo's --insecure-local trust on loopback, and the connection limit. */
class GatewayAccessTest {
    @TempDir
    Path dir;

    @Test
    void insecureLocalLetsLoopbackClientsInWithoutAPassword() throws Exception {
        try (GatewayFixture gateway = GatewayFixture.start(dir, GatewayConfig::withInsecureLocal);
                RawClient client = RawClient.connect(gateway.port(), "demo", "")) {
            client.query("SELECT count(*) AS kpis FROM dim.kpi");
            List<RawClient.Message> messages = client.untilReady();
            assertThat(messages).extracting(RawClient.Message::type).containsExactly('T', 'D', 'C', 'Z');
        }
    }

    @Test
    void connectionsBeyondTheLimitAreRefusedWith53300() throws Exception {
        try (GatewayFixture gateway = GatewayFixture.start(dir, config -> config.withMaxConnections(2));
                RawClient first = RawClient.connect(gateway.port(), GatewayFixture.USER, GatewayFixture.PASSWORD)) {
            RawClient second = RawClient.connect(gateway.port(), GatewayFixture.USER, GatewayFixture.PASSWORD);
            assertThatThrownBy(() -> RawClient.connect(gateway.port(), GatewayFixture.USER, GatewayFixture.PASSWORD))
                    .hasMessageStartingWith("53300 sorry, too many clients already");
            first.query("SELECT 1");
            assertThat(first.untilReady()).hasSize(4);
            second.close();
            Thread.sleep(200);
            try (RawClient third = RawClient.connect(gateway.port(), GatewayFixture.USER, GatewayFixture.PASSWORD)) {
                third.query("SELECT 1");
                assertThat(third.untilReady()).hasSize(4);
            }
        }
    }
}

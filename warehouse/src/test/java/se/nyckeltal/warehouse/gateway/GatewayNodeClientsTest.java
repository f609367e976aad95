package se.nyckeltal.warehouse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * node-postgres and pg-copy-streams (npm, on Debian's Node) against the gateway: parameters the way
 * node sends them, and COPY … TO STDOUT as a stream. The modules live in a test-owned folder,
 * warehouse/target/node-clients (never committed): .ci/run installs them there, and this test does
 * when npm is present and they are not.
 */
class GatewayNodeClientsTest {
    static final Path MODULES = Path.of("target", "node-clients");

    @TempDir
    static Path dir;

    private static GatewayFixture gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.start(dir);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void nodePostgresAndPgCopyStreams() throws Exception {
        Path node = ClientRequirement.executable("node", "apt-get install nodejs npm");
        Path modules = MODULES.toAbsolutePath();
        if (!Files.isDirectory(modules.resolve("node_modules").resolve("pg-copy-streams"))) {
            Path npm = ClientRequirement.executable("npm", "apt-get install npm");
            Files.createDirectories(modules);
            ClientProcess install = ClientProcess.run(modules, Map.of(), null, npm.toString(), "install", "--no-audit",
                    "--no-fund", "--prefix", modules.toString(), "pg@8", "pg-copy-streams@7");
            ClientRequirement.require(install.exitCode() == 0, "npm packages pg and pg-copy-streams ("
                    + install.err().strip() + ")", "npm install --prefix " + modules + " pg@8 pg-copy-streams@7");
        }
        Path script = modules.resolve("node_clients.js");
        try (InputStream in = GatewayNodeClientsTest.class.getResourceAsStream("clients/node_clients.js")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        ClientProcess result = ClientProcess.run(dir, Map.of("NODE_PATH", modules.resolve("node_modules").toString()),
                null, node.toString(), script.toString(), String.valueOf(gateway.port()), GatewayFixture.USER,
                GatewayFixture.PASSWORD);
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        // revenue 202602: 1000 + 5000 + 500 = 6500 (GatewayPsqlTest)
        assertThat(result.out()).isEqualTo("pg.param=6500.000000\n" + "pg.arrays=6500.000000\n"
                + "pg-copy-streams=\"n,t\\n0,\\\"a,b\\\"\\n1,\\\"a,b\\\"\\n2,\\\"a,b\\\"\\n\"\n");
    }
}

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
 * psycopg2 and psycopg 3 (Debian's python3-psycopg2 and python3-psycopg, run by Debian's
 * /usr/bin/python3) against the gateway: COPY … TO STDOUT (copy_expert, cursor.copy), named cursors
 * with and without hold, and nested transactions (savepoints). Skips with the reason when they are
 * missing locally; CI installs them (.ci/run) and there a missing client fails the test.
 */
class GatewayPythonClientsTest {
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
    void psycopg2AndPsycopg3() throws Exception {
        ClientRequirement.python("psycopg2", "python3-psycopg2");
        ClientRequirement.python("psycopg", "python3-psycopg");
        Path script = dir.resolve("psycopg_clients.py");
        try (InputStream in = GatewayPythonClientsTest.class.getResourceAsStream("clients/psycopg_clients.py")) {
            Files.copy(in, script);
        }
        ClientProcess result = ClientProcess.run(dir, Map.of(), null, ClientRequirement.PYTHON, script.toString(),
                String.valueOf(gateway.port()), GatewayFixture.USER, GatewayFixture.PASSWORD);
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        // revenue 202602: 1000 + 5000 + 500 = 6500 (GatewayPsqlTest)
        assertThat(result.out()).isEqualTo(""
                + "psycopg2.copy_expert='org_id,value\\nTOTAL,6500.000000\\n'\n"
                + "psycopg2.named=0,1,2,3,4\n"
                + "psycopg2.withhold=0,1,2\n"
                + "psycopg.copy=[('0', '0'), ('1', '2'), ('2', '4')]\n"
                + "psycopg.copy_csv=b'TOTAL,6500.000000\\n'\n"
                + "psycopg.named=0,1,2,3,4\n"
                + "psycopg.inner_error=UndefinedTable\n"
                + "psycopg.after_savepoint=42\n"
                + "psycopg.lists=6500.000000\n"
                + "psycopg.text_list=True\n");
    }
}

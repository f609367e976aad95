package se.nyckeltal.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's commands: users add/list, serve's start-up errors and the Power BI .pbids file. */
class GatewayCommandsTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String stdin, String... args) {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return NyckeltalCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        } finally {
            System.setIn(original);
        }
    }

    @Test
    void usersAddStoresASaltedVerifierAndNeverThePassword() throws Exception {
        Path users = tmp.resolve("gateway").resolve("users.conf");
        assertThat(run("Sommar-2026!\n", "users", "add", "--users", users.toString(), "--password-stdin", "controller"))
                .as(err.toString()).isZero();
        assertThat(run("Vinter-2026!\n", "users", "add", "--users", users.toString(), "--password-stdin", "analyst"))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("Added user controller").contains("Added user analyst");
        String text = Files.readString(users);
        assertThat(text).doesNotContain("Sommar-2026!").doesNotContain("Vinter-2026!")
                .containsPattern("(?m)^controller:SCRAM-SHA-256\\$4096:[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$");
        assertThat(Files.getPosixFilePermissions(users)).extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");

        out.getBuffer().setLength(0);
        assertThat(run("", "users", "list", "--users", users.toString())).isZero();
        assertThat(out.toString().lines()).containsExactly("controller", "analyst");
    }

    @Test
    void usersAddWithoutAPasswordFailsWithAHint() {
        int exit = run("", "users", "add", "--users", tmp.resolve("u.conf").toString(), "--password-stdin", "x");
        assertThat(exit).isEqualTo(NyckeltalCli.EXIT_FAILED);
        assertThat(err.toString()).startsWith("error: no password on standard input").contains("hint: ");
    }

    @Test
    void serveRefusesToStartWithoutUsersOrAPublishedCatalogue() throws Exception {
        int exit = run("", "serve", "--warehouse", tmp.resolve("w").toString(), "--port", "0");
        assertThat(exit).isEqualTo(NyckeltalCli.EXIT_FAILED);
        assertThat(err.toString()).startsWith("error: no users file configured").contains("hint: ")
                .doesNotContain("\tat ");

        err.getBuffer().setLength(0);
        Path users = tmp.resolve("users.conf");
        assertThat(run("pw\n", "users", "add", "--users", users.toString(), "--password-stdin", "a")).isZero();
        exit = run("", "serve", "--warehouse", tmp.resolve("w").toString(), "--users", users.toString(), "--port", "0");
        assertThat(exit).isEqualTo(NyckeltalCli.EXIT_FAILED);
        assertThat(err.toString()).startsWith("error: no catalogue published").contains("hint: ");
    }

    @Test
    void writePbidsWritesAPowerBiDataSourceForTheHost() throws Exception {
        Path pbids = tmp.resolve("nyckeltal.pbids");
        assertThat(run("", "serve", "--write-pbids", pbids.toString(), "--host", "kpi.region.se", "--port", "5433",
                "--pbids-mode", "directquery")).as(err.toString()).isZero();
        String json = Files.readString(pbids);
        assertThat(json).contains("\"version\" : \"0.1\"").contains("\"protocol\" : \"postgresql\"")
                .contains("\"server\" : \"kpi.region.se:5433\"").contains("\"database\" : \"nyckeltal\"")
                .contains("\"mode\" : \"DirectQuery\"");
        assertThat(out.toString()).contains("Wrote " + pbids);
    }
}

package se.nyckeltal.warehouse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * psql's everyday reading habits against the gateway (SPEC §6): \copy and COPY … TO STDOUT in text, csv
 * and binary, FETCH_COUNT (which reads every result through a cursor), DECLARE/FETCH/MOVE/CLOSE with
 * and without HOLD, and SQL PREPARE/EXECUTE/DEALLOCATE; COPY FROM and COPY to a file refused, saying why.
 */
class GatewayCursorCopyPsqlTest {
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

    private static ClientProcess psql(String stdin, String... arguments) throws Exception {
        var command = ClientProcess.args(GatewayFixture.requireExecutable("psql").toString(), "-X", "-q", "-A", "-t",
                "-h", "127.0.0.1", "-p", String.valueOf(gateway.port()), "-U", GatewayFixture.USER, "-d", "nyckeltal");
        command.addAll(java.util.List.of(arguments));
        return ClientProcess.run(dir, Map.of("PGPASSWORD", GatewayFixture.PASSWORD, "PGSSLMODE", "disable",
                "PGCONNECT_TIMEOUT", "10"), stdin, command.toArray(String[]::new));
    }

    @Test
    void backslashCopyWritesCsvWithAHeaderOnTheClientSide() throws Exception {
        ClientProcess result = psql(null, "-v", "ON_ERROR_STOP=1", "-c",
                "\\copy (SELECT n, 'a,b' AS t, NULL::VARCHAR AS z, '' AS e FROM range(3) r(n) ORDER BY n) TO 'out.csv' CSV HEADER");
        assertThat(result.exitCode()).as(result.err()).isZero();
        // NULL is the empty string in CSV, so an empty text is quoted to tell them apart
        assertThat(Files.readString(dir.resolve("out.csv"))).isEqualTo(
                "n,t,z,e\n0,\"a,b\",,\"\"\n1,\"a,b\",,\"\"\n2,\"a,b\",,\"\"\n");
    }

    @Test
    void copyToStdoutInTextFormatEscapesAsPostgresDoes() throws Exception {
        ClientProcess result = psql(null, "-v", "ON_ERROR_STOP=1", "-c",
                "COPY (SELECT 'tab' || chr(9) || 'here' AS a, NULL::INTEGER AS b, 'back\\slash' AS c,"
                        + " 'line' || chr(10) || 'two' AS d) TO STDOUT");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("tab\\there\t\\N\tback\\\\slash\tline\\ntwo\n");
        ClientProcess csv = psql(null, "-v", "ON_ERROR_STOP=1", "-c",
                "COPY (SELECT org_id, value FROM kpi.kpi_values WHERE kpi_id = 'revenue' AND period = 202602"
                        + " AND time_window = 'month' AND org_level = 'total') TO STDOUT WITH (FORMAT csv, HEADER)");
        assertThat(csv.exitCode()).as(csv.err()).isZero();
        // revenue 202602: 1000 + 5000 + 500 (GatewayPsqlTest)
        assertThat(csv.out()).isEqualTo("org_id,value\nTOTAL,6500.000000\n");
    }

    @Test
    void binaryCopyHasPostgresHeaderRowsAndTrailer() throws Exception {
        ClientProcess result = psql(null, "-v", "ON_ERROR_STOP=1", "-c",
                "\\copy (SELECT 42::INTEGER AS n, NULL::INTEGER AS z) TO 'out.bin' BINARY");
        assertThat(result.exitCode()).as(result.err()).isZero();
        byte[] bytes = Files.readAllBytes(dir.resolve("out.bin"));
        // signature, flags 0, extension 0; one tuple: 2 fields, int4 42 (length 4), NULL (length −1); trailer −1
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("5047434f50590aff0d0a00" + "00000000" + "00000000"
                + "0002" + "00000004" + "0000002a" + "ffffffff" + "ffff");
    }

    @Test
    void fetchCountReadsEveryResultThroughACursor() throws Exception {
        ClientProcess result = psql("\\set FETCH_COUNT 2\nSELECT n FROM range(5) r(n) ORDER BY n;\n"
                + "SELECT count(*) FROM kpi.kpi_values WHERE kpi_id = 'revenue' AND period = 202602 AND"
                + " time_window = 'month' AND org_level = 'total';\n", "-v", "ON_ERROR_STOP=1");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("0\n1\n2\n3\n4\n1\n");
    }

    @Test
    void cursorsFetchMoveAndCloseWithAndWithoutHold() throws Exception {
        ClientProcess result = psql("DECLARE c CURSOR WITH HOLD FOR SELECT n FROM range(10) r(n) ORDER BY n;\n"
                + "FETCH 3 FROM c;\nMOVE FORWARD 2 IN c;\nFETCH NEXT FROM c;\nFETCH RELATIVE 2 FROM c;\n"
                + "FETCH ALL FROM c;\nFETCH FROM c;\nCLOSE c;\n"
                + "BEGIN;\nDECLARE \"Mixed Case\" BINARY CURSOR FOR SELECT 1 AS one;\nCLOSE \"Mixed Case\";\n"
                + "DECLARE d NO SCROLL CURSOR WITHOUT HOLD FOR SELECT 'in block' AS t;\nFETCH FORWARD ALL FROM d;\nCOMMIT;\n"
                + "FETCH FROM d;\n", "-v", "ON_ERROR_STOP=0");
        // 0 1 2 | skip 3 4 | 5 | skip 6, take 7 | 8 9 | nothing; d is gone after COMMIT
        assertThat(result.out()).isEqualTo("0\n1\n2\n5\n7\n8\n9\nin block\n");
        assertThat(result.err()).contains("cursor \"d\" does not exist").doesNotContain("Mixed Case");
        ClientProcess outside = psql(null, "-c", "DECLARE e CURSOR FOR SELECT 1");
        assertThat(outside.err()).contains("DECLARE CURSOR can only be used in transaction blocks");
        ClientProcess backward = psql("BEGIN;\nDECLARE f CURSOR FOR SELECT 1;\nFETCH PRIOR FROM f;\n");
        assertThat(backward.err()).contains("cursor can only scan forward");
    }

    @Test
    void sqlPrepareExecuteAndDeallocate() throws Exception {
        ClientProcess result = psql("PREPARE kv(int) AS SELECT value FROM kpi.kpi_values WHERE kpi_id = 'revenue'"
                + " AND period = $1 AND time_window = 'month' AND org_level = 'total';\nEXECUTE kv(202602);\n"
                + "EXECUTE kv (202600 + 2);\nPREPARE two AS SELECT $1::INTEGER + $2::INTEGER AS s;\nEXECUTE two(40, 2);\n"
                + "DEALLOCATE kv;\nEXECUTE kv(202602);\nDEALLOCATE ALL;\nEXECUTE two(1, 1);\n", "-v", "ON_ERROR_STOP=0");
        assertThat(result.out()).isEqualTo("6500.000000\n6500.000000\n42\n");
        assertThat(result.err()).contains("prepared statement \"kv\" does not exist")
                .contains("prepared statement \"two\" does not exist");
    }

    @Test
    void copyFromAndCopyToAServerFileAreRefusedSayingWhy() throws Exception {
        Path target = dir.resolve("server-side.csv");
        ClientProcess from = psql("1\t2\n\\.\n", "-c", "COPY kpi.kpi_values FROM STDIN");
        assertThat(from.err()).contains("COPY FROM is not allowed: it writes rows into a table");
        ClientProcess toFile = psql(null, "-c", "COPY (SELECT 1) TO '" + target + "'");
        assertThat(toFile.err()).contains("COPY to a file or program is not allowed: it would write on the server");
        assertThat(target).doesNotExist();
    }
}

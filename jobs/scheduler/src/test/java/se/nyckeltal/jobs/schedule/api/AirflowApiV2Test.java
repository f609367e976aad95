package se.nyckeltal.jobs.schedule.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.jobs.schedule.dag.DagBag;
import se.nyckeltal.jobs.schedule.run.DagRunEngine;
import se.nyckeltal.jobs.schedule.run.RunStore;
import se.nyckeltal.jobs.schedule.testing.FakeLauncher;
import se.nyckeltal.jobs.schedule.testing.MutableClock;
import se.nyckeltal.jobs.schedule.testing.TestDags;

/**
 * Airflow 3's /api/v2 as its clients see it: every answer is validated against the JSON schema
 * Airflow's OpenAPI spec declares for that path, method and status ({@link AirflowOpenApi}), and
 * the values are checked by hand.
 */
class AirflowApiV2Test {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path state;

    private final MutableClock clock = MutableClock.at("2025-03-12T04:00:00Z");
    private final HttpClient http = HttpClient.newHttpClient();
    private DagRunEngine engine;
    private AirflowApi api;
    private String bearer;

    @BeforeEach
    void start() throws Exception {
        engine = new DagRunEngine(DagBag.of(TestDags.daily("30 4 * * *", """
                description: Test DAG
                catchup: false
                max_active_runs: 1
                tags: [nightly]
                params: {landing: /data/in}
                default_args: {owner: nyckeltal, retries: 1, retry_delay: 5m, execution_timeout: 2h}
                """, """
                  - {task_id: a, bash_command: "echo {{ ds }}"}
                  - {task_id: b, upstream: [a], bash_command: "echo b"}
                """)), new RunStore(state), new FakeLauncher(), clock, Map.of(), 2);
        api = new AirflowApi(engine, ApiUsers.of(Map.of("airflow", PASSWORD)), "127.0.0.1", 0);
        api.start();
        bearer = "Bearer " + token().body().get("access_token").asText();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private record Response(int status, JsonNode body, HttpResponse<String> raw) {}

    private Response send(String method, String path, String body, String contentType, String auth) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (auth != null) {
            request.header("Authorization", auth);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()),
                response);
    }

    private Response token() throws Exception {
        return send("POST", "/auth/token", "{\"username\": \"airflow\", \"password\": \"" + PASSWORD + "\"}",
                "application/json", null);
    }

    /** A call whose answer must match the spec for {@code template} (the path as the spec writes it). */
    private Response call(String method, String path, String template, String body) throws Exception {
        Response response = send(method, path, body, body == null ? null : "application/json", bearer);
        AirflowOpenApi.assertValid(method, template, response.status(), response.body());
        return response;
    }

    private static String enc(String runId) {
        return URLEncoder.encode(runId, StandardCharsets.UTF_8);
    }

    @Test
    void authTokenIssuesASignedJwtWithAnExpiryForAUserOfTheUsersFile() throws Exception {
        Response json = token();
        assertThat(json.status()).isEqualTo(201);
        assertThat(json.raw().headers().firstValue("Content-Type")).hasValue("application/json");
        String jwt = json.body().get("access_token").asText();
        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header.get("alg").asText()).isEqualTo("HS512");
        assertThat(claims.get("sub").asText()).isEqualTo("airflow");
        assertThat(claims.get("aud").asText()).isEqualTo("apache-airflow");
        assertThat(claims.get("iat").asLong()).isEqualTo(clock.instant().getEpochSecond());
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(24 * 3600);

        Response form = send("POST", "/auth/token", "username=airflow&password=" + enc(PASSWORD),
                "application/x-www-form-urlencoded", null);
        assertThat(form.status()).isEqualTo(201);
        assertThat(form.body().get("access_token").asText()).isNotEqualTo(jwt); // a token id of its own

        Response wrong = send("POST", "/auth/token", "{\"username\": \"airflow\", \"password\": \"guess\"}",
                "application/json", null);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).hasToString("{\"detail\":\"Invalid credentials\"}");
        Response missing = send("POST", "/auth/token", "{\"username\": \"airflow\"}", "application/json", null);
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.body().get("detail").get(0).get("loc")).hasToString("[\"body\",\"password\"]");
        assertThat(missing.body().get("detail").get(0).get("type").asText()).isEqualTo("missing");
        assertThat(send("GET", "/auth/token", null, null, null).status()).isEqualTo(405);
    }

    @Test
    void theSigningSecretIsAFileOnlyItsOwnerReadsAndTokensSurviveARestart() throws Exception {
        Path secret = state.resolve(JwtTokens.KEY_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(secret).strip())).hasSize(64);
        api.close();
        api = new AirflowApi(engine, ApiUsers.of(Map.of("airflow", PASSWORD)), "127.0.0.1", 0);
        api.start();
        assertThat(call("GET", "/api/v2/dags", "/api/v2/dags", null).status()).isEqualTo(200);
    }

    @Test
    void v2TakesOnlyBearerTokensAndRefusesMissingForgedAndExpiredOnes() throws Exception {
        Response none = send("GET", "/api/v2/dags", null, null, null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.body()).hasToString("{\"detail\":\"Not authenticated\"}");
        assertThat(none.raw().headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        AirflowOpenApi.assertValid("GET", "/api/v2/dags", 401, none.body());

        String basic = "Basic " + Base64.getEncoder().encodeToString(("airflow:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertThat(send("GET", "/api/v2/dags", null, null, basic).status()).isEqualTo(401);

        String[] parts = bearer.substring(7).split("\\.");
        String forgedClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":\"admin\",\"aud\":\"apache-airflow\",\"iss\":\"nyckeltal\",\"exp\":4102444800}"
                        .getBytes(StandardCharsets.UTF_8));
        Response forged = send("GET", "/api/v2/dags", null, null, "Bearer " + parts[0] + "." + forgedClaims + "." + parts[2]);
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.body().get("detail").asText()).isEqualTo("Invalid JWT token");
        assertThat(send("GET", "/api/v2/dags", null, null, "Bearer not.a.jwt").status()).isEqualTo(401);

        clock.advance(Duration.ofHours(24));
        Response expired = send("GET", "/api/v2/dags", null, null, bearer);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.body().get("detail").asText()).isEqualTo("Token has expired");
    }

    @Test
    void healthAndVersionNeedNoToken() throws Exception {
        Response health = send("GET", "/api/v2/monitor/health", null, null, null);
        assertThat(health.status()).isEqualTo(200);
        AirflowOpenApi.assertValid("GET", "/api/v2/monitor/health", 200, health.body());
        assertThat(health.body().get("scheduler").get("status").asText()).isEqualTo("healthy");
        assertThat(health.body().get("scheduler").get("latest_scheduler_heartbeat").asText())
                .isEqualTo("2025-03-12T04:00:00+00:00");
        Response version = send("GET", "/api/v2/version", null, null, null);
        AirflowOpenApi.assertValid("GET", "/api/v2/version", 200, version.body());
        assertThat(version.body().get("version").asText()).startsWith("3.");
    }

    @Test
    void dagsListOneDagAndPatchPausesIt() throws Exception {
        Response dags = call("GET", "/api/v2/dags", "/api/v2/dags", null);
        assertThat(dags.body().get("total_entries").asInt()).isEqualTo(1);
        JsonNode dag = dags.body().get("dags").get(0);
        assertThat(dag.get("dag_id").asText()).isEqualTo("test");
        assertThat(dag.get("timetable_summary").asText()).isEqualTo("30 4 * * *");
        assertThat(dag.get("tags").get(0).get("name").asText()).isEqualTo("nightly");
        assertThat(dag.get("owners")).hasToString("[\"nyckeltal\"]");
        // 04:00 UTC on the 12th: the interval [11th 04:30, 12th 04:30) Stockholm is next, created after its end.
        assertThat(dag.get("next_dagrun_logical_date").asText()).isEqualTo("2025-03-11T03:30:00+00:00");
        assertThat(dag.get("next_dagrun_run_after").asText()).isEqualTo("2025-03-12T03:30:00+00:00");
        assertThat(dag.get("bundle_name").isNull()).isTrue();

        assertThat(call("GET", "/api/v2/dags?dag_id_pattern=te%25", "/api/v2/dags", null).body()
                .get("total_entries").asInt()).isEqualTo(1);
        assertThat(call("GET", "/api/v2/dags?dag_id_pattern=nope", "/api/v2/dags", null).body()
                .get("total_entries").asInt()).isZero();
        assertThat(call("GET", "/api/v2/dags?tags=other", "/api/v2/dags", null).body().get("dags")).isEmpty();
        Response badLimit = call("GET", "/api/v2/dags?limit=-1", "/api/v2/dags", null);
        assertThat(badLimit.status()).isEqualTo(422);
        assertThat(badLimit.body().get("detail").get(0).get("loc")).hasToString("[\"query\",\"limit\"]");

        Response paused = call("PATCH", "/api/v2/dags/test", "/api/v2/dags/{dag_id}", "{\"is_paused\": true}");
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.body().get("is_paused").asBoolean()).isTrue();
        assertThat(call("GET", "/api/v2/dags/test", "/api/v2/dags/{dag_id}", null).body().get("is_paused").asBoolean())
                .isTrue();
        assertThat(call("GET", "/api/v2/dags?paused=false", "/api/v2/dags", null).body().get("dags")).isEmpty();
        Response notBoolean = call("PATCH", "/api/v2/dags/test", "/api/v2/dags/{dag_id}", "{\"is_paused\": \"yes\"}");
        assertThat(notBoolean.status()).isEqualTo(422);
        Response extra = call("PATCH", "/api/v2/dags/test", "/api/v2/dags/{dag_id}", "{\"is_paused\": false, \"x\": 1}");
        assertThat(extra.status()).isEqualTo(422);
        assertThat(extra.body().get("detail").get(0).get("type").asText()).isEqualTo("extra_forbidden");

        Response missing = call("GET", "/api/v2/dags/nope", "/api/v2/dags/{dag_id}", null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).hasToString("{\"detail\":\"The Dag with ID: `nope` was not found\"}");
        assertThat(missing.raw().headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void tasksShowTheBashOperatorsWithTheirRetriesAndDownstreamTasks() throws Exception {
        Response tasks = call("GET", "/api/v2/dags/test/tasks", "/api/v2/dags/{dag_id}/tasks", null);
        assertThat(tasks.body().get("total_entries").asInt()).isEqualTo(2);
        JsonNode a = tasks.body().get("tasks").get(0);
        assertThat(a.get("task_id").asText()).isEqualTo("a");
        assertThat(a.get("operator_name").asText()).isEqualTo("BashOperator");
        assertThat(a.get("downstream_task_ids")).hasToString("[\"b\"]");
        assertThat(a.get("priority_weight").asInt()).isEqualTo(2); // itself + b downstream
        assertThat(a.get("weight_rule").asText()).isEqualTo("downstream");
        assertThat(a.get("retries").asInt()).isEqualTo(1);
        assertThat(a.get("retry_delay")).hasToString("{\"__type\":\"TimeDelta\",\"days\":0,\"seconds\":300,\"microseconds\":0}");
        assertThat(a.get("execution_timeout").get("seconds").asInt()).isEqualTo(7200);
        assertThat(a.get("params").get("landing").get("value").asText()).isEqualTo("/data/in");
        Response b = call("GET", "/api/v2/dags/test/tasks/b", "/api/v2/dags/{dag_id}/tasks/{task_id}", null);
        assertThat(b.body().get("priority_weight").asInt()).isEqualTo(1);
        Response missing = call("GET", "/api/v2/dags/test/tasks/c", "/api/v2/dags/{dag_id}/tasks/{task_id}", null);
        assertThat(missing.status()).isEqualTo(404);
    }

    @Test
    void triggerNeedsLogicalDateMayBeNullAndRefusesExtraFieldsAndDuplicates() throws Exception {
        String runs = "/api/v2/dags/{dag_id}/dagRuns";
        Response created = call("POST", "/api/v2/dags/test/dagRuns", runs,
                "{\"logical_date\": null, \"dag_run_id\": \"restated_2025_02\", \"conf\": {\"reason\": \"restatement\"},"
                        + " \"note\": \"ledger restated\"}");
        assertThat(created.status()).isEqualTo(200);
        JsonNode run = created.body();
        assertThat(run.get("dag_run_id").asText()).isEqualTo("restated_2025_02");
        assertThat(run.get("state").asText()).isEqualTo("queued");
        assertThat(run.get("run_type").asText()).isEqualTo("manual");
        assertThat(run.get("logical_date").asText()).isEqualTo("2025-03-12T04:00:00+00:00"); // the trigger time
        assertThat(run.get("run_after").asText()).isEqualTo("2025-03-12T04:00:00+00:00");
        assertThat(run.get("data_interval_start").asText()).isEqualTo("2025-03-11T03:30:00+00:00");
        assertThat(run.get("data_interval_end").asText()).isEqualTo("2025-03-12T03:30:00+00:00");
        assertThat(run.get("conf").get("reason").asText()).isEqualTo("restatement");
        assertThat(run.get("note").asText()).isEqualTo("ledger restated");
        assertThat(run.get("dag_versions")).isEmpty();

        Response duplicate = call("POST", "/api/v2/dags/test/dagRuns", runs,
                "{\"logical_date\": null, \"dag_run_id\": \"restated_2025_02\"}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.body().get("detail").asText())
                .isEqualTo("DAGRun with DAG ID: 'test' and DAGRun ID: 'restated_2025_02' already exists");

        Response interval = call("POST", "/api/v2/dags/test/dagRuns", runs, "{\"logical_date\": \"2025-02-01T00:00:00Z\","
                + " \"data_interval_start\": \"2025-01-31T03:30:00Z\", \"data_interval_end\": \"2025-02-01T03:30:00Z\"}");
        assertThat(interval.status()).isEqualTo(200);
        assertThat(interval.body().get("dag_run_id").asText()).isEqualTo("manual__2025-02-01T00:00:00+00:00");
        assertThat(interval.body().get("data_interval_start").asText()).isEqualTo("2025-01-31T03:30:00+00:00");

        Response noLogicalDate = call("POST", "/api/v2/dags/test/dagRuns", runs, "{\"conf\": {}}");
        assertThat(noLogicalDate.status()).isEqualTo(422);
        assertThat(noLogicalDate.body()).hasToString(
                "{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"logical_date\"],\"msg\":\"Field required\"}]}");
        Response extra = call("POST", "/api/v2/dags/test/dagRuns", runs, "{\"logical_date\": null, \"confx\": {}}");
        assertThat(extra.status()).isEqualTo(422);
        assertThat(extra.body().get("detail").get(0).get("loc")).hasToString("[\"body\",\"confx\"]");
        assertThat(extra.body().get("detail").get(0).get("msg").asText()).isEqualTo("Extra inputs are not permitted");
        Response badTypes = call("POST", "/api/v2/dags/test/dagRuns", runs,
                "{\"logical_date\": \"yesterday\", \"conf\": [1], \"data_interval_start\": \"2025-01-31T03:30:00Z\"}");
        assertThat(badTypes.status()).isEqualTo(422);
        assertThat(badTypes.body().get("detail")).hasSize(2); // logical_date and conf; the interval waits for those
        Response half = call("POST", "/api/v2/dags/test/dagRuns", runs,
                "{\"logical_date\": null, \"data_interval_start\": \"2025-01-31T03:30:00Z\"}");
        assertThat(half.status()).isEqualTo(422);
        Response notJson = call("POST", "/api/v2/dags/test/dagRuns", runs, "{not json");
        assertThat(notJson.status()).isEqualTo(422);
        assertThat(notJson.body().get("detail").get(0).get("type").asText()).isEqualTo("json_invalid");
        assertThat(call("POST", "/api/v2/dags/nope/dagRuns", runs, "{\"logical_date\": null}").status()).isEqualTo(404);
    }

    @Test
    void runsAreListedFilteredPagedAndWatchedDownToTheirTaskLogs() throws Exception {
        engine.scheduleDue(clock.instant());
        call("POST", "/api/v2/dags/test/dagRuns", "/api/v2/dags/{dag_id}/dagRuns", "{\"logical_date\": null}");
        for (int i = 0; i < 6; i++) {
            engine.step();
        }
        String runs = "/api/v2/dags/{dag_id}/dagRuns";
        Response all = call("GET", "/api/v2/dags/~/dagRuns?order_by=-logical_date", runs, null);
        assertThat(all.body().get("total_entries").asInt()).isEqualTo(2);
        assertThat(all.body().get("dag_runs").get(0).get("run_type").asText()).isEqualTo("manual");
        JsonNode scheduled = all.body().get("dag_runs").get(1);
        assertThat(scheduled.get("dag_run_id").asText()).isEqualTo("scheduled__2025-03-11T03:30:00+00:00");
        assertThat(scheduled.get("triggered_by").asText()).isEqualTo("timetable");
        assertThat(scheduled.get("run_after").asText()).isEqualTo("2025-03-12T03:30:00+00:00");
        assertThat(scheduled.get("state").asText()).isEqualTo("success");
        assertThat(call("GET", "/api/v2/dags/test/dagRuns?run_type=scheduled&state=success", runs, null).body()
                .get("total_entries").asInt()).isEqualTo(1);
        assertThat(call("GET", "/api/v2/dags/test/dagRuns?logical_date_gte=2025-03-12T00:00:00Z", runs, null).body()
                .get("dag_runs").get(0).get("run_type").asText()).isEqualTo("manual");
        Response page = call("GET", "/api/v2/dags/test/dagRuns?limit=1&offset=1&order_by=logical_date", runs, null);
        assertThat(page.body().get("total_entries").asInt()).isEqualTo(2);
        assertThat(page.body().get("dag_runs")).hasSize(1);
        assertThat(page.body().get("dag_runs").get(0).get("run_type").asText()).isEqualTo("manual");
        // Airflow answers 400 for an unknown order_by field (its SortParam) though get_dag_runs does not declare 400.
        Response badOrder = send("GET", "/api/v2/dags/test/dagRuns?order_by=colour", null, null, bearer);
        assertThat(badOrder.status()).isEqualTo(400);
        AirflowOpenApi.assertValidComponent("HTTPExceptionResponse", badOrder.body());
        assertThat(badOrder.body().get("detail").asText())
                .isEqualTo("Ordering with 'colour' is disallowed or the attribute does not exist on the model");

        String runId = scheduled.get("dag_run_id").asText();
        String path = "/api/v2/dags/test/dagRuns/" + enc(runId);
        Response one = call("GET", path, "/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}", null);
        assertThat(one.body().get("duration").asDouble()).isZero(); // the fake clock does not move
        Response missing = call("GET", "/api/v2/dags/test/dagRuns/nope", "/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}", null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().get("detail").asText())
                .isEqualTo("The DagRun with dag_id: `test` and run_id: `nope` was not found");

        String tis = "/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances";
        Response instances = call("GET", path + "/taskInstances", tis, null);
        assertThat(instances.body().get("total_entries").asInt()).isEqualTo(2);
        JsonNode a = instances.body().get("task_instances").get(0);
        assertThat(a.get("task_id").asText()).isEqualTo("a");
        assertThat(a.get("state").asText()).isEqualTo("success");
        assertThat(a.get("try_number").asInt()).isEqualTo(1);
        assertThat(a.get("max_tries").asInt()).isEqualTo(1);
        assertThat(a.get("logical_date").asText()).isEqualTo("2025-03-11T03:30:00+00:00");
        Response b = call("GET", path + "/taskInstances/b", tis + "/{task_id}", null);
        assertThat(b.body().get("state").asText()).isEqualTo("success");
        assertThat(call("GET", path + "/taskInstances/c", tis + "/{task_id}", null).status()).isEqualTo(404);

        Path log = engine.store().logFile("test", runId, "a", 1);
        Files.createDirectories(log.getParent());
        Files.writeString(log, "[2025-03-12T04:00:01Z] attempt 1: echo 2025-03-11\n2025-03-11\n");
        String logs = tis + "/{task_id}/logs/{try_number}";
        Response content = call("GET", path + "/taskInstances/a/logs/1", logs, null);
        assertThat(content.body().get("content")).hasToString("[{\"timestamp\":\"2025-03-12T04:00:01+00:00\","
                + "\"event\":\"attempt 1: echo 2025-03-11\"},{\"event\":\"2025-03-11\"}]");
        assertThat(content.body().get("continuation_token").isNull()).isTrue();
        assertThat(call("GET", path + "/taskInstances/a/logs/2", logs, null).status()).isEqualTo(404);
        assertThat(call("GET", path + "/taskInstances/a/logs/x", logs, null).status()).isEqualTo(422);
        HttpResponse<String> ndjson = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path
                + "/taskInstances/a/logs/1")).header("Authorization", bearer).header("Accept", "application/x-ndjson")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ndjson.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        assertThat(ndjson.body()).isEqualTo("{\"timestamp\":\"2025-03-12T04:00:01+00:00\",\"event\":\"attempt 1: echo"
                + " 2025-03-11\"}\n{\"event\":\"2025-03-11\"}\n");
    }

    @Test
    void patchMarksARunAndSetsItsNoteAndClearRunsItAgain() throws Exception {
        Response created = call("POST", "/api/v2/dags/test/dagRuns", "/api/v2/dags/{dag_id}/dagRuns",
                "{\"logical_date\": null, \"dag_run_id\": \"r1\"}");
        assertThat(created.status()).isEqualTo(200);
        engine.step(); // a runs
        String one = "/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}";
        Response failed = call("PATCH", "/api/v2/dags/test/dagRuns/r1", one, "{\"state\": \"failed\"}");
        assertThat(failed.body().get("state").asText()).isEqualTo("failed");
        String tis = "/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances";
        JsonNode states = call("GET", "/api/v2/dags/test/dagRuns/r1/taskInstances", tis, null).body().get("task_instances");
        assertThat(states.get(0).get("state").asText()).isEqualTo("failed"); // it was running
        assertThat(states.get(1).get("state").asText()).isEqualTo("skipped"); // it had not started

        Response noted = call("PATCH", "/api/v2/dags/test/dagRuns/r1?update_mask=note", one,
                "{\"note\": \"rerun after the ledger fix\", \"state\": \"success\"}");
        assertThat(noted.body().get("note").asText()).isEqualTo("rerun after the ledger fix");
        assertThat(noted.body().get("state").asText()).isEqualTo("failed"); // not in the mask
        Response badState = call("PATCH", "/api/v2/dags/test/dagRuns/r1", one, "{\"state\": \"running\"}");
        assertThat(badState.status()).isEqualTo(422);
        assertThat(badState.body().get("detail").get(0).get("msg").asText())
                .isEqualTo("Input should be 'queued', 'success' or 'failed'");

        String clear = "/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/clear";
        Response dryRun = call("POST", "/api/v2/dags/test/dagRuns/r1/clear", clear, "{\"only_failed\": true}");
        assertThat(dryRun.body().get("total_entries").asInt()).isEqualTo(1); // dry_run defaults to true
        assertThat(dryRun.body().get("task_instances").get(0).get("task_id").asText()).isEqualTo("a");
        assertThat(call("GET", "/api/v2/dags/test/dagRuns/r1", one, null).body().get("state").asText())
                .isEqualTo("failed");
        Response cleared = call("POST", "/api/v2/dags/test/dagRuns/r1/clear", clear, "{\"dry_run\": false}");
        assertThat(cleared.body().get("state").asText()).isEqualTo("queued");
        for (int i = 0; i < 4; i++) {
            engine.step();
        }
        Response done = call("GET", "/api/v2/dags/test/dagRuns/r1", one, null);
        assertThat(done.body().get("state").asText()).isEqualTo("success");
        JsonNode a = call("GET", "/api/v2/dags/test/dagRuns/r1/taskInstances/a", tis + "/{task_id}", null).body();
        assertThat(a.get("try_number").asInt()).isEqualTo(2); // the attempt count survives a clear, as in Airflow
        assertThat(call("POST", "/api/v2/dags/test/dagRuns/r1/clear", clear, null).status()).isEqualTo(422);
    }

    @Test
    void unknownPathsAndMethodsAnswerLikeFastApi() throws Exception {
        Response path = send("GET", "/api/v2/pools", null, null, bearer);
        assertThat(path.status()).isEqualTo(404);
        assertThat(path.body()).hasToString("{\"detail\":\"Not Found\"}");
        Response method = send("DELETE", "/api/v2/dags/test", null, null, bearer);
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.body()).hasToString("{\"detail\":\"Method Not Allowed\"}");
    }
}

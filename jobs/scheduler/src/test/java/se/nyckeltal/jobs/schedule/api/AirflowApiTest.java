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
import java.nio.file.Path;
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

/** The REST API as an Airflow client sees it: paths, field names, envelopes, codes and problem bodies. */
class AirflowApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString(
            "airflow:correct horse battery".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path state;

    private final MutableClock clock = MutableClock.at("2025-03-12T04:00:00Z");
    private final HttpClient http = HttpClient.newHttpClient();
    private DagRunEngine engine;
    private AirflowApi api;

    @BeforeEach
    void start() throws Exception {
        engine = new DagRunEngine(DagBag.of(TestDags.daily("30 4 * * *", """
                catchup: false
                max_active_runs: 1
                tags: [nightly]
                default_args: {owner: nyckeltal}
                """, """
                  - {task_id: a, bash_command: "echo {{ ds }}"}
                  - {task_id: b, upstream: [a], bash_command: "echo b"}
                """)), new RunStore(state), new FakeLauncher(), clock, Map.of(), 2);
        api = new AirflowApi(engine, ApiUsers.of(Map.of("airflow", "correct horse battery")), "127.0.0.1", 0);
        api.start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private record Response(int status, JsonNode body, HttpResponse<String> raw) {}

    private Response call(String method, String path, String body, String auth) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (auth != null) {
            request.header("Authorization", auth);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), JSON.readTree(response.body()), response);
    }

    private Response get(String path) throws Exception {
        return call("GET", path, null, AUTH);
    }

    @Test
    void withoutCredentialsTheAnswerIs401WithAProblemBodyAndABasicChallenge() throws Exception {
        Response none = call("GET", "/api/v1/dags", null, null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.raw().headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"nyckeltal\"");
        assertThat(none.raw().headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(none.body().get("title").asText()).isEqualTo("Unauthorized");
        assertThat(none.body().get("status").asInt()).isEqualTo(401);
        assertThat(none.body().get("type").asText()).endsWith("#section/Errors/Unauthenticated");
        assertThat(none.body().has("detail")).isTrue();
        String wrong = "Basic " + Base64.getEncoder().encodeToString("airflow:guess".getBytes(StandardCharsets.UTF_8));
        assertThat(call("GET", "/api/v1/dags", null, wrong).status()).isEqualTo(401);
    }

    @Test
    void dagsComeInAirflowsCollectionEnvelope() throws Exception {
        Response dags = get("/api/v1/dags");
        assertThat(dags.status()).isEqualTo(200);
        assertThat(dags.body().get("total_entries").asInt()).isEqualTo(1);
        JsonNode dag = dags.body().get("dags").get(0);
        assertThat(dag.get("dag_id").asText()).isEqualTo("test");
        assertThat(dag.get("is_paused").asBoolean()).isFalse();
        assertThat(dag.get("is_active").asBoolean()).isTrue();
        assertThat(dag.get("owners")).hasSize(1);
        assertThat(dag.get("schedule_interval").get("__type").asText()).isEqualTo("CronExpression");
        assertThat(dag.get("schedule_interval").get("value").asText()).isEqualTo("30 4 * * *");
        assertThat(dag.get("tags").get(0).get("name").asText()).isEqualTo("nightly");
        assertThat(dag.get("next_dagrun").asText()).isEqualTo("2025-03-11T03:30:00+00:00");
        assertThat(dag.get("next_dagrun_create_after").asText()).isEqualTo("2025-03-12T03:30:00+00:00");
        assertThat(dag.has("max_active_runs") && dag.has("fileloc") && dag.has("has_import_errors")).isTrue();
    }

    @Test
    void anUnknownDagIs404WithAirflowsTitleAndDetail() throws Exception {
        Response missing = get("/api/v1/dags/nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().get("title").asText()).isEqualTo("DAG not found");
        assertThat(missing.body().get("detail").asText()).isEqualTo("The DAG with dag_id: nope was not found");
        assertThat(missing.body().get("type").asText()).endsWith("#section/Errors/NotFound");
        assertThat(call("POST", "/api/v1/dags/nope/dagRuns", "{}", AUTH).status()).isEqualTo(404);
        Response run = get("/api/v1/dags/test/dagRuns/nope");
        assertThat(run.status()).isEqualTo(404);
        assertThat(run.body().get("title").asText()).isEqualTo("DAGRun not found");
    }

    @Test
    void patchPausesAndUnpausesTheDag() throws Exception {
        Response paused = call("PATCH", "/api/v1/dags/test?update_mask=is_paused", "{\"is_paused\": true}", AUTH);
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.body().get("is_paused").asBoolean()).isTrue();
        assertThat(get("/api/v1/dags/test").body().get("is_paused").asBoolean()).isTrue();
        assertThat(call("PATCH", "/api/v1/dags/test", "{\"is_paused\": \"yes\"}", AUTH).status()).isEqualTo(400);
        assertThat(call("DELETE", "/api/v1/dags/test", null, AUTH).status()).isEqualTo(405);
    }

    @Test
    void postDagRunsTriggersARunAndADuplicateRunIdIs409() throws Exception {
        Response created = call("POST", "/api/v1/dags/test/dagRuns",
                "{\"dag_run_id\": \"restated_2025_02\", \"conf\": {\"reason\": \"restatement\"}}", AUTH);
        assertThat(created.status()).isEqualTo(200);
        JsonNode run = created.body();
        assertThat(run.get("dag_run_id").asText()).isEqualTo("restated_2025_02");
        assertThat(run.get("dag_id").asText()).isEqualTo("test");
        assertThat(run.get("state").asText()).isEqualTo("queued");
        assertThat(run.get("run_type").asText()).isEqualTo("manual");
        assertThat(run.get("external_trigger").asBoolean()).isTrue();
        assertThat(run.get("logical_date").asText()).isEqualTo("2025-03-12T04:00:00+00:00");
        assertThat(run.get("execution_date").asText()).isEqualTo("2025-03-12T04:00:00+00:00");
        assertThat(run.get("data_interval_start").asText()).isEqualTo("2025-03-11T03:30:00+00:00");
        assertThat(run.get("data_interval_end").asText()).isEqualTo("2025-03-12T03:30:00+00:00");
        assertThat(run.get("conf").get("reason").asText()).isEqualTo("restatement");
        assertThat(run.has("start_date") && run.has("end_date") && run.has("note")
                && run.has("last_scheduling_decision")).isTrue();

        Response duplicate = call("POST", "/api/v1/dags/test/dagRuns", "{\"dag_run_id\": \"restated_2025_02\"}", AUTH);
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.body().get("title").asText()).isEqualTo("Conflict");
        assertThat(duplicate.body().get("detail").asText())
                .isEqualTo("DAGRun with DAG ID: 'test' and DAGRun ID: 'restated_2025_02' already exists");
        assertThat(duplicate.body().get("type").asText()).endsWith("#section/Errors/AlreadyExists");

        assertThat(call("POST", "/api/v1/dags/test/dagRuns", "{\"conf\": [1]}", AUTH).status()).isEqualTo(400);
        assertThat(call("POST", "/api/v1/dags/test/dagRuns", "{\"confx\": {}}", AUTH).status()).isEqualTo(400);
    }

    @Test
    void runsAndTaskInstancesCanBeWatchedWithRunIdsThatHoldColonsAndPluses() throws Exception {
        engine.scheduleDue(clock.instant());
        engine.step();
        engine.step();
        engine.step();
        Response runs = get("/api/v1/dags/test/dagRuns?order_by=-logical_date&state=success");
        assertThat(runs.status()).isEqualTo(200);
        assertThat(runs.body().get("total_entries").asInt()).isEqualTo(1);
        String runId = runs.body().get("dag_runs").get(0).get("dag_run_id").asText();
        assertThat(runId).isEqualTo("scheduled__2025-03-11T03:30:00+00:00");
        String path = "/api/v1/dags/test/dagRuns/" + URLEncoder.encode(runId, StandardCharsets.UTF_8);
        assertThat(get(path).body().get("state").asText()).isEqualTo("success");
        Response tasks = get(path + "/taskInstances");
        assertThat(tasks.status()).isEqualTo(200);
        assertThat(tasks.body().get("total_entries").asInt()).isEqualTo(2);
        JsonNode a = tasks.body().get("task_instances").get(0);
        assertThat(a.get("task_id").asText()).isEqualTo("a");
        assertThat(a.get("state").asText()).isEqualTo("success");
        assertThat(a.get("try_number").asInt()).isEqualTo(1);
        assertThat(a.get("dag_run_id").asText()).isEqualTo(runId);
        assertThat(a.get("operator").asText()).isEqualTo("BashOperator");
        assertThat(a.has("duration") && a.has("max_tries") && a.has("pid") && a.has("queued_when")).isTrue();
    }

    @Test
    void healthNeedsNoCredentials() throws Exception {
        Response health = call("GET", "/api/v1/health", null, null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("scheduler").get("status").asText()).isEqualTo("healthy");
    }
}

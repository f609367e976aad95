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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.jobs.schedule.SchedulerService;
import se.nyckeltal.jobs.schedule.dag.DagBag;
import se.nyckeltal.jobs.schedule.run.DagRunEngine;
import se.nyckeltal.jobs.schedule.run.ProcessTaskLauncher;
import se.nyckeltal.jobs.schedule.run.RunStore;
import se.nyckeltal.jobs.schedule.testing.TestDags;

/**
 * The flow of Airflow's Python client ({@code apache-airflow-client} 3.x) replayed as the HTTP
 * calls it makes, against a real scheduler running real task processes: a token from
 * {@code /auth/token}, {@code DAGApi.get_dags()}, {@code TaskApi.get_tasks(dag_id)},
 * {@code DagRunApi.trigger_dag_run(dag_id, TriggerDAGRunPostBody(logical_date=None))} — whose body
 * the client serialises as {@code {"logical_date": null}} — then {@code get_dag_run} polled until
 * the run succeeds. The client's models are strict (a required field missing fails to
 * deserialise), so every answer is checked against Airflow's OpenAPI schemas.
 */
class AirflowClientFlowTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path state;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> calls = new ArrayList<>();

    private JsonNode call(int port, String method, String path, String template, String token, String body, int status)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "application/json")
                .header("User-Agent", "OpenAPI-Generator/3.1.0/python")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        calls.add(method + " " + path + " " + response.statusCode());
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(status);
        JsonNode json = JSON.readTree(response.body());
        if (template != null) {
            AirflowOpenApi.assertValid(method, template, status, json);
        }
        return json;
    }

    @Test
    void tokenGetDagsGetTasksTriggerWithoutLogicalDateAndPollUntilSuccess() throws Exception {
        DagBag dags = DagBag.of(TestDags.parse("""
                dag_id: nightly_test
                schedule: null
                start_date: 2025-01-01
                tasks:
                  - {task_id: extract, bash_command: "echo ds={{ ds }}"}
                  - {task_id: load, upstream: [extract], bash_command: "echo loaded {{ run_id }}"}
                """));
        DagRunEngine engine = new DagRunEngine(dags, new RunStore(state), new ProcessTaskLauncher(state.resolve("bin")),
                Clock.systemUTC(), Map.of(), 2);
        ApiUsers users = ApiUsers.of(Map.of("airflow", "correct horse battery"));
        try (SchedulerService scheduler = new SchedulerService(engine, Duration.ofMillis(50),
                new SchedulerService.ApiSettings("127.0.0.1", 0, users))) {
            scheduler.start();
            int port = scheduler.apiPort();

            // requests.post(f"{host}/auth/token", json={"username": …, "password": …}).json()["access_token"]
            String token = call(port, "POST", "/auth/token", null, null,
                    "{\"username\": \"airflow\", \"password\": \"correct horse battery\"}", 201)
                    .get("access_token").asText();

            JsonNode dagList = call(port, "GET", "/api/v2/dags", "/api/v2/dags", token, null, 200);
            assertThat(dagList.get("dags").get(0).get("dag_id").asText()).isEqualTo("nightly_test");
            assertThat(dagList.get("dags").get(0).get("timetable_summary").isNull()).isTrue();

            JsonNode tasks = call(port, "GET", "/api/v2/dags/nightly_test/tasks", "/api/v2/dags/{dag_id}/tasks", token,
                    null, 200);
            assertThat(tasks.get("tasks")).extracting(t -> t.get("task_id").asText()).containsExactly("extract", "load");

            Instant before = Instant.now();
            JsonNode run = call(port, "POST", "/api/v2/dags/nightly_test/dagRuns", "/api/v2/dags/{dag_id}/dagRuns",
                    token, "{\"logical_date\": null}", 200);
            String runId = run.get("dag_run_id").asText();
            String today = run.get("logical_date").asText().substring(0, 10); // {{ ds }}: the trigger time's UTC date
            assertThat(runId).isEqualTo("manual__" + run.get("logical_date").asText());
            assertThat(Instant.parse(run.get("run_after").asText().replace("+00:00", "Z"))).isAfterOrEqualTo(
                    before.minusSeconds(1));

            String runPath = "/api/v2/dags/nightly_test/dagRuns/" + URLEncoder.encode(runId, StandardCharsets.UTF_8);
            String state = run.get("state").asText();
            Instant giveUp = Instant.now().plusSeconds(60);
            while (!state.equals("success") && !state.equals("failed") && Instant.now().isBefore(giveUp)) {
                Thread.sleep(100);
                state = call(port, "GET", runPath, "/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}", token, null, 200)
                        .get("state").asText();
            }
            assertThat(state).as("the run after %s", calls).isEqualTo("success");

            JsonNode instances = call(port, "GET", runPath + "/taskInstances",
                    "/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances", token, null, 200);
            assertThat(instances.get("task_instances")).extracting(t -> t.get("state").asText())
                    .containsExactly("success", "success");
            JsonNode log = call(port, "GET", runPath + "/taskInstances/extract/logs/1",
                    "/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/logs/{try_number}", token, null,
                    200);
            assertThat(log.get("content").toString()).contains("ds=" + today);
        }
    }
}

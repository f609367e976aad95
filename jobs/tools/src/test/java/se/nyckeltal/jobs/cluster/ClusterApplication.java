package se.nyckeltal.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** An application's event log: which master it ran on, its executors and where its tasks ran. */
record ClusterApplication(String name, Path eventLog, double seconds) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The application id the master knows it by. */
    String id() throws IOException {
        for (JsonNode event : events()) {
            if (event.path("Event").asText().equals("SparkListenerApplicationStart")) {
                return event.path("App ID").asText();
            }
        }
        throw new AssertionError("no application start in " + eventLog);
    }

    void assertRanOnBothWorkers(String masterUrl) throws IOException {
        String master = null;
        Set<String> executors = new HashSet<>();
        Set<String> taskExecutors = new HashSet<>();
        int tasks = 0;
        for (JsonNode event : events()) {
            switch (event.path("Event").asText()) {
                case "SparkListenerEnvironmentUpdate" ->
                        master = event.path("Spark Properties").path("spark.master").asText(null);
                case "SparkListenerExecutorAdded" -> executors.add(event.path("Executor ID").asText());
                case "SparkListenerTaskEnd" -> {
                    tasks++;
                    taskExecutors.add(event.path("Task Info").path("Executor ID").asText());
                }
                default -> { }
            }
        }
        assertThat(master).as(name + "'s master").isEqualTo(masterUrl);
        assertThat(executors).as(name + "'s executors, one per worker").hasSize(2).doesNotContain("driver");
        assertThat(tasks).as(name + "'s tasks").isPositive();
        assertThat(taskExecutors).as("where " + name + "'s tasks ran").isEqualTo(executors);
    }

    private List<JsonNode> events() throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(eventLog, StandardCharsets.UTF_8)) {
            events.add(JSON.readTree(line));
        }
        return events;
    }
}


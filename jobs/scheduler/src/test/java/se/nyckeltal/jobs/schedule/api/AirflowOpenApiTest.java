package se.nyckeltal.jobs.schedule.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The spec check itself fails where Airflow's client would: so a passing API test means something. */
class AirflowOpenApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void aMissingRequiredFieldAnUndeclaredFieldAWrongEnumOrABadDateFails() throws Exception {
        AirflowOpenApi.assertValidComponent("VersionInfo", json("{\"version\": \"3.1.0\", \"git_version\": null}"));
        assertThatThrownBy(() -> AirflowOpenApi.assertValidComponent("VersionInfo", json("{\"version\": \"3.1.0\"}")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("git_version");
        assertThatThrownBy(() -> AirflowOpenApi.assertValidComponent("VersionInfo",
                json("{\"version\": \"3.1.0\", \"git_version\": null, \"build\": 7}")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("'build' is not in the spec");
        assertThatThrownBy(() -> AirflowOpenApi.assertValidComponent("DagRunState", json("\"none\"")))
                .isInstanceOf(AssertionError.class);
        AirflowOpenApi.assertValidComponent("TaskInstancesLogResponse",
                json("{\"content\": [{\"timestamp\": \"2025-03-12T04:00:01+00:00\", \"event\": \"a\"}],"
                        + " \"continuation_token\": null}"));
        assertThatThrownBy(() -> AirflowOpenApi.assertValidComponent("TaskInstancesLogResponse",
                json("{\"content\": [{\"timestamp\": \"yesterday\", \"event\": \"a\"}], \"continuation_token\": null}")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("date-time");
    }
}

package se.nyckeltal.jobs.schedule.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Airflow's published OpenAPI spec for /api/v2 (the subset kept in the test resource
 * {@code airflow-v2-openapi-subset.yaml}, source noted there): validates an answer against the
 * JSON schema the spec declares for its path, method and status, with a JSON-schema validator
 * (draft 2020-12, the dialect of OpenAPI 3.1, formats asserted), and checks that every object
 * carries exactly the fields its schema declares — none missing (null where empty), none extra.
 */
final class AirflowOpenApi {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonNode SPEC = load();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private AirflowOpenApi() {}

    private static JsonNode load() {
        try (InputStream in = AirflowOpenApi.class.getResourceAsStream("/airflow-v2-openapi-subset.yaml")) {
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The response schema for {@code path} (as the spec writes it, e.g. /api/v2/dags/{dag_id}). */
    static JsonNode responseSchema(String method, String path, int status) {
        JsonNode operation = SPEC.path("paths").path(path).path(method.toLowerCase(java.util.Locale.ROOT));
        assertThat(operation.isMissingNode()).as("the spec has %s %s", method, path).isFalse();
        JsonNode schema = operation.path("responses").path(Integer.toString(status)).path("content")
                .path("application/json").path("schema");
        assertThat(schema.isMissingNode()).as("the spec declares %s for %s %s", status, method, path).isFalse();
        return schema;
    }

    /** Fails unless {@code body} is what the spec declares for this operation and status. */
    static void assertValid(String method, String path, int status, JsonNode body) {
        assertValid(responseSchema(method, path, status), method + " " + path + " → " + status, body);
    }

    /** Fails unless {@code body} is a {@code components/schemas/<name>} of the spec. */
    static void assertValidComponent(String name, JsonNode body) {
        JsonNode ref = YAML.createObjectNode().put("$ref", "#/components/schemas/" + name);
        assertValid(ref, name, body);
    }

    private static void assertValid(JsonNode schema, String what, JsonNode body) {
        ObjectNode document = ((ObjectNode) schema.deepCopy());
        document.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        document.set("components", SPEC.get("components"));
        Schema validator = REGISTRY.getSchema(document);
        List<Error> errors = validator.validate(body);
        assertThat(errors).as("%s against Airflow's spec:\n%s", what, body.toPrettyString()).isEmpty();
        List<String> problems = new ArrayList<>();
        exactFields(schema, body, "$", problems);
        assertThat(problems).as("%s: fields against the spec's declarations", what).isEmpty();
    }

    private static JsonNode resolve(JsonNode schema) {
        while (schema.has("$ref")) {
            String name = schema.get("$ref").asText().replace("#/components/schemas/", "");
            schema = SPEC.path("components").path("schemas").path(name);
        }
        return schema;
    }

    /** Every declared property present and nothing undeclared, recursively through arrays and anyOf. */
    private static void exactFields(JsonNode schema, JsonNode value, String where, List<String> problems) {
        schema = resolve(schema);
        if (value == null || value.isNull()) {
            return;
        }
        if (schema.has("anyOf")) {
            for (JsonNode option : schema.get("anyOf")) {
                JsonNode resolved = resolve(option);
                String type = resolved.path("type").asText(resolved.has("properties") ? "object" : "");
                boolean fits = (type.equals("object") && value.isObject()) || (type.equals("array") && value.isArray())
                        || (type.equals("string") && value.isTextual());
                if (fits && (!value.isObject() || !resolved.has("properties")
                        || fieldNames(value).containsAll(required(resolved)))) {
                    exactFields(resolved, value, where, problems);
                    return;
                }
            }
            return;
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                exactFields(schema.get("items"), value.get(i), where + "[" + i + "]", problems);
            }
            return;
        }
        if (!value.isObject() || !schema.has("properties")) {
            return;
        }
        Set<String> declared = fieldNames(schema.get("properties"));
        Set<String> present = fieldNames(value);
        for (String name : declared) {
            // StructuredLogMessage.timestamp is declared without null: a line without a time has none.
            boolean optionalTimestamp = name.equals("timestamp") && !required(schema).contains(name);
            if (!present.contains(name) && !optionalTimestamp) {
                problems.add(where + ": missing declared field '" + name + "'");
            }
        }
        for (String name : present) {
            if (!declared.contains(name)) {
                problems.add(where + ": field '" + name + "' is not in the spec");
            } else {
                exactFields(schema.get("properties").get(name), value.get(name), where + "." + name, problems);
            }
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static Set<String> required(JsonNode schema) {
        Set<String> names = new TreeSet<>();
        schema.path("required").forEach(n -> names.add(n.asText()));
        return names;
    }
}

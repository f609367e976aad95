package se.nyckeltal.jobs.schedule.dag;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a DAG file (YAML with Airflow's field names, see docs/scheduling.md) into a validated
 * {@link DagDefinition}. Every problem is reported as file, field and what is wrong; unknown fields
 * are refused, so a misspelt {@code retires:} does not silently mean "no retries".
 */
public final class DagFileParser {
    public static final ZoneId DEFAULT_TIMEZONE = ZoneId.of("Europe/Stockholm");
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> DAG_FIELDS = Set.of("dag_id", "description", "schedule", "schedule_interval",
            "timezone", "start_date", "end_date", "catchup", "max_active_runs", "dagrun_timeout", "deadline",
            "is_paused_upon_creation", "tags", "params", "default_args", "tasks");
    private static final Set<String> DEFAULT_ARGS = Set.of("retries", "retry_delay", "retry_exponential_backoff",
            "max_retry_delay", "execution_timeout", "owner", "priority_weight", "weight_rule");
    private static final Set<String> TASK_FIELDS;
    private static final Map<String, String> PRESETS = Map.of("@hourly", "0 * * * *", "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *", "@weekly", "0 0 * * 0", "@monthly", "0 0 1 * *", "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *");

    static {
        Set<String> fields = new HashSet<>(Set.of("task_id", "bash_command", "upstream", "trigger_rule"));
        fields.addAll(DEFAULT_ARGS);
        TASK_FIELDS = Set.copyOf(fields);
    }

    private final String name;

    private DagFileParser(String name) {
        this.name = name;
    }

    public static DagDefinition parse(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DagFileException(file.toString(), null, "cannot read: " + e.getMessage());
        }
        return parse(text, file);
    }

    /** @param file named in messages; need not exist */
    public static DagDefinition parse(String yaml, Path file) {
        return new DagFileParser(file.getFileName().toString()).read(yaml, file);
    }

    private DagDefinition read(String yaml, Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String hint = yaml.matches("(?s).*:\\s*@\\w+.*") ? " (a value starting with @ must be quoted: schedule: \"@daily\")" : "";
            String problem = e.getOriginalMessage().lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                    .collect(java.util.stream.Collectors.joining("; "));
            throw new DagFileException(name, null, "not valid YAML" + where + ": " + problem + hint);
        }
        if (root == null || !root.isObject()) {
            throw new DagFileException(name, null, "a DAG file is a YAML mapping with dag_id, schedule and tasks");
        }
        unknownFields(root, DAG_FIELDS, null);
        String dagId = requiredText(root, "dag_id");
        if (!dagId.matches("[A-Za-z0-9_.-]+")) {
            throw error("dag_id", "'" + dagId + "' may only use letters, digits, '_', '.' and '-'");
        }
        ZoneId zone = zone(root);
        Timetable timetable = timetable(root, zone);
        Instant startDate = dateTime(root, "start_date", zone, true);
        Instant endDate = dateTime(root, "end_date", zone, false);
        if (endDate != null && endDate.isBefore(startDate)) {
            throw error("end_date", "is before start_date");
        }
        boolean catchup = bool(root, "catchup", true);
        int maxActiveRuns = integer(root, "max_active_runs", 16, 1);
        Duration dagrunTimeout = duration(root, "dagrun_timeout", null);
        Deadline deadline = null;
        if (has(root, "deadline")) {
            try {
                deadline = Deadline.parse(root.get("deadline").asText());
            } catch (IllegalArgumentException e) {
                throw error("deadline", e.getMessage());
            }
        }
        boolean paused = bool(root, "is_paused_upon_creation", false);
        List<String> tags = new ArrayList<>();
        if (has(root, "tags")) {
            if (!root.get("tags").isArray()) {
                throw error("tags", "is a list, e.g. [nyckeltal, nightly]");
            }
            root.get("tags").forEach(t -> tags.add(t.asText()));
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (has(root, "params")) {
            if (!root.get("params").isObject()) {
                throw error("params", "is a mapping of name: default value");
            }
            root.get("params").properties().forEach(e -> params.put(e.getKey(),
                    e.getValue().isNull() ? "" : e.getValue().asText()));
        }
        JsonNode defaults = root.path("default_args");
        if (has(root, "default_args")) {
            if (!defaults.isObject()) {
                throw error("default_args", "is a mapping (retries, retry_delay, …)");
            }
            unknownFields(defaults, DEFAULT_ARGS, "default_args");
        }
        List<TaskDefinition> tasks = tasks(root, defaults, params.keySet());
        return new DagDefinition(dagId, root.path("description").asText(null), file.toAbsolutePath().normalize(),
                timetable, zone, startDate, endDate, catchup, maxActiveRuns, dagrunTimeout, deadline, paused,
                defaults.path("owner").asText(null), tags,
                params, tasks);
    }

    private ZoneId zone(JsonNode root) {
        if (!has(root, "timezone")) {
            return DEFAULT_TIMEZONE;
        }
        String text = root.get("timezone").asText();
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw error("timezone", "'" + text + "' is not a time zone; use an IANA name such as Europe/Stockholm");
        }
    }

    private Timetable timetable(JsonNode root, ZoneId zone) {
        String field = has(root, "schedule") || !root.has("schedule_interval") ? "schedule" : "schedule_interval";
        JsonNode node = root.get(field);
        if (node == null) {
            throw error("schedule", "missing; give a cron ('30 4 * * *'), a preset (@daily, @once, …) or null for"
                    + " manual runs only");
        }
        if (node.isNull()) {
            return new Timetable.Manual();
        }
        String text = node.asText().trim();
        if (text.equals("@once")) {
            return new Timetable.Once();
        }
        if (text.startsWith("@") && !PRESETS.containsKey(text)) {
            throw error(field, "'" + text + "' is not a preset; use @once, @hourly, @daily, @weekly, @monthly or @yearly");
        }
        try {
            return new CronTimetable(CronSchedule.parse(PRESETS.getOrDefault(text, text)), zone);
        } catch (IllegalArgumentException e) {
            throw error(field, "bad cron: " + e.getMessage());
        }
    }

    private List<TaskDefinition> tasks(JsonNode root, JsonNode defaults, Set<String> params) {
        JsonNode list = root.get("tasks");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw error("tasks", "a DAG needs a list of tasks, each with task_id and bash_command");
        }
        Map<String, TaskDefinition> byId = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "tasks[" + i + "]";
            JsonNode task = list.get(i);
            if (!task.isObject()) {
                throw error(path, "is a mapping with task_id and bash_command");
            }
            unknownFields(task, TASK_FIELDS, path);
            String taskId = requiredText(task, "task_id", path);
            if (!taskId.matches("[A-Za-z0-9_.-]+")) {
                throw error(path + ".task_id", "'" + taskId + "' may only use letters, digits, '_', '.' and '-'");
            }
            path = "tasks[" + i + "] (" + taskId + ")";
            if (byId.containsKey(taskId)) {
                throw error(path + ".task_id", "duplicate task id '" + taskId + "'");
            }
            CommandTemplate command;
            try {
                command = CommandTemplate.parse(requiredText(task, "bash_command", path), params);
            } catch (IllegalArgumentException e) {
                throw error(path + ".bash_command", e.getMessage());
            }
            List<String> upstream = new ArrayList<>();
            JsonNode up = task.get("upstream");
            if (up != null && !up.isNull()) {
                if (up.isTextual()) {
                    upstream.add(up.asText());
                } else if (up.isArray()) {
                    up.forEach(u -> upstream.add(u.asText()));
                } else {
                    throw error(path + ".upstream", "is a task id or a list of task ids");
                }
            }
            TriggerRule rule = TriggerRule.ALL_SUCCESS;
            if (has(task, "trigger_rule")) {
                try {
                    rule = TriggerRule.fromWire(task.get("trigger_rule").asText());
                } catch (IllegalArgumentException e) {
                    throw error(path + ".trigger_rule", e.getMessage());
                }
            }
            RetryPolicy retry = new RetryPolicy(
                    taskInteger(task, defaults, "retries", 0, path),
                    taskDuration(task, defaults, "retry_delay", Duration.ofMinutes(5), path),
                    taskBool(task, defaults, "retry_exponential_backoff", path),
                    taskDuration(task, defaults, "max_retry_delay", null, path));
            Duration timeout = taskDuration(task, defaults, "execution_timeout", null, path);
            int priorityWeight = taskPriorityWeight(task, defaults, path);
            WeightRule weightRule = WeightRule.DOWNSTREAM;
            JsonNode ruleSource = has(task, "weight_rule") ? task : defaults;
            if (has(ruleSource, "weight_rule")) {
                try {
                    weightRule = WeightRule.fromWire(ruleSource.get("weight_rule").asText());
                } catch (IllegalArgumentException e) {
                    throw error((ruleSource == task ? path : "default_args") + ".weight_rule", e.getMessage());
                }
            }
            byId.put(taskId, new TaskDefinition(taskId, command, upstream, rule, retry, timeout, priorityWeight,
                    weightRule));
        }
        int i = 0;
        for (TaskDefinition task : byId.values()) {
            for (String up : task.upstream()) {
                if (!byId.containsKey(up)) {
                    throw error("tasks[" + i + "] (" + task.taskId() + ").upstream", "unknown task '" + up
                            + "' (tasks: " + String.join(", ", byId.keySet()) + ")");
                }
                if (up.equals(task.taskId())) {
                    throw error("tasks[" + i + "] (" + task.taskId() + ").upstream", "a task cannot wait for itself");
                }
            }
            i++;
        }
        return topologicalOrder(byId);
    }

    /** Kahn's algorithm in file order; what is left over is a cycle, which is named. */
    private List<TaskDefinition> topologicalOrder(Map<String, TaskDefinition> byId) {
        List<TaskDefinition> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        boolean progress = true;
        while (progress && ordered.size() < byId.size()) {
            progress = false;
            for (TaskDefinition task : byId.values()) {
                if (!placed.contains(task.taskId()) && placed.containsAll(task.upstream())) {
                    ordered.add(task);
                    placed.add(task.taskId());
                    progress = true;
                }
            }
        }
        if (ordered.size() < byId.size()) {
            throw error("tasks", "cycle: " + String.join(" -> ", cycle(byId, placed)));
        }
        return ordered;
    }

    private static List<String> cycle(Map<String, TaskDefinition> byId, Set<String> placed) {
        // Walk upstream from any unplaced task; every unplaced task has an unplaced upstream, so we loop.
        String start = byId.keySet().stream().filter(id -> !placed.contains(id)).findFirst().orElseThrow();
        Deque<String> path = new ArrayDeque<>();
        Set<String> seen = new LinkedHashSet<>();
        String current = start;
        while (seen.add(current)) {
            path.add(current);
            current = byId.get(current).upstream().stream().filter(u -> !placed.contains(u)).findFirst().orElseThrow();
        }
        List<String> loop = new ArrayList<>();
        boolean in = false;
        for (String id : path) {
            in |= id.equals(current);
            if (in) {
                loop.add(id);
            }
        }
        loop.add(current);
        // The walk went upstream; show the cycle in the direction work flows.
        java.util.Collections.reverse(loop);
        return loop;
    }

    private Instant dateTime(JsonNode root, String field, ZoneId zone, boolean required) {
        if (!has(root, field)) {
            if (required) {
                throw error(field, "missing; e.g. " + field + ": 2025-01-01 (midnight in the DAG's time zone)");
            }
            return null;
        }
        String text = root.get(field).asText().trim();
        try {
            if (text.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(text).atStartOfDay(zone).toInstant();
            }
            if (text.endsWith("Z") || text.matches(".*[+-]\\d{2}:\\d{2}$")) {
                return OffsetDateTime.parse(text.replace(' ', 'T')).toInstant();
            }
            return ZonedDateTime.of(LocalDateTime.parse(text.replace(' ', 'T')), zone).toInstant();
        } catch (DateTimeParseException e) {
            throw error(field, "'" + text + "' is not a date (2025-01-01) or date-time (2025-01-01T04:30)");
        }
    }

    private int taskInteger(JsonNode task, JsonNode defaults, String field, int fallback, String path) {
        JsonNode source = has(task, field) ? task : defaults;
        String where = has(task, field) ? path + "." + field : "default_args." + field;
        if (!has(source, field)) {
            return fallback;
        }
        JsonNode node = source.get(field);
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 0) {
            throw error(where, "'" + node.asText() + "' is not a whole number ≥ 0");
        }
        return node.asInt();
    }

    /** Airflow's priority_weight: any whole number (negative ones too), default 1. */
    private int taskPriorityWeight(JsonNode task, JsonNode defaults, String path) {
        JsonNode source = has(task, "priority_weight") ? task : defaults;
        String where = has(task, "priority_weight") ? path + ".priority_weight" : "default_args.priority_weight";
        if (!has(source, "priority_weight")) {
            return TaskDefinition.DEFAULT_PRIORITY_WEIGHT;
        }
        JsonNode node = source.get("priority_weight");
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw error(where, "'" + node.asText() + "' is not a whole number");
        }
        return node.asInt();
    }

    private boolean taskBool(JsonNode task, JsonNode defaults, String field, String path) {
        JsonNode source = has(task, field) ? task : defaults;
        String where = has(task, field) ? path + "." + field : "default_args." + field;
        if (!has(source, field)) {
            return false;
        }
        if (!source.get(field).isBoolean()) {
            throw error(where, "is true or false");
        }
        return source.get(field).asBoolean();
    }

    private Duration taskDuration(JsonNode task, JsonNode defaults, String field, Duration fallback, String path) {
        JsonNode source = has(task, field) ? task : defaults;
        String where = has(task, field) ? path + "." + field : "default_args." + field;
        if (!has(source, field)) {
            return fallback;
        }
        try {
            return DurationText.parse(source.get(field).asText());
        } catch (IllegalArgumentException e) {
            throw error(where, e.getMessage());
        }
    }

    private Duration duration(JsonNode root, String field, Duration fallback) {
        if (!has(root, field)) {
            return fallback;
        }
        try {
            return DurationText.parse(root.get(field).asText());
        } catch (IllegalArgumentException e) {
            throw error(field, e.getMessage());
        }
    }

    private boolean bool(JsonNode root, String field, boolean fallback) {
        if (!has(root, field)) {
            return fallback;
        }
        if (!root.get(field).isBoolean()) {
            throw error(field, "is true or false, not '" + root.get(field).asText() + "'");
        }
        return root.get(field).asBoolean();
    }

    private int integer(JsonNode root, String field, int fallback, int min) {
        if (!has(root, field)) {
            return fallback;
        }
        JsonNode node = root.get(field);
        if (!node.isIntegralNumber() || node.asInt() < min) {
            throw error(field, "'" + node.asText() + "' is not a whole number ≥ " + min);
        }
        return node.asInt();
    }

    private String requiredText(JsonNode node, String field) {
        return requiredText(node, field, null);
    }

    private String requiredText(JsonNode node, String field, String parent) {
        String path = parent == null ? field : parent + "." + field;
        if (!has(node, field) || node.get(field).asText().isBlank()) {
            throw error(path, "missing");
        }
        if (!node.get(field).isValueNode()) {
            throw error(path, "is text");
        }
        return node.get(field).asText().strip();
    }

    private void unknownFields(JsonNode node, Set<String> known, String parent) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!known.contains(field)) {
                throw error(parent == null ? field : parent + "." + field, "unknown field (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static boolean has(JsonNode node, String field) {
        return node != null && node.has(field) && !node.get(field).isNull();
    }

    private DagFileException error(String field, String problem) {
        return new DagFileException(name, field, problem);
    }
}

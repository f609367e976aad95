package se.nyckeltal.jobs.schedule.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.nyckeltal.jobs.schedule.dag.DagDefinition;
import se.nyckeltal.jobs.schedule.dag.DataInterval;
import se.nyckeltal.jobs.schedule.run.AirflowTime;
import se.nyckeltal.jobs.schedule.run.DagRun;
import se.nyckeltal.jobs.schedule.run.DagRunEngine;
import se.nyckeltal.jobs.schedule.run.RunConflictException;
import se.nyckeltal.jobs.schedule.run.TaskInstance;
import se.nyckeltal.jobs.schedule.run.TaskState;

/**
 * The subset of Airflow 2's stable REST API ({@code /api/v1}) that triggering and watching runs
 * needs, with Airflow's paths, JSON field names, collection envelopes, status codes and problem
 * bodies, so Airflow's HttpOperator/HttpSensor or its API client work against it unchanged. HTTP
 * basic auth for every endpoint but {@code /api/v1/health}.
 */
public final class AirflowApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AirflowApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ERRORS = "https://airflow.apache.org/docs/apache-airflow/stable/stable-rest-api-ref.html#section/Errors/";
    private static final Set<String> POST_RUN_FIELDS = Set.of("dag_run_id", "logical_date", "execution_date", "conf",
            "note", "data_interval_start", "data_interval_end");
    private static final Duration AUTH_CACHE = Duration.ofMinutes(5);

    private final DagRunEngine engine;
    private final ApiUsers users;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Instant> verified = new ConcurrentHashMap<>();

    /** Airflow's problem body. */
    private static final class Problem extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String title;
        final String type;

        Problem(int status, String title, String detail, String type) {
            super(detail);
            this.status = status;
            this.title = title;
            this.type = type;
        }
    }

    /**
     * @param bind address to listen on, e.g. 127.0.0.1, or 0.0.0.0 for an Airflow on another machine
     * @param port 0 for any free port (tests)
     */
    public AirflowApi(DagRunEngine engine, ApiUsers users, String bind, int port) throws IOException {
        this.engine = requireNonNull(engine, "engine");
        this.users = requireNonNull(users, "users");
        this.server = HttpServer.create(new InetSocketAddress(bind, port), 32);
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "airflow-api");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    public void start() {
        server.start();
        LOG.info("Airflow-compatible REST API on http://{}:{}/api/v1", server.getAddress().getHostString(), port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Object body;
            int status = 200;
            try {
                String path = exchange.getRequestURI().getRawPath();
                if (path.equals("/api/v1/health")) {
                    body = health();
                } else {
                    authenticate(exchange);
                    body = route(exchange, path);
                }
            } catch (Problem p) {
                status = p.status;
                body = problem(p);
                if (p.status == 401) {
                    exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"nyckeltal\"");
                }
            } catch (RuntimeException e) {
                LOG.warn("API {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                status = 500;
                body = problem(new Problem(500, "Internal Server Error", e.getMessage(), ERRORS + "Unknown"));
            }
            byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json"
                    : "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private Object route(HttpExchange exchange, String rawPath) throws IOException {
        String method = exchange.getRequestMethod();
        if (!rawPath.startsWith("/api/v1/")) {
            throw notFound("Not Found", "The requested URL was not found on the server.");
        }
        List<String> parts = new ArrayList<>();
        for (String segment : rawPath.substring("/api/v1/".length()).split("/")) {
            parts.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
        if (parts.size() == 1 && parts.get(0).equals("dags")) {
            allow(method, "GET");
            return dags(query);
        }
        if (parts.size() < 2 || !parts.get(0).equals("dags")) {
            throw notFound("Not Found", "The requested URL was not found on the server.");
        }
        DagDefinition dag = engine.dags().get(parts.get(1)).orElseThrow(() -> notFound("DAG not found",
                "The DAG with dag_id: " + parts.get(1) + " was not found"));
        if (parts.size() == 2) {
            allow(method, "GET", "PATCH");
            if (method.equals("PATCH")) {
                patchDag(dag, readBody(exchange), query);
            }
            return dag(dag);
        }
        if (!parts.get(2).equals("dagRuns")) {
            throw notFound("Not Found", "The requested URL was not found on the server.");
        }
        if (parts.size() == 3) {
            allow(method, "GET", "POST");
            return method.equals("POST") ? postRun(dag, readBody(exchange)) : runs(dag, query);
        }
        DagRun run = engine.store().run(dag.dagId(), parts.get(3)).orElseThrow(() -> notFound("DAGRun not found",
                "DAGRun with DAG ID: '" + dag.dagId() + "' and DagRun ID: '" + parts.get(3) + "' not found"));
        if (parts.size() == 4) {
            allow(method, "GET");
            return run(run);
        }
        if (parts.size() == 5 && parts.get(4).equals("taskInstances")) {
            allow(method, "GET");
            List<Object> tasks = new ArrayList<>();
            run.taskInstances().forEach(t -> tasks.add(taskInstance(dag, run, t)));
            return collection("task_instances", tasks, tasks.size());
        }
        throw notFound("Not Found", "The requested URL was not found on the server.");
    }

    // --- DAGs ---------------------------------------------------------------------------------

    private Object dags(Map<String, List<String>> query) {
        List<DagDefinition> all = new ArrayList<>(engine.dags().dags());
        String pattern = first(query, "dag_id_pattern");
        if (pattern != null) {
            all.removeIf(d -> !d.dagId().contains(pattern));
        }
        String paused = first(query, "paused");
        if (paused != null) {
            all.removeIf(d -> engine.isPaused(d) != Boolean.parseBoolean(paused));
        }
        List<Object> page = new ArrayList<>();
        page(all, query).forEach(d -> page.add(dag(d)));
        return collection("dags", page, all.size());
    }

    private void patchDag(DagDefinition dag, JsonNode body, Map<String, List<String>> query) {
        String mask = first(query, "update_mask");
        if (mask != null && !mask.equals("is_paused")) {
            throw badRequest("Only `is_paused` field can be updated through the REST API");
        }
        if (body == null || !body.isObject() || !body.has("is_paused") || !body.get("is_paused").isBoolean()) {
            throw badRequest("{'is_paused': ['Missing data for required field or not a boolean.']}");
        }
        engine.setPaused(dag.dagId(), body.get("is_paused").asBoolean());
    }

    private Map<String, Object> dag(DagDefinition dag) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dag_id", dag.dagId());
        m.put("dag_display_name", dag.dagId());
        m.put("root_dag_id", null);
        m.put("is_paused", engine.isPaused(dag));
        m.put("is_active", true);
        m.put("is_subdag", false);
        m.put("last_parsed_time", null);
        m.put("last_pickled", null);
        m.put("last_expired", null);
        m.put("scheduler_lock", null);
        m.put("pickle_id", null);
        m.put("default_view", "grid");
        m.put("fileloc", dag.file().toString());
        m.put("file_token", Base64.getUrlEncoder().withoutPadding().encodeToString(
                dag.file().toString().getBytes(StandardCharsets.UTF_8)));
        m.put("owners", dag.owner() == null ? List.of() : List.of(dag.owner().split(",")));
        m.put("description", dag.description());
        String expression = dag.timetable().expression();
        m.put("schedule_interval", expression == null ? null : Map.of("__type", "CronExpression", "value", expression));
        m.put("timetable_description", expression == null ? "Never, external triggers only"
                : expression + " in " + dag.timezone());
        m.put("tags", dag.tags().stream().map(t -> Map.of("name", t)).toList());
        m.put("max_active_tasks", 16);
        m.put("max_active_runs", dag.maxActiveRuns());
        m.put("has_task_concurrency_limits", false);
        m.put("has_import_errors", false);
        DataInterval next = engine.nextScheduled(dag.dagId()).orElse(null);
        m.put("next_dagrun", next == null ? null : AirflowTime.format(next.start()));
        m.put("next_dagrun_data_interval_start", next == null ? null : AirflowTime.format(next.start()));
        m.put("next_dagrun_data_interval_end", next == null ? null : AirflowTime.format(next.end()));
        m.put("next_dagrun_create_after", next == null ? null : AirflowTime.format(next.end()));
        return m;
    }

    // --- DAG runs -----------------------------------------------------------------------------

    private Object runs(DagDefinition dag, Map<String, List<String>> query) {
        List<DagRun> runs = new ArrayList<>(engine.store().runs(dag.dagId()));
        List<String> states = query.getOrDefault("state", List.of());
        if (!states.isEmpty()) {
            runs.removeIf(r -> !states.contains(r.state().wire()));
        }
        String order = first(query, "order_by");
        if (order != null) {
            boolean descending = order.startsWith("-");
            Comparator<DagRun> by = switch (order.replace("-", "")) {
                case "start_date" -> Comparator.comparing(DagRun::startDate, Comparator.nullsFirst(Comparator.naturalOrder()));
                case "end_date" -> Comparator.comparing(DagRun::endDate, Comparator.nullsFirst(Comparator.naturalOrder()));
                case "logical_date", "execution_date", "id" -> Comparator.comparing(DagRun::logicalDate);
                case "dag_run_id", "run_id" -> Comparator.comparing(DagRun::runId);
                default -> throw badRequest("Ordering with '" + order + "' is disallowed or the attribute does not exist"
                        + " on the model");
            };
            runs.sort(descending ? by.reversed() : by);
        }
        List<Object> page = new ArrayList<>();
        page(runs, query).forEach(r -> page.add(run(r)));
        return collection("dag_runs", page, runs.size());
    }

    private Object postRun(DagDefinition dag, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw badRequest("The request body must be a JSON object, e.g. {\"conf\": {}}");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!POST_RUN_FIELDS.contains(name)) {
                throw badRequest("{'" + name + "': ['Unknown field.']}");
            }
        }
        JsonNode conf = body.get("conf");
        if (conf != null && !conf.isNull() && !conf.isObject()) {
            throw badRequest("{'conf': ['Not a valid mapping type.']}");
        }
        Instant logical = null;
        String dateField = body.hasNonNull("logical_date") ? "logical_date" : "execution_date";
        if (body.hasNonNull(dateField)) {
            try {
                logical = AirflowTime.parse(body.get(dateField).asText());
            } catch (RuntimeException e) {
                throw new Problem(400, "Bad Request", "Incorrect datetime argument: " + body.get(dateField).asText()
                        + " (give an ISO-8601 date-time with an offset)", ERRORS + "BadRequest");
            }
        }
        Map<String, Object> confMap = conf == null || conf.isNull() ? Map.of()
                : JSON.convertValue(conf, new TypeReference<Map<String, Object>>() { });
        try {
            DagRun run = engine.trigger(dag.dagId(), body.path("dag_run_id").asText(null), logical, confMap);
            return run(run);
        } catch (RunConflictException e) {
            throw new Problem(409, "Conflict", e.getMessage(), ERRORS + "AlreadyExists");
        }
    }

    private static Map<String, Object> run(DagRun run) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("conf", run.conf());
        m.put("dag_id", run.dagId());
        m.put("dag_run_id", run.runId());
        m.put("data_interval_end", AirflowTime.format(run.dataIntervalEnd()));
        m.put("data_interval_start", AirflowTime.format(run.dataIntervalStart()));
        m.put("end_date", AirflowTime.format(run.endDate()));
        m.put("execution_date", AirflowTime.format(run.logicalDate()));
        m.put("external_trigger", run.externalTrigger());
        m.put("last_scheduling_decision", AirflowTime.format(run.endDate() != null ? run.endDate() : run.startDate()));
        m.put("logical_date", AirflowTime.format(run.logicalDate()));
        String note = run.note();
        if (run.deadlineMissed()) {
            String missed = "deadline missed (" + AirflowTime.format(run.deadlineAt()) + ")";
            note = note == null ? missed : note + "; " + missed;
        }
        m.put("note", note);
        m.put("run_type", run.runType().wire());
        m.put("start_date", AirflowTime.format(run.startDate()));
        m.put("state", run.state().wire());
        return m;
    }

    private static Map<String, Object> taskInstance(DagDefinition dag, DagRun run, TaskInstance ti) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task_id", ti.taskId());
        m.put("task_display_name", ti.taskId());
        m.put("dag_id", run.dagId());
        m.put("dag_run_id", run.runId());
        m.put("execution_date", AirflowTime.format(run.logicalDate()));
        m.put("start_date", AirflowTime.format(ti.startDate()));
        m.put("end_date", AirflowTime.format(ti.endDate()));
        m.put("duration", ti.startDate() == null || ti.endDate() == null ? null
                : Duration.between(ti.startDate(), ti.endDate()).toMillis() / 1000.0);
        m.put("state", ti.state() == TaskState.NONE ? null : ti.state().wire());
        m.put("try_number", ti.tryNumber());
        m.put("map_index", -1);
        m.put("max_tries", ti.maxTries());
        m.put("hostname", ti.hostname() == null ? "" : ti.hostname());
        m.put("unixname", System.getProperty("user.name"));
        m.put("pool", "default_pool");
        m.put("pool_slots", 1);
        m.put("queue", "default");
        m.put("priority_weight", dag.tasks().size());
        m.put("operator", "BashOperator");
        m.put("queued_when", AirflowTime.format(ti.queuedWhen()));
        m.put("pid", ti.pid());
        m.put("executor", null);
        m.put("executor_config", "{}");
        m.put("sla_miss", null);
        m.put("rendered_map_index", null);
        m.put("rendered_fields", Map.of());
        m.put("trigger", null);
        m.put("triggerer_job", null);
        m.put("note", ti.note());
        return m;
    }

    private Object health() {
        Map<String, Object> scheduler = new LinkedHashMap<>();
        scheduler.put("status", "healthy");
        scheduler.put("latest_scheduler_heartbeat", AirflowTime.format(engine.clock().instant()));
        return Map.of("metadatabase", Map.of("status", "healthy"), "scheduler", scheduler);
    }

    // --- plumbing -------------------------------------------------------------------------------

    private void authenticate(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new Problem(401, "Unauthorized", null, ERRORS + "Unauthenticated");
        }
        String digest = sha256(header);
        Instant until = verified.get(digest);
        if (until != null && Instant.now().isBefore(until)) {
            return;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Problem(401, "Unauthorized", null, ERRORS + "Unauthenticated");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0 || !users.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1))) {
            LOG.warn("API: refused credentials from {}", exchange.getRemoteAddress().getAddress().getHostAddress());
            throw new Problem(401, "Unauthorized", null, ERRORS + "Unauthenticated");
        }
        verified.put(digest, Instant.now().plus(AUTH_CACHE)); // PBKDF2 is slow on purpose; not on every call
    }

    private static void allow(String method, String... allowed) {
        if (!List.of(allowed).contains(method)) {
            throw new Problem(405, "Method Not Allowed", "The method is not allowed for the requested URL.",
                    ERRORS + "MethodNotAllowed");
        }
    }

    private static JsonNode readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(1 << 20);
            if (bytes.length == 0) {
                return null;
            }
            return JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw badRequest("The request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static <T> List<T> page(List<T> all, Map<String, List<String>> query) {
        int limit = intParam(query, "limit", 100);
        int offset = intParam(query, "offset", 0);
        return all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + limit));
    }

    private static int intParam(Map<String, List<String>> query, String name, int fallback) {
        String value = first(query, name);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw badRequest("'" + value + "' is not a valid " + name);
        }
    }

    private static Map<String, Object> collection(String name, List<Object> items, int total) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(name, items);
        m.put("total_entries", total);
        return m;
    }

    private static Map<String, Object> problem(Problem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("detail", p.getMessage());
        m.put("status", p.status);
        m.put("title", p.title);
        m.put("type", p.type);
        return m;
    }

    private static Problem notFound(String title, String detail) {
        return new Problem(404, title, detail, ERRORS + "NotFound");
    }

    private static Problem badRequest(String detail) {
        return new Problem(400, "Bad Request", detail, ERRORS + "BadRequest");
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

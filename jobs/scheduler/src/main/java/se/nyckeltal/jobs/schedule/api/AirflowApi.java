package se.nyckeltal.jobs.schedule.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.nyckeltal.jobs.schedule.dag.DagDefinition;
import se.nyckeltal.jobs.schedule.dag.DataInterval;
import se.nyckeltal.jobs.schedule.dag.TaskDefinition;
import se.nyckeltal.jobs.schedule.run.AirflowTime;
import se.nyckeltal.jobs.schedule.run.DagRun;
import se.nyckeltal.jobs.schedule.run.DagRunEngine;
import se.nyckeltal.jobs.schedule.run.RunConflictException;
import se.nyckeltal.jobs.schedule.run.RunState;
import se.nyckeltal.jobs.schedule.run.TaskInstance;

/**
 * The Airflow-shaped REST API: the subset of Airflow 3's public API ({@code /api/v2}, bearer JWTs
 * from {@code POST /auth/token}) that triggering and watching runs needs, with the paths, field
 * names, required fields, status codes and error bodies of Airflow's OpenAPI spec; and, for Airflow
 * 2 clients while they last (deprecated), the same operations under {@code /api/v1} with Airflow 2's
 * shapes and HTTP basic auth. Both versions share routing, look-ups, filters and every change to a
 * run; only the JSON shapes ({@link V1Json}, {@link V2Json}) and the error bodies differ.
 */
public final class AirflowApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AirflowApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration AUTH_CACHE = Duration.ofMinutes(5);
    private static final Set<String> V1_POST_RUN_FIELDS = Set.of("dag_run_id", "logical_date", "execution_date", "conf",
            "note", "data_interval_start", "data_interval_end");
    private static final Set<String> V2_POST_RUN_FIELDS = Set.of("dag_run_id", "data_interval_start",
            "data_interval_end", "logical_date", "run_after", "conf", "note");

    /** Which API a request speaks. */
    enum Version {
        V1("/api/v1/"), V2("/api/v2/");

        final String prefix;

        Version(String prefix) {
            this.prefix = prefix;
        }
    }

    private final DagRunEngine engine;
    private final ApiUsers users;
    private final JwtTokens tokens;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Instant> verified = new ConcurrentHashMap<>();

    /**
     * An error answer. v1 shows it as Airflow 2's problem JSON ({@code detail, status, title, type}),
     * v2 as FastAPI's {@code {"detail": …}}; a 422 carries pydantic's list of {@code {loc, msg, type}}.
     */
    static final class Problem extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String title;
        final String type;
        final transient Object detail;

        Problem(int status, String title, Object detail, String type) {
            super(detail == null ? title : detail.toString());
            this.status = status;
            this.title = title;
            this.type = type;
            this.detail = detail;
        }
    }

    /** A body that is not JSON (ndjson logs). */
    private record Raw(String contentType, byte[] bytes) {}

    /** An answer with a status other than 200. */
    private record Reply(int status, Object body) {}

    /**
     * @param bind address to listen on, e.g. 127.0.0.1, or 0.0.0.0 for an Airflow on another machine
     * @param port 0 for any free port (tests)
     */
    public AirflowApi(DagRunEngine engine, ApiUsers users, String bind, int port) throws IOException {
        this(engine, users, JwtTokens.inStateFolder(engine.store().root(), engine.clock(), JwtTokens.DEFAULT_EXPIRY),
                bind, port);
    }

    public AirflowApi(DagRunEngine engine, ApiUsers users, JwtTokens tokens, String bind, int port) throws IOException {
        this.engine = requireNonNull(engine, "engine");
        this.users = requireNonNull(users, "users");
        this.tokens = requireNonNull(tokens, "tokens");
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
        LOG.info("Airflow-compatible REST API on http://{}:{}/api/v2 (tokens from /auth/token; /api/v1 deprecated)",
                server.getAddress().getHostString(), port());
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
            String path = exchange.getRequestURI().getRawPath();
            Version version = path.startsWith(Version.V1.prefix) ? Version.V1 : Version.V2;
            Object body;
            int status = 200;
            try {
                Object answer;
                if (path.equals("/auth/token")) {
                    answer = token(exchange);
                } else if (path.equals("/api/v1/health")) {
                    answer = V1Json.health(engine.clock().instant());
                } else if (path.equals("/api/v2/monitor/health")) {
                    allow(version, exchange.getRequestMethod(), "GET");
                    answer = V2Json.health(engine.clock().instant());
                } else if (path.equals("/api/v2/version")) {
                    allow(version, exchange.getRequestMethod(), "GET");
                    answer = V2Json.version();
                } else if (path.startsWith(Version.V1.prefix) || path.startsWith(Version.V2.prefix)) {
                    authenticate(exchange, version);
                    answer = route(exchange, version, path);
                } else {
                    throw notFound(version, "Not Found", "The requested URL was not found on the server.", "Not Found");
                }
                if (answer instanceof Reply reply) {
                    status = reply.status();
                    body = reply.body();
                } else {
                    body = answer;
                }
            } catch (Problem p) {
                status = p.status;
                body = version == Version.V1 ? V1Json.problem(p) : V2Json.problem(p);
                if (p.status == 401) {
                    exchange.getResponseHeaders().add("WWW-Authenticate",
                            version == Version.V1 ? "Basic realm=\"nyckeltal\"" : "Bearer");
                }
            } catch (RuntimeException e) {
                LOG.warn("API {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), e);
                status = 500;
                Problem p = new Problem(500, "Internal Server Error", String.valueOf(e.getMessage()), V1Json.ERRORS + "Unknown");
                body = version == Version.V1 ? V1Json.problem(p) : V2Json.problem(p);
            }
            byte[] bytes;
            String contentType;
            if (body instanceof Raw raw) {
                bytes = raw.bytes();
                contentType = raw.contentType();
            } else {
                bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
                contentType = status >= 400 && version == Version.V1 ? "application/problem+json" : "application/json";
            }
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    // --- authentication --------------------------------------------------------------------------

    /** {@code POST /auth/token}: JSON or form {@code {username, password}} → 201 {@code {"access_token": …}}. */
    private Object token(HttpExchange exchange) throws IOException {
        allow(Version.V2, exchange.getRequestMethod(), "POST");
        String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).toLowerCase(Locale.ROOT);
        byte[] raw;
        try (InputStream in = exchange.getRequestBody()) {
            raw = in.readNBytes(64 * 1024);
        }
        String username;
        String password;
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            Map<String, List<String>> form = query(new String(raw, StandardCharsets.UTF_8));
            username = first(form, "username");
            password = first(form, "password");
        } else {
            JsonNode body = parseJson(Version.V2, raw);
            if (body == null || !body.isObject()) {
                throw Validation.single(body == null ? "missing" : "model_attributes_type", List.of("body"),
                        body == null ? "Field required" : "Input should be a valid dictionary or object to extract fields from");
            }
            username = body.path("username").isTextual() ? body.get("username").asText() : null;
            password = body.path("password").isTextual() ? body.get("password").asText() : null;
        }
        Validation errors = new Validation();
        if (username == null) {
            errors.add("missing", List.of("body", "username"), "Field required");
        }
        if (password == null) {
            errors.add("missing", List.of("body", "password"), "Field required");
        }
        errors.throwIfAny();
        if (!users.authenticate(username, password)) {
            LOG.warn("API: refused a token for user '{}' from {}", username,
                    exchange.getRemoteAddress().getAddress().getHostAddress());
            throw new Problem(401, "Unauthorized", "Invalid credentials", V1Json.ERRORS + "Unauthenticated");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("access_token", tokens.issue(username));
        return new Reply(201, m);
    }

    /** v2: a bearer JWT from /auth/token. v1: HTTP basic auth, or the same bearer token. */
    private void authenticate(HttpExchange exchange, Version version) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            try {
                tokens.verify(header.substring(7).trim());
                return;
            } catch (JwtTokens.InvalidTokenException e) {
                throw new Problem(401, "Unauthorized", e.getMessage(), V1Json.ERRORS + "Unauthenticated");
            }
        }
        if (version == Version.V2 || header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new Problem(401, "Unauthorized", version == Version.V2 ? "Not authenticated" : null,
                    V1Json.ERRORS + "Unauthenticated");
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
            throw new Problem(401, "Unauthorized", null, V1Json.ERRORS + "Unauthenticated");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0 || !users.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1))) {
            LOG.warn("API: refused credentials from {}", exchange.getRemoteAddress().getAddress().getHostAddress());
            throw new Problem(401, "Unauthorized", null, V1Json.ERRORS + "Unauthenticated");
        }
        verified.put(digest, Instant.now().plus(AUTH_CACHE)); // PBKDF2 is slow on purpose; not on every call
    }

    // --- routing (shared by v1 and v2) ------------------------------------------------------------

    private Object route(HttpExchange exchange, Version v, String rawPath) throws IOException {
        String method = exchange.getRequestMethod();
        List<String> parts = new ArrayList<>();
        for (String segment : rawPath.substring(v.prefix.length()).split("/", -1)) {
            parts.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        if (!parts.isEmpty() && parts.get(parts.size() - 1).isEmpty()) {
            parts.remove(parts.size() - 1);
        }
        Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
        if (parts.size() == 1 && parts.get(0).equals("dags")) {
            allow(v, method, "GET");
            return dags(v, query);
        }
        if (parts.size() < 2 || !parts.get(0).equals("dags")) {
            throw notFound(v, "Not Found", "The requested URL was not found on the server.", "Not Found");
        }
        if (v == Version.V2 && parts.size() == 3 && parts.get(1).equals("~") && parts.get(2).equals("dagRuns")) {
            allow(v, method, "GET");
            return runs(v, null, query);
        }
        DagDefinition dag = engine.dags().get(parts.get(1)).orElseThrow(() -> notFound(v, "DAG not found",
                "The DAG with dag_id: " + parts.get(1) + " was not found",
                "The Dag with ID: `" + parts.get(1) + "` was not found"));
        if (parts.size() == 2) {
            allow(v, method, "GET", "PATCH");
            if (method.equals("PATCH")) {
                patchDag(v, dag, readBody(v, exchange), query);
            }
            return v == Version.V1 ? V1Json.dag(engine, dag) : V2Json.dag(engine, dag);
        }
        if (v == Version.V2 && parts.get(2).equals("tasks") && parts.size() <= 4) {
            allow(v, method, "GET");
            return parts.size() == 3 ? tasks(dag, query) : V2Json.task(dag, dag.task(parts.get(3))
                    .orElseThrow(() -> notFound(v, "Task not found", null, "Task with id " + parts.get(3) + " not found")));
        }
        if (!parts.get(2).equals("dagRuns")) {
            throw notFound(v, "Not Found", "The requested URL was not found on the server.", "Not Found");
        }
        if (parts.size() == 3) {
            allow(v, method, "GET", "POST");
            return method.equals("POST") ? postRun(v, dag, readBody(v, exchange)) : runs(v, dag, query);
        }
        String runId = parts.get(3);
        DagRun run = engine.store().run(dag.dagId(), runId).orElseThrow(() -> notFound(v, "DAGRun not found",
                "DAGRun with DAG ID: '" + dag.dagId() + "' and DagRun ID: '" + runId + "' not found",
                "The DagRun with dag_id: `" + dag.dagId() + "` and run_id: `" + runId + "` was not found"));
        if (parts.size() == 4) {
            allow(v, method, "GET", "PATCH");
            DagRun shown = method.equals("PATCH") ? patchRun(v, dag, run, readBody(v, exchange), query) : run;
            return runJson(v, dag, shown);
        }
        if (parts.size() == 5 && parts.get(4).equals("clear")) {
            allow(v, method, "POST");
            return clearRun(v, dag, run, readBody(v, exchange));
        }
        if (!parts.get(4).equals("taskInstances")) {
            throw notFound(v, "Not Found", "The requested URL was not found on the server.", "Not Found");
        }
        if (parts.size() == 5) {
            allow(v, method, "GET");
            return taskInstances(v, dag, run, query);
        }
        String taskId = parts.get(5);
        TaskInstance ti = run.task(taskId).orElseThrow(() -> notFound(v, "Task instance not found",
                "Task instance not found",
                "The Task Instance with dag_id: `" + dag.dagId() + "`, run_id: `" + runId + "`, task_id: `" + taskId
                        + "` and map_index: `-1` was not found"));
        if (parts.size() == 6) {
            allow(v, method, "GET");
            return v == Version.V1 ? V1Json.taskInstance(dag, run, ti) : V2Json.taskInstance(dag, run, ti);
        }
        if (parts.size() == 8 && parts.get(6).equals("logs")) {
            allow(v, method, "GET");
            return log(v, exchange, dag, run, ti, parts.get(7));
        }
        throw notFound(v, "Not Found", "The requested URL was not found on the server.", "Not Found");
    }

    // --- DAGs -------------------------------------------------------------------------------------

    private Object dags(Version v, Map<String, List<String>> query) {
        List<DagDefinition> all = new ArrayList<>(engine.dags().dags());
        String pattern = first(query, "dag_id_pattern");
        if (pattern != null) {
            Pattern like = like(pattern);
            all.removeIf(d -> !like.matcher(d.dagId()).matches());
        }
        String paused = first(query, "paused");
        if (paused != null) {
            boolean wanted = bool(v, "paused", paused);
            all.removeIf(d -> engine.isPaused(d) != wanted);
        }
        List<String> tags = query.getOrDefault("tags", List.of());
        if (!tags.isEmpty()) {
            boolean matchAll = "all".equals(first(query, "tags_match_mode"));
            all.removeIf(d -> matchAll ? !d.tags().containsAll(tags) : d.tags().stream().noneMatch(tags::contains));
        }
        List<String> owners = query.getOrDefault("owners", List.of());
        if (!owners.isEmpty()) {
            all.removeIf(d -> d.owner() == null || List.of(d.owner().split(",")).stream().noneMatch(owners::contains));
        }
        sort(v, all, query, "dag_id", Map.of(
                "dag_id", Comparator.comparing(DagDefinition::dagId),
                "dag_display_name", Comparator.comparing(DagDefinition::dagId)));
        List<Object> page = new ArrayList<>();
        page(v, all, query).forEach(d -> page.add(v == Version.V1 ? V1Json.dag(engine, d) : V2Json.dag(engine, d)));
        return collection("dags", page, all.size());
    }

    private void patchDag(Version v, DagDefinition dag, JsonNode body, Map<String, List<String>> query) {
        List<String> mask = query.getOrDefault("update_mask", List.of());
        if (!mask.isEmpty() && !mask.equals(List.of("is_paused"))) {
            throw badRequest(v, "Only `is_paused` field can be updated through the REST API");
        }
        if (v == Version.V2) {
            Validation errors = Validation.object(body);
            errors.extraFields(body, Set.of("is_paused"));
            if (body != null && body.isObject()) {
                if (!body.has("is_paused")) {
                    errors.add("missing", List.of("body", "is_paused"), "Field required");
                } else if (!body.get("is_paused").isBoolean()) {
                    errors.add("bool_parsing", List.of("body", "is_paused"),
                            "Input should be a valid boolean, unable to interpret input");
                }
            }
            errors.throwIfAny();
        } else if (body == null || !body.isObject() || !body.has("is_paused") || !body.get("is_paused").isBoolean()) {
            throw badRequest(v, "{'is_paused': ['Missing data for required field or not a boolean.']}");
        }
        engine.setPaused(dag.dagId(), body.get("is_paused").asBoolean());
    }

    private Object tasks(DagDefinition dag, Map<String, List<String>> query) {
        List<TaskDefinition> tasks = new ArrayList<>(dag.tasks());
        sort(Version.V2, tasks, query, "task_id", Map.of("task_id", Comparator.comparing(TaskDefinition::taskId)));
        List<Object> items = new ArrayList<>();
        tasks.forEach(t -> items.add(V2Json.task(dag, t)));
        return collection("tasks", items, items.size());
    }

    // --- DAG runs ---------------------------------------------------------------------------------

    private Map<String, Object> runJson(Version v, DagDefinition dag, DagRun run) {
        return v == Version.V1 ? V1Json.run(run) : V2Json.run(dag, run);
    }

    /** @param dag null for every DAG ({@code ~}) */
    private Object runs(Version v, DagDefinition dag, Map<String, List<String>> query) {
        List<DagRun> runs = new ArrayList<>();
        for (DagDefinition d : dag == null ? engine.dags().dags() : List.of(dag)) {
            runs.addAll(engine.store().runs(d.dagId()));
        }
        List<String> states = query.getOrDefault("state", List.of());
        if (!states.isEmpty()) {
            runs.removeIf(r -> !states.contains(r.state().wire()));
        }
        List<String> types = query.getOrDefault("run_type", List.of());
        if (!types.isEmpty()) {
            runs.removeIf(r -> !types.contains(r.runType().wire()));
        }
        String runIdPattern = first(query, "run_id_pattern");
        if (runIdPattern != null) {
            Pattern like = like(runIdPattern);
            runs.removeIf(r -> !like.matcher(r.runId()).matches());
        }
        dateFilter(v, runs, query, "logical_date", DagRun::logicalDate);
        dateFilter(v, runs, query, "execution_date", DagRun::logicalDate);
        dateFilter(v, runs, query, "start_date", DagRun::startDate);
        dateFilter(v, runs, query, "end_date", DagRun::endDate);
        dateFilter(v, runs, query, "run_after", V2Json::runAfter);
        Map<String, Comparator<DagRun>> orders = new LinkedHashMap<>();
        Comparator<DagRun> created = Comparator.comparing(DagRun::queuedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(DagRun::logicalDate);
        orders.put("id", created);
        orders.put("queued_at", created);
        orders.put("state", Comparator.comparing(r -> r.state().wire()));
        orders.put("dag_id", Comparator.comparing(DagRun::dagId));
        orders.put("run_type", Comparator.comparing(r -> r.runType().wire()));
        orders.put("logical_date", Comparator.comparing(DagRun::logicalDate));
        orders.put("execution_date", Comparator.comparing(DagRun::logicalDate));
        orders.put("run_after", Comparator.comparing(V2Json::runAfter));
        orders.put("start_date", Comparator.comparing(DagRun::startDate, Comparator.nullsFirst(Comparator.naturalOrder())));
        orders.put("end_date", Comparator.comparing(DagRun::endDate, Comparator.nullsFirst(Comparator.naturalOrder())));
        orders.put("data_interval_start", Comparator.comparing(DagRun::dataIntervalStart));
        orders.put("data_interval_end", Comparator.comparing(DagRun::dataIntervalEnd));
        orders.put("run_id", Comparator.comparing(DagRun::runId));
        orders.put("dag_run_id", Comparator.comparing(DagRun::runId));
        sort(v, runs, query, "id", orders);
        List<Object> page = new ArrayList<>();
        page(v, runs, query).forEach(r -> page.add(runJson(v, engine.dags().get(r.dagId()).orElseThrow(), r)));
        return collection("dag_runs", page, runs.size());
    }

    private Object postRun(Version v, DagDefinition dag, JsonNode body) {
        Instant logical;
        DataInterval interval = null;
        Map<String, Object> conf;
        String runId;
        String note;
        if (v == Version.V2) {
            Validation errors = Validation.object(body);
            errors.extraFields(body, V2_POST_RUN_FIELDS);
            if (body != null && body.isObject() && !body.has("logical_date")) {
                errors.add("missing", List.of("body", "logical_date"), "Field required");
            }
            runId = errors.string(body, "dag_run_id", Integer.MAX_VALUE);
            note = errors.string(body, "note", Integer.MAX_VALUE);
            logical = errors.dateTime(body, "logical_date");
            Instant start = errors.dateTime(body, "data_interval_start");
            Instant end = errors.dateTime(body, "data_interval_end");
            Instant runAfter = errors.dateTime(body, "run_after");
            conf = errors.dict(body, "conf");
            if (errors.isEmpty() && (start == null) != (end == null)) {
                errors.add("value_error", List.of("body"), "Value error, Either both data_interval_start and"
                        + " data_interval_end must be provided or both must be None");
            }
            errors.throwIfAny();
            if (start != null) {
                if (start.isAfter(end)) {
                    throw badRequest(v, "data_interval_start must not be after data_interval_end");
                }
                interval = new DataInterval(start, end);
            }
            if (runAfter != null) {
                throw badRequest(v, "run_after is not supported: leave it out or null; the run is queued now and"
                        + " starts as soon as max_active_runs allows");
            }
        } else {
            if (body == null || !body.isObject()) {
                throw badRequest(v, "The request body must be a JSON object, e.g. {\"conf\": {}}");
            }
            for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!V1_POST_RUN_FIELDS.contains(name)) {
                    throw badRequest(v, "{'" + name + "': ['Unknown field.']}");
                }
            }
            JsonNode confNode = body.get("conf");
            if (confNode != null && !confNode.isNull() && !confNode.isObject()) {
                throw badRequest(v, "{'conf': ['Not a valid mapping type.']}");
            }
            logical = null;
            String dateField = body.hasNonNull("logical_date") ? "logical_date" : "execution_date";
            if (body.hasNonNull(dateField)) {
                try {
                    logical = AirflowTime.parse(body.get(dateField).asText());
                } catch (RuntimeException e) {
                    throw badRequest(v, "Incorrect datetime argument: " + body.get(dateField).asText()
                            + " (give an ISO-8601 date-time with an offset)");
                }
            }
            conf = confNode == null || confNode.isNull() ? Map.of()
                    : JSON.convertValue(confNode, new TypeReference<Map<String, Object>>() { });
            runId = body.path("dag_run_id").asText(null);
            note = body.hasNonNull("note") ? body.get("note").asText() : null;
        }
        try {
            DagRun run = engine.trigger(dag.dagId(), runId, logical, interval, conf == null ? Map.of() : conf, note);
            return runJson(v, dag, run);
        } catch (RunConflictException e) {
            throw new Problem(409, "Conflict", e.getMessage(), V1Json.ERRORS + "AlreadyExists");
        }
    }

    private DagRun patchRun(Version v, DagDefinition dag, DagRun run, JsonNode body, Map<String, List<String>> query) {
        Validation errors = Validation.object(body);
        errors.extraFields(body, Set.of("state", "note"));
        String note = errors.string(body, "note", 1000);
        RunState state = null;
        if (body != null && body.hasNonNull("state")) {
            String text = body.get("state").isTextual() ? body.get("state").asText() : "";
            switch (text) {
                case "queued" -> state = RunState.QUEUED;
                case "success" -> state = RunState.SUCCESS;
                case "failed" -> state = RunState.FAILED;
                default -> errors.add("enum", List.of("body", "state", "DAGRunPatchStates"),
                        "Input should be 'queued', 'success' or 'failed'");
            }
        }
        if (v == Version.V1 && !errors.isEmpty()) {
            throw badRequest(v, errors.describe());
        }
        errors.throwIfAny();
        List<String> mask = query.getOrDefault("update_mask", List.of());
        for (String field : mask) {
            if (!field.equals("state") && !field.equals("note")) {
                throw badRequest(v, "Invalid field `" + field + "` in update mask");
            }
        }
        boolean setState = mask.isEmpty() ? body.has("state") : mask.contains("state");
        boolean setNote = mask.isEmpty() ? body.has("note") : mask.contains("note");
        DagRun updated = run;
        if (setState) {
            if (state == null) {
                throw badRequest(v, "state must be queued, success or failed");
            }
            updated = engine.markRun(dag.dagId(), run.runId(), state);
        }
        if (setNote) {
            updated = engine.setNote(dag.dagId(), run.runId(), note);
        }
        return updated;
    }

    private Object clearRun(Version v, DagDefinition dag, DagRun run, JsonNode body) {
        Validation errors = Validation.object(body);
        errors.extraFields(body, v == Version.V2 ? Set.of("dry_run", "only_failed", "run_on_latest_version")
                : Set.of("dry_run"));
        boolean dryRun = errors.bool(body, "dry_run", true);
        boolean onlyFailed = errors.bool(body, "only_failed", false);
        errors.bool(body, "run_on_latest_version", false); // one version of each DAG: nothing to choose
        if (v == Version.V1 && !errors.isEmpty()) {
            throw badRequest(v, errors.describe());
        }
        errors.throwIfAny();
        if (dryRun) {
            List<Object> items = new ArrayList<>();
            engine.clearable(dag.dagId(), run.runId(), onlyFailed).forEach(ti -> items.add(v == Version.V1
                    ? V1Json.taskInstance(dag, run, ti) : V2Json.taskInstance(dag, run, ti)));
            return collection("task_instances", items, items.size());
        }
        return runJson(v, dag, engine.clear(dag.dagId(), run.runId(), onlyFailed));
    }

    // --- task instances and logs ------------------------------------------------------------------

    private Object taskInstances(Version v, DagDefinition dag, DagRun run, Map<String, List<String>> query) {
        List<TaskInstance> tis = new ArrayList<>(run.taskInstances());
        List<String> states = query.getOrDefault("state", List.of());
        if (!states.isEmpty()) {
            tis.removeIf(t -> !states.contains(t.state() == se.nyckeltal.jobs.schedule.run.TaskState.NONE ? "no_status"
                    : t.state().wire()));
        }
        List<String> taskIds = query.getOrDefault("task_id", List.of());
        if (!taskIds.isEmpty()) {
            tis.removeIf(t -> !taskIds.contains(t.taskId()));
        }
        List<Object> page = new ArrayList<>();
        page(v, tis, query).forEach(t -> page.add(v == Version.V1 ? V1Json.taskInstance(dag, run, t)
                : V2Json.taskInstance(dag, run, t)));
        return collection("task_instances", page, tis.size());
    }

    private Object log(Version v, HttpExchange exchange, DagDefinition dag, DagRun run, TaskInstance ti, String tryText)
            throws IOException {
        int tryNumber;
        try {
            tryNumber = Integer.parseInt(tryText);
            if (tryNumber < 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            if (v == Version.V1) {
                throw badRequest(v, "'" + tryText + "' is not a valid try number");
            }
            throw Validation.single(tryText.matches("-\\d+") ? "greater_than_equal" : "int_parsing",
                    List.of("path", "try_number"), tryText.matches("-\\d+") ? "Input should be greater than or equal to 0"
                            : "Input should be a valid integer, unable to parse string as an integer");
        }
        Path file = engine.store().logFile(dag.dagId(), run.runId(), ti.taskId(), tryNumber);
        if (tryNumber < 1 || tryNumber > ti.tryNumber() || !Files.isRegularFile(file)) {
            throw notFound(v, "Not Found", "TaskInstance " + ti.taskId() + " has no log for try " + tryNumber,
                    "The Task Instance `" + ti.taskId() + "` of run `" + run.runId() + "` has no log for try_number "
                            + tryNumber + " (attempts so far: " + ti.tryNumber() + ")");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (v == Version.V1) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("continuation_token", null);
            m.put("content", String.join("\n", lines));
            return m;
        }
        String accept = String.valueOf(exchange.getRequestHeaders().getFirst("Accept"));
        List<Map<String, Object>> messages = V2Json.logMessages(lines);
        if (accept.contains("application/x-ndjson") && !accept.contains("application/json")) {
            StringBuilder ndjson = new StringBuilder();
            for (Map<String, Object> message : messages) {
                ndjson.append(JSON.writeValueAsString(message)).append('\n');
            }
            return new Raw("application/x-ndjson", ndjson.toString().getBytes(StandardCharsets.UTF_8));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("content", messages);
        m.put("continuation_token", null);
        return m;
    }

    // --- plumbing ---------------------------------------------------------------------------------

    private static void allow(Version v, String method, String... allowed) {
        if (!List.of(allowed).contains(method)) {
            throw new Problem(405, "Method Not Allowed", v == Version.V1 ? "The method is not allowed for the requested URL."
                    : "Method Not Allowed", V1Json.ERRORS + "MethodNotAllowed");
        }
    }

    private static JsonNode readBody(Version v, HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return parseJson(v, in.readNBytes(1 << 20));
        }
    }

    private static JsonNode parseJson(Version v, byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            if (v == Version.V1) {
                throw badRequest(v, "The request body is not valid JSON: " + e.getOriginalMessage());
            }
            throw Validation.single("json_invalid", List.of("body", (int) e.getLocation().getCharOffset()),
                    "JSON decode error");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Airflow's paging: v1 defaults to 100 per page, v2 to 50; negative or non-numbers are refused. */
    private static <T> List<T> page(Version v, List<T> all, Map<String, List<String>> query) {
        int limit = intParam(v, query, "limit", v == Version.V1 ? 100 : 50);
        int offset = intParam(v, query, "offset", 0);
        return all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + Math.min(limit, all.size())));
    }

    private static int intParam(Version v, Map<String, List<String>> query, String name, int fallback) {
        String value = first(query, name);
        if (value == null) {
            return fallback;
        }
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            if (v == Version.V1) {
                throw badRequest(v, "'" + value + "' is not a valid " + name);
            }
            throw Validation.single("int_parsing", List.of("query", name),
                    "Input should be a valid integer, unable to parse string as an integer");
        }
        if (n < 0) {
            if (v == Version.V1) {
                throw badRequest(v, "'" + value + "' is not a valid " + name);
            }
            throw Validation.single("greater_than_equal", List.of("query", name),
                    "Input should be greater than or equal to 0");
        }
        return n;
    }

    private static boolean bool(Version v, String name, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> {
                if (v == Version.V1) {
                    throw badRequest(v, "'" + value + "' is not a valid " + name);
                }
                throw Validation.single("bool_parsing", List.of("query", name),
                        "Input should be a valid boolean, unable to interpret input");
            }
        };
    }

    /** Airflow's order_by: a field name, {@code -} before it for descending; unknown fields are refused. */
    private static <T> void sort(Version v, List<T> items, Map<String, List<String>> query, String fallback,
            Map<String, Comparator<T>> orders) {
        List<String> requested = query.getOrDefault("order_by", List.of());
        List<String> keys = requested.isEmpty() ? List.of(fallback) : requested;
        Comparator<T> order = null;
        for (String key : keys) {
            boolean descending = key.startsWith("-");
            Comparator<T> by = orders.get(descending ? key.substring(1) : key);
            if (by == null) {
                throw badRequest(v, "Ordering with '" + key + "' is disallowed or the attribute does not exist on the"
                        + " model");
            }
            by = descending ? by.reversed() : by;
            order = order == null ? by : order.thenComparing(by);
        }
        items.sort(order);
    }

    /** Airflow's {@code _gte _gt _lte _lt} filters on one date-time field. */
    private static void dateFilter(Version v, List<DagRun> runs, Map<String, List<String>> query, String field,
            Function<DagRun, Instant> get) {
        for (String op : List.of("gte", "gt", "lte", "lt")) {
            String text = first(query, field + "_" + op);
            if (text == null) {
                continue;
            }
            Instant bound;
            try {
                bound = AirflowTime.parse(text);
            } catch (RuntimeException e) {
                if (v == Version.V1) {
                    throw badRequest(v, "Incorrect datetime argument: " + text);
                }
                throw Validation.single("datetime_from_date_parsing", List.of("query", field + "_" + op),
                        "Input should be a valid datetime or date, invalid character in year");
            }
            runs.removeIf(r -> {
                Instant value = get.apply(r);
                if (value == null) {
                    return true;
                }
                int c = value.compareTo(bound);
                return switch (op) {
                    case "gte" -> c < 0;
                    case "gt" -> c <= 0;
                    case "lte" -> c > 0;
                    default -> c >= 0;
                };
            });
        }
    }

    /** An SQL LIKE pattern ({@code %}, {@code _}), matched anywhere and ignoring case, as Airflow's search parameters. */
    static Pattern like(String pattern) {
        StringBuilder regex = new StringBuilder(".*");
        StringBuilder literal = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '%' || c == '_') {
                regex.append(Pattern.quote(literal.toString()));
                literal.setLength(0);
                regex.append(c == '%' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString())).append(".*");
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    private static Map<String, Object> collection(String name, List<Object> items, int total) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(name, items);
        m.put("total_entries", total);
        return m;
    }

    private static Problem notFound(Version v, String title, String v1Detail, String v2Detail) {
        return new Problem(404, title, v == Version.V1 ? v1Detail : v2Detail, V1Json.ERRORS + "NotFound");
    }

    private static Problem badRequest(Version v, String detail) {
        return new Problem(400, "Bad Request", detail, V1Json.ERRORS + "BadRequest");
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
            if (pair.isEmpty()) {
                continue;
            }
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

    /** Pydantic-style request validation: every problem in the body at once, as a 422. */
    static final class Validation {
        private final List<Map<String, Object>> errors = new ArrayList<>();

        static Problem single(String type, List<Object> loc, String msg) {
            Validation v = new Validation();
            v.add(type, loc, msg);
            return v.problem();
        }

        /** A required JSON-object body. */
        static Validation object(JsonNode body) {
            Validation v = new Validation();
            if (body == null) {
                v.add("missing", List.of("body"), "Field required");
            } else if (!body.isObject()) {
                v.add("model_attributes_type", List.of("body"),
                        "Input should be a valid dictionary or object to extract fields from");
            }
            return v;
        }

        /** One error as the spec's ValidationError: type, loc, msg (pydantic's input and ctx are not in it). */
        void add(String type, List<Object> loc, String msg) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("type", type);
            e.put("loc", loc);
            e.put("msg", msg);
            errors.add(e);
        }

        boolean isEmpty() {
            return errors.isEmpty();
        }

        void extraFields(JsonNode body, Set<String> allowed) {
            if (body == null || !body.isObject()) {
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!allowed.contains(field.getKey())) {
                    add("extra_forbidden", List.of("body", field.getKey()), "Extra inputs are not permitted");
                }
            }
        }

        String string(JsonNode body, String name, int maxLength) {
            JsonNode value = body == null ? null : body.get(name);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isTextual()) {
                add("string_type", List.of("body", name), "Input should be a valid string");
                return null;
            }
            if (value.asText().length() > maxLength) {
                add("string_too_long", List.of("body", name), "String should have at most " + maxLength + " characters");
                return null;
            }
            return value.asText();
        }

        Instant dateTime(JsonNode body, String name) {
            JsonNode value = body == null ? null : body.get(name);
            if (value == null || value.isNull()) {
                return null;
            }
            if (value.isTextual()) {
                try {
                    return AirflowTime.parse(value.asText());
                } catch (RuntimeException e) {
                    // falls through to the error
                }
            }
            add(value.isTextual() ? "datetime_from_date_parsing" : "datetime_type", List.of("body", name),
                    value.isTextual() ? "Input should be a valid datetime or date, with a time zone offset"
                            : "Input should be a valid datetime");
            return null;
        }

        Map<String, Object> dict(JsonNode body, String name) {
            JsonNode value = body == null ? null : body.get(name);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isObject()) {
                add("dict_type", List.of("body", name), "Input should be a valid dictionary");
                return null;
            }
            return JSON.convertValue(value, new TypeReference<Map<String, Object>>() { });
        }

        boolean bool(JsonNode body, String name, boolean fallback) {
            JsonNode value = body == null ? null : body.get(name);
            if (value == null) {
                return fallback;
            }
            if (!value.isBoolean()) {
                add("bool_type", List.of("body", name), "Input should be a valid boolean");
                return fallback;
            }
            return value.asBoolean();
        }

        String describe() {
            List<String> parts = new ArrayList<>();
            for (Map<String, Object> e : errors) {
                parts.add(e.get("loc") + ": " + e.get("msg"));
            }
            return String.join("; ", parts);
        }

        Problem problem() {
            return new Problem(422, "Unprocessable Entity", List.copyOf(errors), V1Json.ERRORS + "BadRequest");
        }

        void throwIfAny() {
            if (!errors.isEmpty()) {
                throw problem();
            }
        }
    }

    static ObjectNode objectNode() {
        return JSON.createObjectNode();
    }
}

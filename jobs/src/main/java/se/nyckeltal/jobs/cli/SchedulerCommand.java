package se.nyckeltal.jobs.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import se.nyckeltal.jobs.schedule.SchedulerService;
import se.nyckeltal.jobs.schedule.api.ApiUsers;
import se.nyckeltal.jobs.schedule.dag.DagBag;
import se.nyckeltal.jobs.schedule.run.DagRunEngine;

@Command(name = "scheduler", mixinStandardHelpOptions = true,
        subcommands = SchedulerCommand.AddApiUser.class,
        description = {"Run the DAGs on their schedules in the foreground (Ctrl-C stops it), logging each run.",
            "On start it recovers runs a stopped scheduler left behind and catches up missed intervals.",
            "With --port it also serves Airflow 3's REST API (/api/v2, JWTs from POST /auth/token) and, deprecated, /api/v1."})
final class SchedulerCommand implements Callable<Integer> {
    @Mixin
    ScheduleOptions options;

    @Option(names = "--port", paramLabel = "N", description = "Serve the Airflow-shaped REST API on this port.")
    Integer port;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "Address the API listens on (default ${DEFAULT-VALUE}; 0.0.0.0 for other machines).")
    String bind;

    @Option(names = "--api-users", paramLabel = "FILE",
            description = "API users (name:hash lines, see 'scheduler add-api-user'). Required with --port.")
    Path apiUsers;

    @Option(names = "--heartbeat", defaultValue = "1s", converter = OptionConverters.Span.class,
            description = "How often runs are advanced (default ${DEFAULT-VALUE}).")
    Duration heartbeat;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ScheduleOptions.logRuns();
        DagBag bag = options.dagBag();
        SchedulerService.ApiSettings api = null;
        if (port != null) {
            if (apiUsers == null || !Files.isRegularFile(apiUsers)) {
                throw new UserError("--port needs --api-users FILE with at least one user",
                        "create one: nyckeltal scheduler add-api-user airflow --api-users api-users.txt");
            }
            ApiUsers users = ApiUsers.load(apiUsers);
            if (users.isEmpty()) {
                throw new UserError(apiUsers + " has no users", "nyckeltal scheduler add-api-user NAME --api-users " + apiUsers);
            }
            api = new SchedulerService.ApiSettings(bind, port, users);
        }
        DagRunEngine engine = options.engine(bag);
        SchedulerService service = new SchedulerService(engine, heartbeat, api);
        try {
            service.start();
        } catch (IllegalStateException e) {
            throw new UserError(e.getMessage(), "stop the other scheduler, or use another --state folder");
        }
        spec.commandLine().getErr().printf("scheduler running: %d DAG(s) from %s, state in %s%s; Ctrl-C stops it%n",
                bag.dags().size(), bag.source(), engine.store().root(),
                api == null ? "" : ", API on http://" + bind + ":" + service.apiPort() + "/api/v2 (tokens: POST /auth/token)");
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "scheduler-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        stopped.await();
        return 0;
    }

    @Command(name = "add-api-user", mixinStandardHelpOptions = true,
            description = "Add (or replace) a REST API user; the password is read from standard input.")
    static final class AddApiUser implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--api-users", required = true, paramLabel = "FILE")
        Path file;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (!name.matches("[A-Za-z0-9_.@-]+")) {
                throw new UserError("user name '" + name + "' may only use letters, digits and _ . @ -", null);
            }
            String password;
            if (System.console() != null) {
                password = new String(System.console().readPassword("password for %s: ", name));
            } else {
                password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            }
            if (password == null || password.length() < 12) {
                throw new UserError("the password must be at least 12 characters", "pipe it in: echo \"$PW\" | nyckeltal"
                        + " scheduler add-api-user " + name + " --api-users " + file);
            }
            StringBuilder kept = new StringBuilder();
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.startsWith(name + ":")) {
                        kept.append(line).append('\n');
                    }
                }
            }
            kept.append(name).append(':').append(ApiUsers.hash(password)).append('\n');
            Files.writeString(file, kept, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            spec.commandLine().getOut().println("user " + name + " written to " + file);
            return 0;
        }
    }
}

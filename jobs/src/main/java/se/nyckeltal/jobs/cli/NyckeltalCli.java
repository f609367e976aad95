package se.nyckeltal.jobs.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import se.nyckeltal.jobs.load.LoadFailedException;
import se.nyckeltal.jobs.process.JvmScratch;
import se.nyckeltal.warehouse.catalogue.DuckDbLibrary;

/** {@code bin/nyckeltal}: the command line of the warehouse (SPEC §8). */
@Command(
        name = "nyckeltal",
        mixinStandardHelpOptions = true,
        version = "nyckeltal 0.1.0",
        description = "Monthly follow-up warehouse for Swedish regions: ledger extracts to KPIs in SQL.")
public final class NyckeltalCli implements Runnable {
    private static final List<Class<?>> PRODUCT_COMMANDS = List.of(
            LoadCommand.class,
            SqlCommand.class,
            ReportCommand.class,
            SchedulerCommand.class,
            DagsCommand.class,
            TaskCommand.class,
            ServeCommand.class,
            UsersCommand.class,
            CommandLine.HelpCommand.class);

    /** Exit code for a run that failed for a reason the user can act on. */
    public static final int EXIT_FAILED = 1;

    /** This invocation's --verbose: an instance field, so one call's flag never leaks into the next. */
    private boolean verbose;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Log more and show stack traces on errors.")
    void verbose(boolean verbose) {
        this.verbose = verbose;
        if (verbose) {
            LogLevels.info(org.slf4j.Logger.ROOT_LOGGER_NAME, "se.nyckeltal");
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        JvmScratch.claimProcessTemp(); // first: nothing may have made a temp file yet
        if (opensCatalogue(args)) {
            DuckDbLibrary.loadInBackground(); // unpacked into the temp folder just claimed
        }
        System.exit(execute(args));
    }

    /**
     * Whether the command line opens a DuckDB catalogue after work of its own: a load (its build), sql, report,
     * serve, and the tasks that read or build the catalogue. Told from the words alone, before picocli parses them.
     */
    static boolean opensCatalogue(String... args) {
        if (args.length == 0) {
            return false;
        }
        return switch (args[0]) {
            case "load", "sql", "report", "serve" -> true;
            case "task" -> TaskCommand.opensCatalogue(args);
            default -> false;
        };
    }

    /** Runs one command line and returns its exit code; never calls System.exit (tests call this). */
    public static int execute(String... args) {
        // UTF-8 whatever the locale: Java 17 would otherwise turn åäö into '?' under LANG=C.
        return execute(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true), args);
    }

    /** As {@link #execute(String...)} with output and errors captured (for tests). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        NyckeltalCli command = new NyckeltalCli();
        CommandLine cli = withCommands(new CommandLine(command), args);
        cli.setOut(out);
        cli.setErr(err);
        CommandLine.IParameterExceptionHandler parameterErrors = cli.getParameterExceptionHandler();
        cli.setParameterExceptionHandler((e, arguments) -> {
            if (!(e.getCause() instanceof OptionConverters.BadValue bad)) {
                return parameterErrors.handleParseException(e, arguments); // picocli's message and usage
            }
            PrintWriter errors = e.getCommandLine().getErr();
            String option = e.getArgSpec() instanceof CommandLine.Model.OptionSpec spec ? " (" + spec.longestName() + ")" : "";
            errors.println("error: " + bad.getMessage() + option);
            errors.println("hint: " + bad.hint());
            errors.flush();
            return EXIT_FAILED;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter errors = commandLine.getErr();
            if (e instanceof LoadFailedException failed) {
                errors.println("error: " + failed.getMessage());
                if (failed.hint() != null) {
                    errors.println("hint: " + failed.hint());
                }
            } else if (e instanceof UserError user) {
                errors.println("error: " + user.getMessage());
                if (user.hint() != null) {
                    errors.println("hint: " + user.hint());
                }
            } else {
                errors.println("error: " + describe(e));
                errors.println("hint: run again with --verbose for the full stack trace");
            }
            if (command.verbose) {
                e.printStackTrace(errors);
            }
            errors.flush();
            return EXIT_FAILED;
        });
        return cli.execute(args);
    }

    /**
     * The commands this command line may run. One that starts with a product command's name ({@code nyckeltal task
     * run …}, {@code nyckeltal load …}) gets that command alone: picocli builds the model of every command it is
     * given, by reflection over its annotations, ≈ 0.1–0.2 s of every JVM (each task of the nightly DAG is one) for
     * commands it will not run. Anything else (no command, help, a tool, an option first, a misspelt name) gets them
     * all, so usage, help and suggestions list everything.
     */
    private static CommandLine withCommands(CommandLine cli, String... args) {
        String first = args.length == 0 ? "" : args[0];
        for (Class<?> product : PRODUCT_COMMANDS) {
            Command named = product.getAnnotation(Command.class);
            if (product != CommandLine.HelpCommand.class && named != null && named.name().equals(first)) {
                return cli.addSubcommand(product);
            }
        }
        return withTools(cli);
    }

    /**
     * The tools module's commands first (demo, generate, bench: found when jobs/tools is on the class path),
     * then the product's. Without the tools, their names get a line that says where they are.
     */
    private static CommandLine withTools(CommandLine cli) {
        List<Object> tools = new ArrayList<>();
        ServiceLoader.load(ToolCommands.class).forEach(found -> tools.addAll(found.commands()));
        if (tools.isEmpty()) {
            ToolCommands.NAMES.forEach(name -> cli.addSubcommand(name, new MissingTool(name)));
        } else {
            tools.forEach(cli::addSubcommand);
        }
        PRODUCT_COMMANDS.forEach(cli::addSubcommand);
        return cli;
    }

    /** {@code demo}, {@code generate} or {@code bench} run from the product's class path (e.g. the cluster jar). */
    @Command(hidden = true)
    private static final class MissingTool implements java.util.concurrent.Callable<Integer> {
        private final String name;

        MissingTool(String name) {
            this.name = name;
        }

        @Override
        public Integer call() {
            throw new UserError("'" + name + "' is a tool (jobs/tools), not part of this build's class path",
                    "run it with bin/nyckeltal from a full build of the repository");
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getMessage() == null) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}

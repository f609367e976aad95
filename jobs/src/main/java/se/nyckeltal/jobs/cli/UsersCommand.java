package se.nyckeltal.jobs.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import se.nyckeltal.warehouse.gateway.GatewayConfig;
import se.nyckeltal.warehouse.gateway.auth.UserFile;

@Command(name = "users", mixinStandardHelpOptions = true,
        description = "Manage the SQL gateway's users: salted SCRAM-SHA-256 verifiers, never passwords.",
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class})
final class UsersCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** --users FILE, or the users file named in --config. */
    static Path usersFile(Path users, Path config) {
        if (users != null) {
            return users;
        }
        if (config != null) {
            Path file = GatewayConfig.load(config).usersFile();
            if (file == null) {
                throw new UserError(config + " names no users file", "add 'users = gateway-users.conf' to it");
            }
            return file;
        }
        throw new UserError("no users file given", "pass --users FILE (or --config FILE with 'users = FILE')");
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a user, or set a new password for an existing one. The password is asked for twice on"
                    + " the terminal, or read from the first line of standard input with --password-stdin.")
    static final class Add implements Callable<Integer> {
        @Option(names = "--users", description = "Users file (created if missing).")
        Path users;

        @Option(names = "--config", description = "Gateway config file naming the users file.")
        Path config;

        @Option(names = "--password-stdin", description = "Read the password from standard input (for scripts).")
        boolean passwordStdin;

        @Parameters(index = "0", paramLabel = "NAME", description = "User name analysts sign in with.")
        String name;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Path file = usersFile(users, config);
            String password = passwordStdin ? fromStdin() : fromConsole();
            boolean added;
            try {
                added = UserFile.put(file, name, password);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage(), "user names: letters, digits, '_', '.', '@', '-'");
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%s user %s in %s (SCRAM-SHA-256 verifier, %d iterations)%n", added ? "Added" : "Updated",
                    name, file, 4096);
            out.flush();
            return 0;
        }

        private static String fromStdin() throws IOException {
            BufferedReader reader = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line = reader.readLine();
            if (line == null || line.isEmpty()) {
                throw new UserError("no password on standard input", "echo 'the password' | nyckeltal users add"
                        + " --password-stdin --users FILE NAME");
            }
            return line;
        }

        private static String fromConsole() {
            Console console = System.console();
            if (console == null) {
                throw new UserError("no terminal to ask for the password", "pass it on standard input with --password-stdin");
            }
            char[] first = console.readPassword("Password: ");
            char[] second = console.readPassword("Again: ");
            try {
                if (first == null || !Arrays.equals(first, second)) {
                    throw new UserError("the passwords differ", "run the command again");
                }
                return new String(first);
            } finally {
                if (first != null) {
                    Arrays.fill(first, '\0');
                }
                if (second != null) {
                    Arrays.fill(second, '\0');
                }
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the users of a users file.")
    static final class ListUsers implements Callable<Integer> {
        @Option(names = "--users", description = "Users file.")
        Path users;

        @Option(names = "--config", description = "Gateway config file naming the users file.")
        Path config;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            UserFile.load(usersFile(users, config)).names().forEach(out::println);
            out.flush();
            return 0;
        }
    }
}

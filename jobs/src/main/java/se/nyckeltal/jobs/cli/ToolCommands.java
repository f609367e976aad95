package se.nyckeltal.jobs.cli;

import java.util.List;

/**
 * The commands of the tools module (jobs/tools: {@code demo}, {@code generate}, {@code bench}), found with
 * {@link java.util.ServiceLoader} when that module is on the class path. The product's class path
 * ({@code bin/nyckeltal serve}, the cluster jar) does not carry the generator or the bench.
 */
public interface ToolCommands {
    /** The names the tools answer to, so that the product can say where they went. */
    List<String> NAMES = List.of("demo", "generate", "bench");

    /** picocli {@code @Command} objects, in the order {@code --help} lists them. */
    List<Object> commands();
}

package se.nyckeltal.jobs.cli;

import java.util.List;

/** The tools module's commands for the CLI: the demo, the test-data generator and the benchmark. */
public final class Tools implements ToolCommands {
    @Override
    public List<Object> commands() {
        return List.of(new DemoCommand(), new GenerateCommand(), new BenchCommand());
    }
}

package se.nyckeltal.jobs.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import se.nyckeltal.jobs.schedule.dag.DagBag;
import se.nyckeltal.jobs.schedule.dag.DagFileException;
import se.nyckeltal.jobs.schedule.run.DagRunEngine;
import se.nyckeltal.jobs.schedule.run.ProcessTaskLauncher;
import se.nyckeltal.jobs.schedule.run.RunStore;
import se.nyckeltal.jobs.schedule.run.UnknownDagException;

/** Where the DAGs and the scheduler's state are, and the params laid over every DAG's. */
final class ScheduleOptions {
    @Option(names = "--dags", paramLabel = "DIR",
            description = "Folder of DAG files (*.yaml). Default: the DAGs shipped with nyckeltal (nightly).")
    Path dags;

    @Option(names = "--state", paramLabel = "DIR", defaultValue = "nyckeltal-scheduler",
            description = "The scheduler's state: run history, task logs (default ./${DEFAULT-VALUE}).")
    Path state;

    @Option(names = "--landing", paramLabel = "DIR", description = "Sets the DAGs' 'landing' param.")
    Path landing;

    @Option(names = "--warehouse", paramLabel = "DIR", description = "Sets the DAGs' 'warehouse' param.")
    Path warehouse;

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "Sets any other DAG param.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--parallelism", defaultValue = "2",
            description = "Task attempts running at once (default ${DEFAULT-VALUE}).")
    int parallelism;

    DagBag dagBag() {
        try {
            return DagBag.load(dags);
        } catch (DagFileException e) {
            throw new UserError(e.getMessage(), "fix the DAG file; see docs/scheduling.md for the format");
        }
    }

    Map<String, String> overrides() {
        Map<String, String> overrides = new LinkedHashMap<>(params);
        if (landing != null) {
            overrides.put("landing", landing.toAbsolutePath().normalize().toString());
        }
        if (warehouse != null) {
            overrides.put("warehouse", warehouse.toAbsolutePath().normalize().toString());
        }
        return overrides;
    }

    RunStore store() {
        return new RunStore(state);
    }

    DagRunEngine engine(DagBag bag) {
        RunStore store = store();
        return new DagRunEngine(bag, store, new ProcessTaskLauncher(store.root().resolve("bin")), Clock.systemUTC(),
                overrides(), parallelism);
    }

    static UserError unknownDag(UnknownDagException e, DagBag bag) {
        return new UserError("no DAG '" + e.dagId() + "' in " + bag.source(), "list them with: nyckeltal dags list");
    }

    /** The scheduler's own lines (runs started, tasks finished, alerts) on stderr. */
    static void logRuns() {
        LogLevels.info("se.nyckeltal.jobs.schedule");
    }
}

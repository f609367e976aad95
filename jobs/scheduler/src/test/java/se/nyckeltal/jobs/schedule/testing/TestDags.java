package se.nyckeltal.jobs.schedule.testing;

import java.nio.file.Path;
import se.nyckeltal.jobs.schedule.dag.DagDefinition;
import se.nyckeltal.jobs.schedule.dag.DagFileParser;

/** DAG files written in the tests, as an operator would write them. */
public final class TestDags {
    private TestDags() {}

    public static DagDefinition parse(String yaml) {
        return DagFileParser.parse(yaml, Path.of("test.yaml"));
    }

    /** A daily DAG with tasks given as YAML list items (indented by two spaces). */
    public static DagDefinition daily(String schedule, String extra, String tasks) {
        return parse("""
                dag_id: test
                schedule: "%s"
                timezone: Europe/Stockholm
                start_date: 2025-01-01
                %s
                tasks:
                %s
                """.formatted(schedule, extra, tasks));
    }
}

package se.nyckeltal.jobs.schedule.dag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import se.nyckeltal.jobs.schedule.testing.TestDags;

class DagFileParserTest {
    private static final String TASK = "bash_command: \"echo {{ ds }}\"";

    private static DagFileException error(String yaml) {
        try {
            DagFileParser.parse(yaml, Path.of("bad.yaml"));
        } catch (DagFileException e) {
            return e;
        }
        throw new AssertionError("expected a DagFileException");
    }

    @Test
    void theShippedNightlyDagRunsAt0430StockholmOutsideTheDstHours() {
        DagDefinition nightly = DagBag.shipped().get("nightly").orElseThrow();
        assertThat(nightly.timezone()).isEqualTo(ZoneId.of("Europe/Stockholm"));
        assertThat(nightly.timetable().expression()).isEqualTo("30 4 * * *");
        assertThat(nightly.tasks()).extracting(TaskDefinition::taskId).containsExactly("ingest_ledger",
                "ingest_production", "ingest_hr", "load_and_publish", "verify_published", "data_quality_checks");
        assertThat(nightly.task("load_and_publish").orElseThrow().upstream())
                .containsExactly("ingest_ledger", "ingest_production", "ingest_hr");
        assertThat(nightly.task("load_and_publish").orElseThrow().triggerRule()).isEqualTo(TriggerRule.NONE_FAILED);
        assertThat(nightly.deadline().timeOfDay()).isEqualTo(LocalTime.of(6, 0));
        assertThat(nightly.task("ingest_ledger").orElseThrow().retry())
                .isEqualTo(new RetryPolicy(2, Duration.ofMinutes(5), true, Duration.ofMinutes(30)));
        assertThat(nightly.task("data_quality_checks").orElseThrow().retry().retries()).isZero();
        // the two checks of the published catalogue need nothing of each other: both run after the load
        assertThat(nightly.task("data_quality_checks").orElseThrow().upstream()).containsExactly("load_and_publish");
        assertThat(nightly.leaves()).extracting(TaskDefinition::taskId)
                .containsExactly("verify_published", "data_quality_checks");
    }

    @Test
    void priorityWeightsFollowAirflowsWeightRules() {
        DagDefinition dag = TestDags.parse("""
                dag_id: w
                schedule: null
                start_date: 2025-01-01
                default_args: {priority_weight: 2}
                tasks:
                  - {task_id: a, %s}
                  - {task_id: b, upstream: [a], priority_weight: 3, %s}
                  - {task_id: c, upstream: [b], %s}
                  - {task_id: up, upstream: [b], weight_rule: upstream, %s}
                  - {task_id: abs, upstream: [a], priority_weight: 7, weight_rule: absolute, %s}
                """.formatted(TASK, TASK, TASK, TASK, TASK));
        assertThat(dag.task("a").orElseThrow().priorityWeight()).isEqualTo(2); // from default_args
        assertThat(dag.task("a").orElseThrow().weightRule()).isEqualTo(WeightRule.DOWNSTREAM);
        // downstream (the default): itself + every task after it: a 2 + b 3 + c 2 + up 2 + abs 7
        assertThat(dag.priorityWeightTotal("a")).isEqualTo(16);
        assertThat(dag.priorityWeightTotal("b")).isEqualTo(7); // 3 + c 2 + up 2
        assertThat(dag.priorityWeightTotal("c")).isEqualTo(2);
        assertThat(dag.priorityWeightTotal("up")).isEqualTo(7); // 2 + b 3 + a 2
        assertThat(dag.priorityWeightTotal("abs")).isEqualTo(7);
        assertThat(TestDags.parse("dag_id: d\nschedule: null\nstart_date: 2025-01-01\ntasks:\n  - {task_id: a, "
                + TASK + "}\n").task("a").orElseThrow().priorityWeight()).as("Airflow's default").isEqualTo(1);
    }

    @Test
    void aBadPriorityWeightOrWeightRuleSaysWhereAndWhatIsAllowed() {
        assertThat(error("""
                dag_id: x
                schedule: null
                start_date: 2025-01-01
                tasks:
                  - {task_id: a, priority_weight: high, %s}
                """.formatted(TASK))).hasMessage("bad.yaml: tasks[0] (a).priority_weight: 'high' is not a whole number");
        assertThat(error("""
                dag_id: x
                schedule: null
                start_date: 2025-01-01
                default_args: {weight_rule: longest}
                tasks:
                  - {task_id: a, %s}
                """.formatted(TASK))).hasMessage("bad.yaml: default_args.weight_rule: 'longest' is not a weight rule"
                        + " (known: downstream, upstream, absolute)");
    }

    @Test
    void aCycleIsNamedInTheDirectionWorkFlows() {
        DagFileException e = error("""
                dag_id: loop
                schedule: null
                start_date: 2025-01-01
                tasks:
                  - {task_id: a, %1$s}
                  - {task_id: b, upstream: [a, d], %1$s}
                  - {task_id: c, upstream: [b], %1$s}
                  - {task_id: d, upstream: [c], %1$s}
                """.formatted(TASK));
        assertThat(e.file()).isEqualTo("bad.yaml");
        assertThat(e.field()).isEqualTo("tasks");
        assertThat(e.getMessage()).isEqualTo("bad.yaml: tasks: cycle: b -> c -> d -> b");
    }

    @Test
    void anUnknownUpstreamTaskIsNamedWithTheTasksThatExist() {
        assertThat(error("""
                dag_id: x
                schedule: null
                start_date: 2025-01-01
                tasks:
                  - {task_id: a, %1$s}
                  - {task_id: b, upstream: [ingest], %1$s}
                """.formatted(TASK)).getMessage())
                .isEqualTo("bad.yaml: tasks[1] (b).upstream: unknown task 'ingest' (tasks: a, b)");
    }

    @Test
    void aBadCronSaysWhichFieldIsWrong() {
        DagFileException e = error("""
                dag_id: x
                schedule: "30 25 * * *"
                start_date: 2025-01-01
                tasks: [{task_id: a, %s}]
                """.formatted(TASK));
        assertThat(e.field()).isEqualTo("schedule");
        assertThat(e.problem()).isEqualTo("bad cron: hour field: 25 in '25' is outside 0–23");
        assertThat(error("""
                dag_id: x
                schedule: "30 4 * *"
                start_date: 2025-01-01
                tasks: [{task_id: a, %s}]
                """.formatted(TASK)).problem()).startsWith("bad cron: '30 4 * *' has 4 field(s)");
    }

    @Test
    void duplicateTaskIdsAreRefused() {
        assertThat(error("""
                dag_id: x
                schedule: "@daily"
                start_date: 2025-01-01
                tasks:
                  - {task_id: a, %1$s}
                  - {task_id: a, %1$s}
                """.formatted(TASK)).getMessage()).isEqualTo("bad.yaml: tasks[1] (a).task_id: duplicate task id 'a'");
    }

    @Test
    void aMisspeltFieldIsRefusedNotIgnored() {
        assertThat(error("""
                dag_id: x
                schedule: "@daily"
                start_date: 2025-01-01
                default_args: {retires: 3}
                tasks: [{task_id: a, %s}]
                """.formatted(TASK)).field()).isEqualTo("default_args.retires");
    }

    @Test
    void anUnquotedPresetGetsAHint() {
        assertThat(error("""
                dag_id: x
                schedule: @daily
                start_date: 2025-01-01
                tasks: [{task_id: a, %s}]
                """.formatted(TASK)).getMessage()).contains("not valid YAML").contains("schedule: \"@daily\"");
    }

    @Test
    void anUnknownTemplateVariableOrParamIsRefused() {
        assertThat(error("""
                dag_id: x
                schedule: "@daily"
                start_date: 2025-01-01
                tasks: [{task_id: a, bash_command: "echo {{ execution_date }}"}]
                """).field()).isEqualTo("tasks[0] (a).bash_command");
        assertThat(error("""
                dag_id: x
                schedule: "@daily"
                start_date: 2025-01-01
                tasks: [{task_id: a, bash_command: "echo {{ params.landing }}"}]
                """).problem()).contains("no param 'landing'");
    }

    @Test
    void presetsDurationsAndTaskOverridesOfDefaultArgs() {
        DagDefinition dag = TestDags.parse("""
                dag_id: x
                schedule: "@monthly"
                start_date: 2025-01-01T04:30
                dagrun_timeout: PT3H
                default_args: {retries: 3, retry_delay: 300s, execution_timeout: 1h30m}
                tasks:
                  - {task_id: a, %s, retries: 1, retry_delay: 1m}
                """.formatted(TASK));
        assertThat(dag.timetable().expression()).isEqualTo("0 0 1 * *");
        assertThat(dag.dagrunTimeout()).isEqualTo(Duration.ofHours(3));
        assertThat(dag.task("a").orElseThrow().retry().retries()).isEqualTo(1);
        assertThat(dag.task("a").orElseThrow().retry().retryDelay()).isEqualTo(Duration.ofMinutes(1));
        assertThat(dag.task("a").orElseThrow().executionTimeout()).isEqualTo(Duration.ofMinutes(90));
        assertThat(dag.startDate()).isEqualTo("2025-01-01T03:30:00Z");
        assertThat(dag.catchup()).isTrue(); // Airflow's default
    }

    @Test
    void aFolderWithABrokenFileStillLoadsTheOthers(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("good.yaml"), DagBag.shippedText("nightly.yaml"));
        java.nio.file.Files.writeString(dir.resolve("broken.yml"), "dag_id: broken\n");
        DagBag bag = DagBag.folder(dir);
        assertThat(bag.get("nightly")).isPresent();
        assertThat(bag.importErrors()).singleElement().extracting(DagFileException::getMessage)
                .isEqualTo("broken.yml: schedule: missing; give a cron ('30 4 * * *'), a preset (@daily, @once, …)"
                        + " or null for manual runs only");
    }
}

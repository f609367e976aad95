package se.nyckeltal.jobs.schedule.testing;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import se.nyckeltal.jobs.schedule.run.TaskLauncher;

/**
 * Launches nothing: each task's attempts end with the exit codes the test scripted (0 when none is
 * left), or hang until the test releases or the engine kills them.
 */
public final class FakeLauncher implements TaskLauncher {
    /** A scripted attempt that never ends by itself. */
    public static final int HANG = Integer.MIN_VALUE;

    private final Map<String, Deque<Integer>> scripts = new HashMap<>();
    private final List<Launch> launches = new ArrayList<>();
    private final List<FakeAttempt> attempts = new ArrayList<>();
    private final AtomicLong pids = new AtomicLong(100_000);

    public FakeLauncher script(String taskId, Integer... exitCodes) {
        scripts.computeIfAbsent(taskId, k -> new ArrayDeque<>()).addAll(List.of(exitCodes));
        return this;
    }

    @Override
    public Attempt launch(Launch launch) {
        launches.add(launch);
        Deque<Integer> script = scripts.get(launch.taskId());
        int exit = script == null || script.isEmpty() ? 0 : script.poll();
        FakeAttempt attempt = new FakeAttempt(launch, pids.incrementAndGet(), exit == HANG ? null : exit);
        attempts.add(attempt);
        return attempt;
    }

    public List<Launch> launches() {
        return launches;
    }

    public List<String> launchedTasks() {
        return launches.stream().map(Launch::taskId).toList();
    }

    /** Ends a hanging attempt of the task with this exit code. */
    public void release(String taskId, int exit) {
        attempts.stream().filter(a -> a.launch.taskId().equals(taskId) && a.exit == null).forEach(a -> a.exit = exit);
    }

    public long killed() {
        return attempts.stream().filter(a -> a.killed).count();
    }

    private static final class FakeAttempt implements Attempt {
        private final Launch launch;
        private final long pid;
        private Integer exit;
        private boolean killed;

        FakeAttempt(Launch launch, long pid, Integer exit) {
            this.launch = launch;
            this.pid = pid;
            this.exit = exit;
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public Instant processStart() {
            return null;
        }

        @Override
        public OptionalInt exitCode() {
            return exit == null ? OptionalInt.empty() : OptionalInt.of(exit);
        }

        @Override
        public void kill() {
            killed = true;
            exit = -9;
        }
    }
}

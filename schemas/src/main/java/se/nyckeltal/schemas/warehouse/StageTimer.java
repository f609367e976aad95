package se.nyckeltal.schemas.warehouse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Wall time of each stage of a load or a catalogue build, in the order the stages ran — for the load
 * record's {@code stage_millis}, the benchmark that reads it, and the log line that names a slow
 * step. A stage lapped twice adds up.
 */
public final class StageTimer {
    private final LongSupplier nanoTime;
    private final long started;
    private final Map<String, Long> millis = new LinkedHashMap<>();
    private long last;

    public StageTimer() {
        this(System::nanoTime);
    }

    /** @param nanoTime a monotonic clock in nanoseconds (tests pass their own) */
    public StageTimer(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.started = nanoTime.getAsLong();
        this.last = started;
    }

    /** Ends the stage that ran since the previous lap (or since the timer started). */
    public void lap(String stage) {
        long now = nanoTime.getAsLong();
        millis.merge(stage, (now - last) / 1_000_000, Long::sum);
        last = now;
    }

    /** Milliseconds per stage so far, in the order the stages first ran. */
    public Map<String, Long> millis() {
        return new LinkedHashMap<>(millis);
    }

    public long totalMillis() {
        return (nanoTime.getAsLong() - started) / 1_000_000;
    }

    /** The stages that took at least {@code atLeastMillis}, slowest first, for a log line. */
    public String slowest(long atLeastMillis) {
        List<String> slow = new ArrayList<>();
        millis.entrySet().stream()
                .filter(e -> e.getValue() >= atLeastMillis)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> slow.add(e.getKey() + " " + e.getValue() + " ms"));
        return slow.isEmpty() ? "none over " + atLeastMillis + " ms" : String.join(", ", slow);
    }
}

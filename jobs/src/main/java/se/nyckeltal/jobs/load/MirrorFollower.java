package se.nyckeltal.jobs.load;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a gateway's local mirror in step with a warehouse on a Hadoop store: every interval it brings
 * the mirror to the store's published snapshot ({@link WarehouseMirror#follow}); the gateway, serving
 * the mirror folder as a local warehouse, picks the new snapshot up as it picks up any publish. A store
 * that cannot be reached leaves the mirror serving what it has; the next round tries again.
 */
public final class MirrorFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MirrorFollower.class);

    private final ScheduledExecutorService rounds;

    private MirrorFollower(ScheduledExecutorService rounds) {
        this.rounds = rounds;
    }

    /** Follows from now on; the caller has brought the mirror in step once already (see {@link WarehouseMirror#follow}). */
    public static MirrorFollower start(WarehouseMirror mirror, Duration interval) {
        requireNonNull(mirror, "mirror");
        ScheduledExecutorService rounds = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "warehouse-mirror");
            thread.setDaemon(true);
            return thread;
        });
        rounds.scheduleWithFixedDelay(() -> {
            try {
                mirror.follow();
            } catch (RuntimeException e) {
                LOG.warn("cannot bring the local mirror {} in step with the warehouse: {}; serving what it has",
                        mirror.local().root(), e.getMessage());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return new MirrorFollower(rounds);
    }

    @Override
    public void close() {
        rounds.shutdownNow();
    }
}

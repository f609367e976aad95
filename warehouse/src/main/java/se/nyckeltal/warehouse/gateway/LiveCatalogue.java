package se.nyckeltal.warehouse.gateway;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.nyckeltal.schemas.files.FileTree;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.schemas.warehouse.WarehouseStore;

/**
 * The published catalogue as the gateway serves it: polls {@code W/current} and, when a new
 * snapshot is published, opens it and makes it the one new statements use. The previous one is
 * retired: statements still running on it finish there, and it closes when the last session lets go.
 * If the new catalogue cannot be opened the old one stays live and the next poll tries again.
 */
public final class LiveCatalogue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveCatalogue.class);

    private final WarehouseLayout layout;
    private final WarehouseStore store;
    private final GatewayConfig config;
    private final Path tempDirectory;
    private final boolean ownTempDirectory;
    private final ScheduledExecutorService poller;
    private volatile SnapshotDatabase current;

    private LiveCatalogue(WarehouseLayout layout, GatewayConfig config, Path tempDirectory, boolean ownTempDirectory) {
        this.layout = layout;
        this.store = new WarehouseStore(layout);
        this.config = config;
        this.tempDirectory = tempDirectory;
        this.ownTempDirectory = ownTempDirectory;
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gateway-catalogue-poll");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Opens the published catalogue and starts watching for new ones.
     *
     * @throws IllegalStateException when nothing has been published yet
     */
    public static LiveCatalogue open(WarehouseLayout layout, GatewayConfig config) throws SQLException {
        requireNonNull(layout, "layout");
        requireNonNull(config, "config");
        String snapshotId = new WarehouseStore(layout).currentSnapshotId().orElseThrow(() -> new IllegalStateException(
                "no catalogue published in " + layout.root() + " yet; run 'nyckeltal load --landing DIR --warehouse "
                        + layout.root() + "' first"));
        Path temp;
        boolean own = config.tempDirectory() == null;
        try {
            temp = own ? Files.createTempDirectory("nyckeltal-gateway-") : Files.createDirectories(config.tempDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the gateway's temp folder", e);
        }
        if (temp.toAbsolutePath().normalize().startsWith(layout.root())) {
            throw new IllegalArgumentException("duckdb.temp_directory " + temp + " is inside the warehouse "
                    + layout.root() + "; the gateway never writes there");
        }
        LiveCatalogue live = new LiveCatalogue(layout, config, temp, own);
        live.current = SnapshotDatabase.open(layout, snapshotId, config, temp);
        long interval = config.pollInterval().toMillis();
        live.poller.scheduleWithFixedDelay(live::poll, interval, interval, TimeUnit.MILLISECONDS);
        LOG.info("serving snapshot {} of {}", snapshotId, layout.root());
        return live;
    }

    /** A lease on the live snapshot. */
    public SnapshotDatabase.Lease acquire() {
        while (true) {
            SnapshotDatabase database = current;
            try {
                return database.acquire();
            } catch (IllegalStateException closedMeanwhile) {
                if (database == current) {
                    throw closedMeanwhile;
                }
            }
        }
    }

    public SnapshotDatabase current() {
        return current;
    }

    /** Checks the current pointer once; public so tests need not wait for the timer. */
    public synchronized void poll() {
        Optional<String> published;
        try {
            published = store.currentSnapshotId();
        } catch (UncheckedIOException e) {
            LOG.warn("cannot read {}: {}", layout.currentPointer(), e.getMessage());
            return;
        }
        if (published.isEmpty() || published.get().equals(current.snapshotId()) || poller.isShutdown()) {
            return;
        }
        try {
            SnapshotDatabase next = SnapshotDatabase.open(layout, published.get(), config, tempDirectory);
            SnapshotDatabase previous = current;
            current = next;
            previous.retire();
            LOG.info("now serving snapshot {} (was {})", next.snapshotId(), previous.snapshotId());
        } catch (SQLException | RuntimeException e) {
            LOG.warn("cannot open the catalogue of snapshot {}, still serving {}: {}", published.get(),
                    current.snapshotId(), e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        poller.shutdownNow();
        current.retire();
        if (ownTempDirectory) {
            try {
                FileTree.delete(tempDirectory);
            } catch (UncheckedIOException e) {
                LOG.warn("cannot remove {}: {}", tempDirectory, e.toString());
            }
        }
    }
}

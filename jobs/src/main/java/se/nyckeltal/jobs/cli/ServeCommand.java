package se.nyckeltal.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import se.nyckeltal.etl.storage.StorePaths;
import se.nyckeltal.jobs.load.MirrorFollower;
import se.nyckeltal.jobs.load.WarehouseMirror;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.warehouse.gateway.GatewayConfig;
import se.nyckeltal.warehouse.gateway.GatewayServer;
import se.nyckeltal.warehouse.gateway.PowerBiDataSource;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the published catalogue read-only over the PostgreSQL protocol, for psql, DBeaver, JDBC,"
                + " ODBC and Power BI. Users sign in with SCRAM-SHA-256 (add them with 'nyckeltal users add');"
                + " a newly published catalogue is picked up without a restart.",
                "With --write-pbids, writes a Power BI data source file for the gateway at --host and exits."})
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--warehouse", converter = OptionConverters.Location.class, description = "Warehouse folder whose"
            + " published catalogue to serve: a path, or a URI (hdfs://, s3a://, abfs://) served from --local-mirror.")
    Path warehouse;

    @Option(names = "--local-mirror", paramLabel = "DIR", description = "For a warehouse on hdfs://, s3a:// or abfs://:"
            + " the local folder this gateway keeps a copy of the published catalogue and fact files in (DuckDB reads"
            + " local files only). One folder per gateway. Default: nyckeltal-mirror/<warehouse URI> in the temp folder.")
    Path localMirror;

    @Option(names = "--mirror-interval", paramLabel = "DURATION", defaultValue = "30s",
            converter = OptionConverters.Span.class, description = "How often the local mirror checks the warehouse"
                    + " for a new publish (default ${DEFAULT-VALUE}).")
    Duration mirrorInterval;

    @Option(names = "--config", description = "Gateway config file (properties; see docs/gateway.md).")
    Path config;

    @Option(names = "--users", description = "Users file (overrides 'users' in --config).")
    Path users;

    @Option(names = "--host", description = "Address to listen on (default 127.0.0.1, or 'host' in --config;"
            + " 0.0.0.0 for every interface). With --write-pbids: the host name clients connect to.")
    String host;

    @Option(names = "--port", description = "TCP port (default " + GatewayConfig.DEFAULT_PORT + ", or 'port' in --config).")
    Integer port;

    @Option(names = "--insecure-local", description = "Demo only: no passwords, loopback clients only (listens on"
            + " 127.0.0.1).")
    boolean insecureLocal;

    @Option(names = "--write-pbids", paramLabel = "FILE", description = "Write a Power BI .pbids file for --host and"
            + " --port, then exit.")
    Path pbids;

    @Option(names = "--pbids-mode", defaultValue = "import", description = "import or directquery (default ${DEFAULT-VALUE}).")
    String pbidsMode;

    @Option(names = "--serve-newest-intact", description = "When the published snapshot is broken (its catalogue"
            + " missing or unreadable, a fact file not the one recorded), serve the newest intact snapshot until a"
            + " load publishes a new one, instead of refusing to start.")
    boolean newestIntact;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        GatewayConfig settings;
        try {
            settings = config == null ? GatewayConfig.defaults() : GatewayConfig.load(config);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), "see docs/gateway.md for the settings");
        }
        int listenPort = port != null ? port : settings.port();
        if (pbids != null) {
            if (host == null) {
                throw new UserError("--write-pbids needs --host: the name Power BI users connect to",
                        "e.g. nyckeltal serve --write-pbids nyckeltal.pbids --host kpi.region.se --port " + listenPort);
            }
            try {
                PowerBiDataSource.write(pbids, host, listenPort, pbidsMode);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage(), "--pbids-mode import or --pbids-mode directquery");
            }
            out.printf("Wrote %s: PostgreSQL %s:%d, database nyckeltal, %s mode. Open it in Power BI Desktop.%n", pbids,
                    host, listenPort, PowerBiDataSource.mode(pbidsMode));
            out.flush();
            return 0;
        }
        if (warehouse == null) {
            throw new UserError("--warehouse is required", "nyckeltal serve --warehouse DIR --users FILE");
        }
        settings = settings.withListen(host != null ? host : settings.host(), listenPort);
        if (users != null) {
            settings = settings.withUsersFile(users);
        }
        if (insecureLocal) {
            settings = settings.withInsecureLocal();
        }
        WarehouseLayout served = new WarehouseLayout(warehouse);
        MirrorFollower follower = null;
        if (StorePaths.remote(warehouse)) {
            WarehouseMirror mirror = new WarehouseMirror(served, new WarehouseLayout(
                    localMirror != null ? localMirror : WarehouseMirror.defaultFolder(warehouse)));
            Optional<String> published;
            try {
                StorePaths.requireReachable(warehouse, "warehouse");
                published = mirror.follow();
            } catch (RuntimeException e) {
                throw new UserError(e.getMessage(), "check --warehouse, and that --local-mirror is a writable local"
                        + " folder");
            }
            if (published.isEmpty()) {
                throw new UserError("no catalogue published in " + warehouse + " yet",
                        "publish a catalogue first: nyckeltal load --landing DIR --warehouse " + warehouse);
            }
            served = mirror.local();
            follower = MirrorFollower.start(mirror, mirrorInterval);
        }
        GatewayServer server;
        try {
            server = GatewayServer.start(served, settings, newestIntact);
        } catch (IllegalStateException e) {
            if (e.getMessage().contains(" is broken")) {
                throw new UserError(e.getMessage(), "nyckeltal load --landing DIR --warehouse " + warehouse
                        + " rebuilds it; serve --serve-newest-intact serves the newest intact snapshot meanwhile");
            }
            throw new UserError(e.getMessage(), e.getMessage().contains("users")
                    ? "nyckeltal users add --users gateway-users.conf NAME, then serve --users gateway-users.conf"
                    : "publish a catalogue first: nyckeltal load --landing DIR --warehouse " + warehouse);
        } catch (java.io.IOException e) {
            throw new UserError(e.getMessage(), "choose another --port, or stop what is listening there");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        MirrorFollower following = follower;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (following != null) {
                following.close();
            }
            server.close();
            stopped.countDown();
        }, "gateway-shutdown"));
        out.printf("nyckeltal gateway: serving snapshot %s of %s on %s:%d (%s, %s)%n",
                server.catalogue().current().snapshotId(), new WarehouseLayout(warehouse).root()
                        + (follower != null ? " (local mirror " + served.root() + ")" : ""), settings.host(),
                server.port(), settings.tlsCertificate() == null ? "no TLS" : "TLS",
                settings.insecureLocal() ? "INSECURE: no passwords, loopback only" : "SCRAM-SHA-256 passwords");
        out.printf("  psql \"host=%s port=%d dbname=nyckeltal user=%s\"%n",
                settings.host().equals("0.0.0.0") ? "localhost" : settings.host(), server.port(),
                settings.insecureLocal() ? "demo" : "NAME");
        out.println("Stop with Ctrl-C.");
        out.flush();
        stopped.await();
        return 0;
    }
}

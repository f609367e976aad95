package se.nyckeltal.jobs.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.sql.SparkSession;
import se.nyckeltal.etl.extract.IngestResult;
import se.nyckeltal.etl.extract.IngestSettings;
import se.nyckeltal.etl.extract.LandingFile;
import se.nyckeltal.etl.ledger.LedgerIngest;
import se.nyckeltal.etl.spark.SparkSessions;
import se.nyckeltal.etl.testing.Landing;
import se.nyckeltal.schemas.files.FileTree;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;

/**
 * Times the Spark ledger ingest (etl's LedgerIngest, as the load job runs it) against the DuckDB
 * baseline on the same ledger CSVs, alternately, and shows where the Spark path spends its time: each
 * Spark job with its stages (wall, task run and CPU time, shuffle, spill) and the driver's time
 * between them. Not a test: run it with the jobs test class path, e.g.
 *
 * <pre>
 * java $SPARK_JVM_FLAGS -Xmx4g -cp jobs/target/test-classes:jobs/target/classes:… \
 *     se.nyckeltal.jobs.bench.LedgerIngestTimings /tmp/bl-s/landing/ledger /tmp/bl-work 3 [spark-only]
 * </pre>
 *
 * Spark settings can be tried without code changes as system properties ({@code -Dspark.sql…}):
 * SparkSessions keeps what is set there.
 *
 * Process CPU time is printed next to wall time: on a shared machine wall time says little alone.
 */
public final class LedgerIngestTimings {
    private LedgerIngestTimings() {}

    public static void main(String[] args) throws Exception {
        Path ledger = Path.of(args[0]);
        Path work = Path.of(args[1]);
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        boolean sparkOnly = args.length > 3 && args[3].equals("spark-only");
        List<Path> files;
        try (Stream<Path> listing = Files.list(ledger)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
        long bytes = 0;
        List<LandingFile> landing = new ArrayList<>();
        for (Path file : files) {
            byte[] content = Files.readAllBytes(file);
            bytes += content.length;
            landing.add(new LandingFile(file.toAbsolutePath(), "ledger/" + file.getFileName(), Landing.sha256(content)));
        }
        System.out.printf(Locale.ROOT, "%d files, %.1f MB, %d cores, max heap %d MiB%n", files.size(), bytes / 1e6,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

        Clock clock = new Clock();
        SparkSession spark = SparkSessions.getOrCreate("ledger-timings");
        System.out.printf(Locale.ROOT, "spark session start: %s%n", clock.lap());
        JobLog jobs = new JobLog();
        spark.sparkContext().addSparkListener(jobs);
        DuckDbLedgerBaseline baseline = DuckDbLedgerBaseline.matchingLocalSpark();

        for (int run = 1; run <= runs; run++) {
            Path out = work.resolve("run-" + run);
            FileTree.delete(out);

            if (!sparkOnly) {
                clock.lap();
                BaselineResult duck = baseline.run(files, out.resolve("baseline"), "timings");
                System.out.printf(Locale.ROOT, "%nrun %d  duckdb baseline  %s  rows read %d, quarantined %d, facts %d,"
                        + " published %s%n", run, clock.lap(), duck.rowsRead(), duck.rowsQuarantined(), duck.factRows(),
                        duck.published());
                duck.phases().forEach((phase, time) -> System.out.printf(Locale.ROOT,
                        "    %-15s wall %7d ms, cpu %7d ms%n", phase, time.toMillis(),
                        duck.phasesCpu().get(phase).toMillis()));
            }

            jobs.clear();
            clock.lap();
            long start = System.currentTimeMillis();
            IngestResult result = new LedgerIngest(spark, IngestSettings.defaults())
                    .ingest(landing, new WarehouseLayout(out.resolve("spark")), "timings");
            long end = System.currentTimeMillis();
            String sparkTime = clock.lap();
            long rowsRead = result.outcomes().stream().mapToLong(o -> o.rowsRead()).sum();
            long quarantined = result.outcomes().stream().mapToLong(o -> o.rowsQuarantined()).sum();
            long factRows = result.partitions().stream().mapToLong(p -> p.rows()).sum();
            System.out.printf(Locale.ROOT, "run %d  spark ingest     %s  rows read %d, quarantined %d, facts %d,"
                    + " published %s%n", run, sparkTime, rowsRead, quarantined, factRows, !result.anyRejected());
            jobs.print(start, end);
            FileTree.delete(out);
        }
        spark.stop();
    }

    /** Wall and process CPU time since the last lap. */
    private static final class Clock {
        private long wall = System.nanoTime();
        private long cpu = cpu();

        String lap() {
            long nowWall = System.nanoTime();
            long nowCpu = cpu();
            String lap = String.format(Locale.ROOT, "wall %6d ms, cpu %6d ms", (nowWall - wall) / 1_000_000,
                    (nowCpu - cpu) / 1_000_000);
            wall = nowWall;
            cpu = nowCpu;
            return lap;
        }

        private static long cpu() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }
    }

    /** Spark jobs and stages of one ingest, as the scheduler reports them. */
    private static final class JobLog extends SparkListener {
        private record Job(int id, String callSite, long start, List<Integer> stages) {}

        private record Stage(int id, String name, long submitted, long completed, int tasks, long runMs, long cpuMs,
                long gcMs, long inputBytes, long shuffleReadBytes, long shuffleWriteBytes, long spilledBytes) {}

        private final List<Job> jobs = new ArrayList<>();
        private final List<Stage> stages = new ArrayList<>();
        private final java.util.Map<Integer, Long> jobEnds = new java.util.HashMap<>();

        synchronized void clear() {
            jobs.clear();
            stages.clear();
            jobEnds.clear();
        }

        @Override
        public synchronized void onJobStart(SparkListenerJobStart start) {
            String callSite = start.properties() == null ? "?" : start.properties().getProperty("callSite.short", "?");
            List<Integer> ids = new ArrayList<>();
            scala.jdk.javaapi.CollectionConverters.asJava(start.stageIds()).forEach(id -> ids.add((Integer) id));
            jobs.add(new Job(start.jobId(), callSite, start.time(), ids));
        }

        @Override
        public synchronized void onJobEnd(SparkListenerJobEnd end) {
            jobEnds.put(end.jobId(), end.time());
        }

        @Override
        public synchronized void onStageCompleted(SparkListenerStageCompleted completed) {
            StageInfo info = completed.stageInfo();
            var metrics = info.taskMetrics();
            stages.add(new Stage(info.stageId(), info.name(), (Long) info.submissionTime().get(),
                    (Long) info.completionTime().get(), info.numTasks(), metrics.executorRunTime(),
                    metrics.executorCpuTime() / 1_000_000, metrics.jvmGCTime(), metrics.inputMetrics().bytesRead(),
                    metrics.shuffleReadMetrics().totalBytesRead(), metrics.shuffleWriteMetrics().bytesWritten(),
                    metrics.memoryBytesSpilled() + metrics.diskBytesSpilled()));
        }

        synchronized void print(long ingestStart, long ingestEnd) {
            long driverFrom = ingestStart;
            List<Job> ordered = jobs.stream().sorted(Comparator.comparingLong(Job::start)).toList();
            for (Job job : ordered) {
                long end = jobEnds.getOrDefault(job.id(), job.start());
                System.out.printf(Locale.ROOT, "    driver only       %7d ms%n", Math.max(0, job.start() - driverFrom));
                System.out.printf(Locale.ROOT, "    job %-3d %-40s %7d ms%n", job.id(), job.callSite(), end - job.start());
                for (Stage stage : stages) {
                    if (job.stages().contains(stage.id())) {
                        System.out.printf(Locale.ROOT, "        stage %-3d %-36s %6d ms  %3d tasks  run %6d ms  cpu %6d ms"
                                        + "  gc %5d ms  in %s  shuffle r/w %s/%s  spill %s%n",
                                stage.id(), stage.name(), stage.completed() - stage.submitted(), stage.tasks(),
                                stage.runMs(), stage.cpuMs(), stage.gcMs(), mb(stage.inputBytes()),
                                mb(stage.shuffleReadBytes()), mb(stage.shuffleWriteBytes()), mb(stage.spilledBytes()));
                    }
                }
                driverFrom = Math.max(driverFrom, end);
            }
            System.out.printf(Locale.ROOT, "    driver only       %7d ms%n", Math.max(0, ingestEnd - driverFrom));
        }

        private static String mb(long bytes) {
            return String.format(Locale.ROOT, "%.1fMB", bytes / 1e6);
        }
    }
}

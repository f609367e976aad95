package se.nyckeltal.etl.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.etl.extract.IngestResult;
import se.nyckeltal.etl.extract.IngestSettings;
import se.nyckeltal.etl.extract.LandingFile;
import se.nyckeltal.etl.testing.Landing;
import se.nyckeltal.etl.testing.SharedSpark;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;

/** How the ingest uses Spark: few jobs per load, and physical line numbers when files share a task. */
@ExtendWith(SharedSpark.class)
class LedgerIngestSparkJobsTest {
    private final SparkSession spark;

    LedgerIngestSparkJobsTest(SparkSession spark) {
        this.spark = spark;
    }

    @Test
    void moreFilesInALoadCostNoMoreSparkJobs(@TempDir Path dir) throws Exception {
        int oneFile = jobsToIngest(dir.resolve("one"), 1);
        int sixFiles = jobsToIngest(dir.resolve("six"), 6);

        // Per load, not per file: tally and facts 1 (no shuffle: each file's facts are made and written in
        // the task that counts it), quarantine 1; the read-back of the staged facts reads their Parquet
        // files on the driver, no job.
        assertThat(sixFiles).isEqualTo(oneFile).isEqualTo(2);
    }

    @Test
    void lineNumbersStayPhysicalWhenTheFilesShareATask(@TempDir Path dir) {
        Landing landing = new Landing(dir.resolve("landing"));
        StringBuilder text = new StringBuilder("period;cost_center;account;amount\n");
        for (int n = 1; n <= 400; n++) {
            // Line n + 1; every 100th row has a bad amount. CRLF and a lone CR end lines too.
            text.append("202403;1100;").append(4000 + n).append(';').append(n % 100 == 0 ? "x" : "1,00")
                    .append(n % 7 == 0 ? "\r\n" : n % 11 == 0 ? "\r" : "\n");
        }
        List<LandingFile> files = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            files.add(landing.write("ledger/a" + i + ".csv", text.toString().replace("202403", "20240" + (i + 1))));
        }
        WarehouseLayout layout = new WarehouseLayout(dir.resolve("warehouse"));

        IngestResult result = new LedgerIngest(spark, new IngestSettings(new java.math.BigDecimal("0.01")))
                .ingest(files, layout, "load-split");

        // 4 of 400 = 1 %: loads. The bad rows are n = 100, 200, 300, 400, on lines 101, 201, 301, 401.
        assertThat(result.outcomes()).allSatisfy(outcome -> assertThat(outcome.rowsLoaded()).isEqualTo(396));
        assertThat(spark.read().parquet(layout.quarantineDir("load-split").toString())
                .filter("source_file = 'ledger/a5.csv'").orderBy("line_number").collectAsList())
                .extracting(r -> r.getLong(r.fieldIndex("line_number")))
                .containsExactly(101L, 201L, 301L, 401L);
    }

    private int jobsToIngest(Path dir, int files) throws Exception {
        Landing landing = new Landing(dir.resolve("landing"));
        List<LandingFile> inputs = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            // One bad row in each, so the quarantine is written too (threshold 50 %).
            inputs.add(landing.write("ledger/f" + i + ".csv",
                    "period;cost_center;account;amount\n20240" + (i % 9 + 1) + ";1100;4010;1,00\n202403;1100;4010;x\n"));
        }
        AtomicInteger jobs = new AtomicInteger();
        SparkListener counter = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart jobStart) {
                jobs.incrementAndGet();
            }
        };
        spark.sparkContext().addSparkListener(counter);
        try {
            IngestResult result = new LedgerIngest(spark, new IngestSettings(new java.math.BigDecimal("0.5")))
                    .ingest(inputs, new WarehouseLayout(dir.resolve("warehouse")), "load-jobs");
            assertThat(result.anyRejected()).isFalse();
            assertThat(result.partitions()).hasSize(Math.min(files, 9));
            // Listener events arrive asynchronously (waitUntilEmpty is Spark-internal, fine in a test).
            spark.sparkContext().listenerBus().waitUntilEmpty();
        } finally {
            spark.sparkContext().removeSparkListener(counter);
        }
        return jobs.get();
    }
}

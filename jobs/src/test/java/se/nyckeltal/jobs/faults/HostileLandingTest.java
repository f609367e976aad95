package se.nyckeltal.jobs.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.etl.spark.SparkSessions;
import se.nyckeltal.etl.testing.SharedSpark;
import se.nyckeltal.jobs.load.LoadFailedException;
import se.nyckeltal.jobs.load.LoadJob;
import se.nyckeltal.jobs.load.LoadProgress;
import se.nyckeltal.jobs.load.LoadSettings;
import se.nyckeltal.schemas.warehouse.FileOutcome;
import se.nyckeltal.schemas.warehouse.LoadRecord;

/**
 * Hostile and half-delivered landing files (issue 16, items 5, 6, 7 and 8): links out of the landing
 * zone, files still being written, periods that cannot have happened, absurd fields and amounts. Each
 * is refused, quarantined with its line number, left for a later load or flagged — never published
 * silently, and no message analysts can read quotes a file that is not an extract.
 */
@ExtendWith(SharedSpark.class)
class HostileLandingTest {
    /** The business date of the loads below: ACTUAL periods after 2025-04 cannot have happened. */
    private static final LocalDate BUSINESS_DATE = LocalDate.of(2025, 3, 14);

    @TempDir
    Path tmp;

    @Test
    void linksLeadingOutOfTheLandingZoneAreRefusedAndNothingOfTheirTargetIsQuoted() throws Exception {
        FaultWarehouse w = new FaultWarehouse(tmp).published();
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path secret = Files.writeString(outside.resolve("shadow"), "root:$6$secret-hash:19000:0:99999:7:::\n");
        Files.createSymbolicLink(w.landing.resolve("ledger/shadow.csv"), secret);
        Files.writeString(outside.resolve("huvudbok-2025-03.csv"), FaultWarehouse.MARCH);
        Files.createSymbolicLink(w.landing.resolve("production"), outside);
        // a link that stays inside the landing zone is an ordinary delivery
        Path archived = Files.createDirectories(w.landing.resolve("archive")).resolve("huvudbok-2025-03.csv");
        Files.writeString(archived, FaultWarehouse.MARCH);
        Files.createSymbolicLink(w.landing.resolve("ledger/huvudbok-2025-03.csv"), archived);

        LoadRecord record = load(w, settings(w));

        assertThat(record.outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        assertThat(record.files()).filteredOn(f -> f.status() == FileOutcome.Status.REFUSED_LINK)
                .extracting(FileOutcome::path).containsExactlyInAnyOrder("ledger/shadow.csv", "production/");
        assertThat(record.message()).contains("ledger/shadow.csv is a symbolic link leading outside the landing zone;"
                + " refused").contains("the folder production/ is a symbolic link leading outside the landing zone");
        assertThat(w.query("SELECT CAST(sum(amount) AS DECIMAL(18,2)) FROM fact.ledger WHERE period = 202503"))
                .containsExactly("500.00");
        assertThat(w.query("SELECT string_agg(message, ' ') FROM meta.loads")
                .toString() + w.query("SELECT string_agg(coalesce(message, ''), ' ') FROM meta.load_files"))
                .doesNotContain("secret-hash").doesNotContain("root:");
    }

    @Test
    void aReferenceFileLinkedFromOutsideFailsTheLoadWithoutReadingIt() throws Exception {
        FaultWarehouse w = new FaultWarehouse(tmp).published();
        Path outside = Files.writeString(tmp.resolve("accounts.csv"), "root:$6$secret-hash:19000:0:99999:7:::\n");
        Files.delete(w.landing.resolve("reference/accounts.csv"));
        Files.createSymbolicLink(w.landing.resolve("reference/accounts.csv"), outside);

        assertThatThrownBy(() -> load(w, settings(w))).isInstanceOf(LoadFailedException.class)
                .hasMessage("reference file(s) reference/accounts.csv are symbolic links leading outside the landing"
                        + " zone; refused");
    }

    @Test
    void aFileThatIsNoExtractIsRejectedWithoutQuotingItsContent() throws Exception {
        FaultWarehouse w = new FaultWarehouse(tmp).published();
        Files.writeString(w.landing.resolve("ledger/passwd.csv"), "root:$6$secret-hash:19000:0:99999:7:::\n"
                + "daemon:*:19000:0:99999:7:::\n");

        assertThatThrownBy(() -> load(w, settings(w))).isInstanceOf(LoadFailedException.class)
                .hasMessageContaining("ledger/passwd.csv").hasMessageContaining("the header lacks required column")
                .hasMessageNotContaining("secret-hash").hasMessageNotContaining("root:");
    }

    @Test
    void futureActualPeriodsOverlongFieldsAndOverflowingAmountsAreQuarantinedWithTheirLineNumbers()
            throws Exception {
        FaultWarehouse w = new FaultWarehouse(tmp).published();
        String fiftyThousand = "x".repeat(50_000);
        Files.writeString(w.landing.resolve("ledger/huvudbok-hostile.csv"), String.join("\n",
                "period;kst;konto;verksamhet;typ;belopp",
                "202503;U1;4010;;UTFALL;100.00",                      // line 2: loads
                "202505;U1;4010;;UTFALL;1.00",                        // line 3: ACTUAL after 2025-04
                "209901;U1;4010;;UTFALL;1.00",                        // line 4: ACTUAL 2099
                "209901;U1;4010;;BUDGET;7.00",                        // line 5: a budget may lie ahead
                "202503;U1;5510;" + fiftyThousand + ";UTFALL;2.00",   // line 6: a 50 000-character field
                "202503;U1;5510;;UTFALL;99999999999999999999.00",     // line 7: overflows DECIMAL(18,2)
                "202503;U2;4010;;UTFALL;9999999999999999.00",         // line 8: fits, but implausible
                ""), StandardCharsets.UTF_8);

        // half the file's lines are bad: a threshold that lets the file load shows each line's fate
        LoadRecord record = load(w, new LoadSettings(w.landing, w.warehouse, new java.math.BigDecimal("0.9"),
                Path.of(LoadProcess.keyFile(w.warehouse))).withBusinessDate(BUSINESS_DATE));

        assertThat(record.outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        assertThat(w.query("SELECT line_number, reason, raw_line IS NULL OR length(raw_line) <= 10100"
                + " FROM meta.quarantine WHERE source_file = 'ledger/huvudbok-hostile.csv' ORDER BY line_number"))
                .satisfiesExactly(
                        line -> assertThat(line).startsWith("3|ACTUAL period 202505 is after 202504, the month after"
                                + " the load's business date").endsWith("|true"),
                        line -> assertThat(line).startsWith("4|ACTUAL period 209901 is after 202504").endsWith("|true"),
                        line -> assertThat(line).startsWith("6|activity is 50000 characters long; no text field may"
                                + " be longer than 10000").endsWith("|true"),
                        line -> assertThat(line).startsWith("7|amount '99999999999999999999.00' is too large")
                                .endsWith("|true"));
        assertThat(w.query("SELECT scenario, period, CAST(sum(amount) AS DECIMAL(38,2)) FROM fact.ledger"
                + " WHERE source_file = 'ledger/huvudbok-hostile.csv' GROUP BY ALL ORDER BY ALL"))
                .containsExactly("ACTUAL|202503|10000000000000099.00", "BUDGET|209901|7.00");
        assertThat(w.query("SELECT max(period) FROM fact.ledger WHERE scenario = 'ACTUAL'")).containsExactly("202503");
        assertThat(w.query("SELECT check_id, subject, rows FROM meta.data_quality WHERE check_id = 'implausible_amount'"))
                .containsExactly("implausible_amount|ledger/huvudbok-hostile.csv|1");
    }

    @Test
    void filesYoungerThanTheMinimumAgeOrWithoutTheirDoneMarkerWaitForALaterLoad() throws Exception {
        FaultWarehouse w = new FaultWarehouse(tmp).published();
        try (var files = Files.walk(w.landing)) { // the fixture was delivered an hour ago
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
            }
        }
        Path march = w.landing.resolve("ledger/huvudbok-2025-03.csv");
        Files.writeString(march, FaultWarehouse.MARCH);

        LoadRecord young = load(w, settings(w).withLandingRules(Duration.ofMinutes(5), false));
        assertThat(young.outcome()).isEqualTo(LoadRecord.Outcome.NOTHING_NEW);
        assertThat(young.files()).filteredOn(f -> f.status() == FileOutcome.Status.WAITING).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("less than --min-file-age 300 s"));

        Files.setLastModifiedTime(march, FileTime.from(Instant.now().minus(Duration.ofMinutes(10))));
        LoadRecord unmarked = load(w, settings(w).withLandingRules(Duration.ofMinutes(5), true));
        assertThat(unmarked.outcome()).isEqualTo(LoadRecord.Outcome.NOTHING_NEW);
        assertThat(unmarked.message()).contains("ledger/huvudbok-2025-03.csv waits for a later load: no"
                + " huvudbok-2025-03.csv.done marker yet");

        Files.writeString(w.landing.resolve("ledger/huvudbok-2025-03.csv.done"), "");
        LoadRecord marked = load(w, settings(w).withLandingRules(Duration.ofMinutes(5), true));
        assertThat(marked.outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        assertThat(w.query("SELECT CAST(sum(amount) AS DECIMAL(18,2)) FROM fact.ledger WHERE period = 202503"))
                .containsExactly("500.00");
    }

    @Test
    void aFileThatGrowsWhileTheLoadReadsItIsNotLoadedAndWaitsForTheNextLoad() throws Exception {
        FaultWarehouse w = new FaultWarehouse(tmp).published();
        Path march = w.landing.resolve("ledger/huvudbok-2025-03.csv");
        Files.writeString(march, "period;kst;konto;belopp\n202503;U1;4010;500.00\n202503;U2;4010;-1");
        // The export writes on after the load listed (and hashed) the file: the cut-off "-1" becomes "-13".
        LoadProgress writerStillWriting = (step, done, total) -> {
            if (step.startsWith("staging facts")) {
                try {
                    Files.writeString(march, "3.00\n", java.nio.file.StandardOpenOption.APPEND);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        LoadRecord during = new LoadJob(settings(w), () -> SparkSessions.getOrCreate("test"), Clock.systemUTC(),
                writerStillWriting).run();

        assertThat(during.files()).filteredOn(f -> f.path().equals("ledger/huvudbok-2025-03.csv")).singleElement()
                .satisfies(f -> {
                    assertThat(f.status()).isEqualTo(FileOutcome.Status.WAITING);
                    assertThat(f.message()).startsWith("changed while the load read it");
                });
        assertThat(w.query("SELECT count(*) FROM fact.ledger WHERE period = 202503")).containsExactly("0");

        LoadRecord next = load(w, settings(w));
        assertThat(next.files()).filteredOn(f -> f.status() == FileOutcome.Status.LOADED).singleElement()
                .satisfies(f -> assertThat(f.sha256()).isEqualTo(sha256(march)));
        assertThat(w.query("SELECT cost_center, CAST(sum(amount) AS DECIMAL(18,2)) FROM fact.ledger"
                + " WHERE period = 202503 GROUP BY ALL ORDER BY ALL")).containsExactly("U1|500.00", "U2|-13.00");
    }

    private static LoadSettings settings(FaultWarehouse w) throws Exception {
        return w.settings().withBusinessDate(BUSINESS_DATE);
    }

    private static LoadRecord load(FaultWarehouse w, LoadSettings settings) {
        return new LoadJob(settings, () -> SparkSessions.getOrCreate("test"), Clock.systemUTC(), LoadProgress.SILENT)
                .run();
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file)));
    }
}

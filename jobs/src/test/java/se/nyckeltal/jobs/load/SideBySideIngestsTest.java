package se.nyckeltal.jobs.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.etl.extract.IngestResult;
import se.nyckeltal.etl.extract.LandingFile;
import se.nyckeltal.schemas.contract.SourceKind;

/** A small delivery's sources run side by side; the load still sees their results in source order. */
class SideBySideIngestsTest {
    @TempDir
    Path dir;

    @Test
    void resultsAreTakenInSourceOrderWhicheverEndsFirst() throws Exception {
        CountDownLatch hrDone = new CountDownLatch(1);
        IngestResult ledger = new IngestResult(List.of(), List.of());
        IngestResult hr = new IngestResult(List.of(), List.of());
        Map<SourceKind, Supplier<IngestResult>> work = new EnumMap<>(SourceKind.class);
        work.put(SourceKind.LEDGER, () -> {
            await(hrDone); // the ledger ends only after HR
            return ledger;
        });
        work.put(SourceKind.HR, () -> {
            hrDone.countDown();
            return hr;
        });
        try (SideBySideIngests ingests = new SideBySideIngests(dir.resolve("staging/load"), work)) {
            assertThat(ingests.result(SourceKind.LEDGER)).isSameAs(ledger);
            assertThat(ingests.result(SourceKind.HR)).isSameAs(hr);
            assertThat(ingests.millis()).containsOnlyKeys(SourceKind.LEDGER, SourceKind.HR);
        }
    }

    @Test
    void theStagingFolderStaysWhileSourcesRunAndGoesWhenItIsEmpty() throws Exception {
        Path staging = dir.resolve("staging/load");
        CountDownLatch release = new CountDownLatch(1);
        Map<SourceKind, Supplier<IngestResult>> work = new EnumMap<>(SourceKind.class);
        work.put(SourceKind.LEDGER, () -> {
            // A source done with staging removes the load's folder if it is empty (FactPartitionWriter.cleanUp):
            // while another source may still create its table's folder in it, it is not.
            try {
                Files.delete(staging);
            } catch (java.io.IOException expected) {
                assertThat(expected).isInstanceOf(java.nio.file.DirectoryNotEmptyException.class);
            }
            release.countDown();
            return new IngestResult(List.of(), List.of());
        });
        work.put(SourceKind.PRODUCTION, () -> {
            await(release);
            return new IngestResult(List.of(), List.of());
        });
        try (SideBySideIngests ingests = new SideBySideIngests(staging, work)) {
            ingests.result(SourceKind.LEDGER);
            assertThat(staging).isDirectory();
            ingests.result(SourceKind.PRODUCTION);
        }
        assertThat(staging).doesNotExist();
    }

    @Test
    void aFailedSourceFailsTheLoadOnlyOnceTheOthersHaveEnded() {
        AtomicBoolean hrEnded = new AtomicBoolean();
        Map<SourceKind, Supplier<IngestResult>> work = new EnumMap<>(SourceKind.class);
        work.put(SourceKind.LEDGER, () -> {
            throw new IllegalStateException("ledger broke");
        });
        work.put(SourceKind.HR, () -> {
            sleep(300);
            hrEnded.set(true);
            return new IngestResult(List.of(), List.of());
        });
        SideBySideIngests ingests = new SideBySideIngests(dir.resolve("staging/load"), work);

        assertThatThrownBy(() -> ingests.result(SourceKind.LEDGER)).hasMessage("ledger broke");
        assertThat(hrEnded).isTrue();
    }

    @Test
    void onlyASmallDeliveryOfMoreThanOneSourceGoesSideBySide() throws Exception {
        LandingFile small = file("ledger/a.csv", 1_000);
        LandingFile large = file("hr/b.csv", SideBySideIngests.MAX_BYTES);
        assertThat(SideBySideIngests.suits(Map.of(SourceKind.LEDGER, List.of(small)))).isFalse();
        assertThat(SideBySideIngests.suits(Map.of(SourceKind.LEDGER, List.of(small), SourceKind.PRODUCTION, List.of())))
                .isFalse(); // production only re-weighs its published partitions: no second source of files
        assertThat(SideBySideIngests.suits(Map.of(SourceKind.LEDGER, List.of(small), SourceKind.HR, List.of(small))))
                .isTrue();
        assertThat(SideBySideIngests.suits(Map.of(SourceKind.LEDGER, List.of(small), SourceKind.HR, List.of(large))))
                .isFalse();
    }

    private LandingFile file(String name, long bytes) throws Exception {
        Path path = dir.resolve("landing").resolve(name);
        Files.createDirectories(path.getParent());
        try (var channel = java.nio.channels.FileChannel.open(path, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(0);
            channel.position(bytes - 1).write(java.nio.ByteBuffer.wrap(new byte[1])); // sparse: no disk used
        }
        return new LandingFile(path, name, "0".repeat(64));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}

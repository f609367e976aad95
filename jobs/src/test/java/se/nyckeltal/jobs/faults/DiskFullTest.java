package se.nyckeltal.jobs.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.etl.testing.SharedSpark;
import se.nyckeltal.jobs.cli.NyckeltalCli;
import se.nyckeltal.schemas.warehouse.LoadRecord;

/**
 * A full disk during a load (issue 16, item 6), on a real one: a small tmpfs mounted for the test (it
 * needs root, or the right to mount; skipped with the reason where it cannot). The load says in one
 * line that the device is full and which file it was writing, records a FAILED load, publishes
 * nothing, and the next load with space publishes what an undisturbed load would.
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith(SharedSpark.class)
class DiskFullTest {
    /** Room left on the disk: enough for the small JSON records, far from enough for a catalogue. */
    private static final int LEFT_FREE = 192 * 1024;

    @TempDir
    static Path tmp;
    private static Path disk;

    @BeforeAll
    static void mountSmallDisk() throws Exception {
        disk = Files.createDirectories(tmp.resolve("disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        String output = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assumeTrue(mount.waitFor() == 0, "cannot mount a small tmpfs here (needs root or CAP_SYS_ADMIN): " + output);
    }

    @AfterAll
    static void unmount() throws Exception {
        if (disk != null) {
            new ProcessBuilder("umount", "-l", disk.toString()).redirectErrorStream(true).start().waitFor();
        }
    }

    @Test
    void aFullDiskIsOneErrorLineNamingTheCauseAndTheFileAndAFailedRecord() throws Exception {
        FaultWarehouse w = new FaultWarehouse(disk).published().deliverMarch();
        String before = w.store.currentSnapshotId().orElseThrow();
        Path filler = disk.resolve("filler");
        fill(filler);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = NyckeltalCli.execute(new PrintWriter(out), new PrintWriter(err), "load", "--landing",
                w.landing.toString(), "--warehouse", w.warehouse.toString(), "--reject-threshold", "0.2",
                "--pseudonym-key-file", LoadProcess.keyFile(w.warehouse));

        assertThat(exit).isEqualTo(NyckeltalCli.EXIT_FAILED);
        List<String> lines = err.toString().lines().toList();
        assertThat(lines).as(err.toString()).hasSize(2);
        assertThat(lines.get(0)).startsWith("error: No space left on device while writing " + disk)
                .endsWith("; nothing was published");
        assertThat(lines.get(1)).startsWith("hint: free space on the disk of " + w.warehouse);
        assertThat(w.store.currentSnapshotId()).contains(before);
        LoadRecord failed = w.store.loadRecords().get(w.store.loadRecords().size() - 1);
        assertThat(failed.outcome()).isEqualTo(LoadRecord.Outcome.FAILED);
        assertThat(failed.message()).startsWith("No space left on device while writing ");

        Files.delete(filler);
        assertThat(w.load().outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        assertThat(w.query("SELECT CAST(sum(amount) AS DECIMAL(18,2)) FROM fact.ledger WHERE period = 202503"))
                .containsExactly("500.00");
    }

    /** Writes until the disk is full, then gives back {@link #LEFT_FREE} bytes. */
    private static void fill(Path filler) throws IOException {
        byte[] chunk = new byte[1 << 16];
        try (OutputStream o = Files.newOutputStream(filler)) {
            while (true) {
                o.write(chunk);
            }
        } catch (IOException full) {
            assertThat(full.getMessage()).contains("No space left on device");
        }
        try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.WRITE)) {
            channel.truncate(Math.max(0, channel.size() - LEFT_FREE));
        }
    }
}

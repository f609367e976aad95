package se.nyckeltal.jobs.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which scratch folders a load removes: those whose JVM ended, told by its lock rather than its process id. */
class JvmScratchTest {
    /** No process has this id (Linux caps them far lower): what another PID namespace's process looks like. */
    private static final String FOREIGN_PID = "2147483646";

    @TempDir
    Path root;

    @BeforeEach
    void useRoot() {
        System.setProperty(JvmScratch.ROOT_PROPERTY, root.toString());
    }

    @AfterEach
    void clearRoot() {
        System.clearProperty(JvmScratch.ROOT_PROPERTY);
    }

    @Test
    void aFolderWhoseLockIsHeldStaysWhateverItsProcessIdLooksLike() throws IOException {
        Path folder = folder("nyckeltal-jvm-alive", FOREIGN_PID);
        try (FileChannel lock = FileChannel.open(folder.resolve("alive.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            lock.lock();
            assertThat(JvmScratch.removeDeadProcessTemps()).isZero();
            assertThat(folder).isDirectory();
        }
        // the lock went with the channel: its JVM ended
        assertThat(JvmScratch.removeDeadProcessTemps()).isOne();
        assertThat(folder).doesNotExist();
    }

    @Test
    void aFolderOfAnEndedProcessWithoutALockFileIsRemovedByItsProcessId() throws IOException {
        Path ended = folder("nyckeltal-jvm-ended", FOREIGN_PID);
        Path running = folder("nyckeltal-jvm-running", String.valueOf(ProcessHandle.current().pid()));
        Path other = Files.createDirectories(root.resolve("not-ours"));

        assertThat(JvmScratch.removeDeadProcessTemps()).isOne();
        assertThat(ended).doesNotExist();
        assertThat(running).isDirectory();
        assertThat(other).isDirectory();
    }

    private Path folder(String name, String pid) throws IOException {
        Path folder = Files.createDirectories(root.resolve(name));
        Files.writeString(folder.resolve("pid"), pid);
        return folder;
    }
}

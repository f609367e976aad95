package se.nyckeltal.jobs.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** Another JVM (as a scheduled task is) holds the folder's lock: the folder stays until that JVM ends. */
    @Test
    void aFolderWhoseLockIsHeldStaysWhateverItsProcessIdLooksLike() throws Exception {
        Path folder = folder("nyckeltal-jvm-alive", FOREIGN_PID);
        Path holder = Files.writeString(root.resolve("HoldLock.java"), """
                import java.nio.channels.FileChannel;
                import java.nio.file.Path;
                import java.nio.file.StandardOpenOption;
                public class HoldLock {
                    public static void main(String[] args) throws Exception {
                        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE)) {
                            channel.lock();
                            System.out.println("locked");
                            System.out.flush();
                            System.in.read(); // until the test closes our input
                        }
                    }
                }
                """);
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                holder.toString(), folder.resolve("alive.lock").toString()).redirectErrorStream(true).start();
        try {
            String first = new java.io.BufferedReader(new java.io.InputStreamReader(other.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8)).readLine();
            assertThat(first).isEqualTo("locked");
            assertThat(JvmScratch.removeDeadProcessTemps()).isZero();
            assertThat(JvmScratch.removeDeadProcessTemps()).as("looking does not release the other JVM's lock").isZero();
            assertThat(folder).isDirectory();
        } finally {
            other.getOutputStream().close();
            assertThat(other.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
        // its JVM ended, and the lock with it
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

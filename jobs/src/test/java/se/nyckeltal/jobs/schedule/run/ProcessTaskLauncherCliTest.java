package se.nyckeltal.jobs.schedule.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler (its own module) launching the CLI of the product it is packaged with. */
class ProcessTaskLauncherCliTest {
    @TempDir
    Path state;

    @Test
    void theNyckeltalOnThePathIsThisBuild() throws Exception {
        ProcessTaskLauncher launcher = new ProcessTaskLauncher(state.resolve("bin"));
        Path log = state.resolve("version.log");
        TaskLauncher.Attempt attempt = launcher.launch(new TaskLauncher.Launch("d", "r", "t", 1, "nyckeltal --version",
                Map.of(), log));
        OptionalInt exit = OptionalInt.empty();
        for (int i = 0; i < 3000 && exit.isEmpty(); i++) {
            Thread.sleep(10);
            exit = attempt.exitCode();
        }
        assertThat(exit).hasValue(0);
        assertThat(Files.readString(log)).contains("nyckeltal 0.1.0");
    }
}

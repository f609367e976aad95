package se.nyckeltal.warehouse.gateway;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real client a test needs: present, or the test skips with the reason and the install command —
 * except in CI (CI=true), where .ci/run installs every client and a missing one fails the test.
 */
final class ClientRequirement {
    /** Debian's Python, where python3-psycopg2 and python3-psycopg install (not a pyenv or venv one). */
    static final String PYTHON = "/usr/bin/python3";

    private ClientRequirement() {}

    static void require(boolean present, String what, String install) {
        String reason = what + " is not installed; CI installs it (.ci/run), locally: " + install;
        if (System.getenv("CI") != null && !present) {
            throw new AssertionError(reason);
        }
        assumeTrue(present, reason);
    }

    static void python(String module, String debianPackage) throws Exception {
        boolean present = Files.isExecutable(Path.of(PYTHON)) && ClientProcess.run(Path.of(System.getProperty(
                "java.io.tmpdir")), Map.of(), null, PYTHON, "-c", "import " + module).exitCode() == 0;
        require(present, "Python module " + module, "apt-get install " + debianPackage);
    }

    static Path executable(String name, String install) {
        for (String folder : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(folder, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        require(false, name, install);
        return null;
    }
}

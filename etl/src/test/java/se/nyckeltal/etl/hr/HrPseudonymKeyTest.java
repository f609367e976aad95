package se.nyckeltal.etl.hr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;

/** Where the pseudonym key comes from, and what happens on a fresh warehouse. */
class HrPseudonymKeyTest {
    @TempDir
    Path dir;

    @Test
    void aFreshWarehouseGeneratesAnOwnerOnlyKeyOnceAndKeepsUsingIt() throws IOException {
        WarehouseLayout layout = new WarehouseLayout(dir.resolve("w"));

        PseudonymKey first = new PseudonymKeySource(null, null).resolve(layout);
        PseudonymKey second = new PseudonymKeySource(null, "  ").resolve(layout);

        Path file = layout.restrictedDir().resolve("pseudonym.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(layout.restrictedDir())))
                .isEqualTo("rwx------");
        assertThat(Files.readString(file).strip()).hasSize(44); // 32 random bytes, base64
        assertThat(second.pseudonym("4711")).isEqualTo(first.pseudonym("4711"));
        assertThat(first.origin()).contains("generated key file");
    }

    @Test
    void aConfiguredFileWinsOverTheEnvironmentWhichWinsOverTheGeneratedKey() throws IOException {
        WarehouseLayout layout = new WarehouseLayout(dir.resolve("w"));
        Path keyFile = Files.writeString(dir.resolve("key"), "file key, long enough to use\n");

        PseudonymKey fromFile = new PseudonymKeySource(keyFile, "environment key, long enough").resolve(layout);
        PseudonymKey fromEnvironment = new PseudonymKeySource(null, "environment key, long enough").resolve(layout);

        assertThat(fromFile.pseudonym("4711")).isEqualTo(PseudonymKey.of("file key, long enough to use", "x").pseudonym("4711"));
        assertThat(fromEnvironment.pseudonym("4711"))
                .isEqualTo(PseudonymKey.of("environment key, long enough", "x").pseudonym("4711"));
        assertThat(fromEnvironment.origin()).isEqualTo("environment variable NYCKELTAL_PSEUDONYM_KEY");
        assertThat(layout.restrictedDir().resolve("pseudonym.key")).doesNotExist();
    }

    @Test
    void aMissingOrShortKeyIsRefused() throws IOException {
        WarehouseLayout layout = new WarehouseLayout(dir.resolve("w"));
        Path shortKey = Files.writeString(dir.resolve("short"), "secret\n");

        assertThatThrownBy(() -> new PseudonymKeySource(dir.resolve("nope"), null).resolve(layout))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> new PseudonymKeySource(shortKey, null).resolve(layout))
                .hasMessageContaining("is 6 characters long; use at least 16");
    }

    @Test
    void theKeyIsNeverPrinted() {
        PseudonymKey key = PseudonymKey.of("do not print this secret", "test");
        PseudonymKeySource source = new PseudonymKeySource(null, "do not print this secret");

        assertThat(key.toString()).doesNotContain("secret");
        assertThat(source.toString()).doesNotContain("secret");
        assertThat(key.fingerprint()).hasSize(16).isNotEqualTo(PseudonymKey.of("another secret key!", "x").fingerprint());
    }
}

package se.nyckeltal.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.YearMonth;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.schemas.reference.ReferenceData;

/**
 * The demo landing zone is the same bytes in every JVM: a re-run demo then loads nothing new, and
 * benchmarks compare like with like. Two generations in one JVM cannot catch a seed built from an
 * enum's identity hash code (stable within a JVM, different in the next), so this pins a checksum.
 * If you change the generator on purpose, run this test, and put the new checksum here.
 */
class GeneratorDeterminismTest {
    /**
     * SHA-256 over every generated extract (relative path and bytes, in path order) for the settings
     * below — reference/ aside, which is checked byte for byte against the shipped files.
     */
    private static final String CHECKSUM = "d8cf83d5ba2bde64dd7f7b3c0f617499b45507c5fe57dc3bcadada793050e5bf";

    @TempDir
    Path dir;

    @Test
    void theSameSettingsGiveTheSameBytesInEveryJvm() throws Exception {
        new DemoRegionGenerator(new GeneratorSettings(YearMonth.of(2024, 2), 1, 20240331L), ReferenceData.defaults())
                .generate(dir, file -> { });
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            if (file.startsWith(dir.resolve("reference"))) {
                continue;
            }
            digest.update(dir.relativize(file).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update(Files.readAllBytes(file));
        }
        assertThat(files).hasSizeGreaterThan(5);
        assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(CHECKSUM);
        // The demo region delivers the org units and accounts a load needs: the shipped files.
        assertThat(dir.resolve("reference")).isDirectoryContaining(p -> true);
        try (Stream<Path> reference = Files.list(dir.resolve("reference"))) {
            assertThat(reference.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly(ReferenceData.ACCOUNTS, ReferenceData.CAPITATION_RATES, ReferenceData.ORG_UNITS);
        }
        for (String name : List.of(ReferenceData.ORG_UNITS, ReferenceData.ACCOUNTS, ReferenceData.CAPITATION_RATES)) {
            assertThat(dir.resolve("reference").resolve(name)).hasBinaryContent(ReferenceData.shippedDefault(name));
        }
    }
}

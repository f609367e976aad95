package se.nyckeltal.jobs.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LandingHashesTest {
    @TempDir
    Path tmp;

    @Test
    void anUnchangedFileIsNotReadAgainButARewrittenOneIs() throws Exception {
        Path file = tmp.resolve("huvudbok-2026-10.csv");
        Files.writeString(file, "period;cost_center;account;amount\n202610;1010;4010;100\n", StandardCharsets.UTF_8);
        FileTime modified = Files.getLastModifiedTime(file);
        Path memory = tmp.resolve("meta/landing_hashes.json");
        LandingHashes first = LandingHashes.load(memory);
        String original = first.sha256(file);
        first.save();
        assertThat(original).isEqualTo(LandingHashes.hash(file));

        // Same size and time stamp: taken from memory, the content is not read (the proof: the stale hash).
        Files.writeString(file, "period;cost_center;account;amount\n202610;1010;4010;900\n", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, modified);
        assertThat(LandingHashes.load(memory).sha256(file)).isEqualTo(original);

        // A new time stamp (any real rewrite): hashed again.
        Files.setLastModifiedTime(file, FileTime.fromMillis(modified.toMillis() + 1000));
        assertThat(LandingHashes.load(memory).sha256(file)).isEqualTo(LandingHashes.hash(file)).isNotEqualTo(original);
    }

    @Test
    void anUnreadableMemoryMeansHashingEverythingAgain() throws Exception {
        Path file = tmp.resolve("tid-2026-10.csv");
        Files.writeString(file, "date;employee_id\n", StandardCharsets.UTF_8);
        Path memory = tmp.resolve("landing_hashes.json");
        Files.writeString(memory, "{ not json", StandardCharsets.UTF_8);

        assertThat(LandingHashes.load(memory).sha256(file)).isEqualTo(LandingHashes.hash(file));
    }
}

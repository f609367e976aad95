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

    /**
     * A DAG source task's hashes of the files it staged: its run's load takes them by the same rule as its own
     * memory, only the files named are written, and what the load saw is remembered in the warehouse's memory.
     */
    @Test
    void theHashesASourceTaskStagedServeTheRunsLoadByTheSameRule() throws Exception {
        Path october = tmp.resolve("tid-2026-10.csv");
        Path september = tmp.resolve("tid-2026-09_rattelse.csv");
        Files.writeString(october, "date;employee_id\n2026-10-01;E1\n", StandardCharsets.UTF_8);
        Files.writeString(september, "date;employee_id\n2026-09-30;E1\n", StandardCharsets.UTF_8);
        Path memory = tmp.resolve("W/meta/landing_hashes.json");
        Path staged = tmp.resolve("W/prepared/run/hr.landing_hashes.json");

        LandingHashes task = LandingHashes.load(memory);
        String octoberHash = task.sha256(october);
        task.sha256(september);
        task.writeEntries(staged, java.util.List.of(october, tmp.resolve("never-listed.csv")));
        assertThat(Files.readString(staged)).contains("tid-2026-10.csv").doesNotContain("tid-2026-09")
                .doesNotContain("never-listed");

        // Rewritten with the same size and time stamp: the load takes the staged hash without reading the file
        FileTime modified = Files.getLastModifiedTime(october);
        Files.writeString(october, "date;employee_id\n2026-10-01;E2\n", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(october, modified);
        LandingHashes load = LandingHashes.load(memory, java.util.List.of(staged, tmp.resolve("W/prepared/run/x.json")));
        assertThat(load.sha256(october)).isEqualTo(octoberHash).isNotEqualTo(LandingHashes.hash(october));
        load.save();
        assertThat(LandingHashes.load(memory).sha256(october)).as("remembered by the warehouse now").isEqualTo(octoberHash);

        // a new time stamp: the staged hash no longer counts
        Files.setLastModifiedTime(october, FileTime.fromMillis(modified.toMillis() + 1000));
        assertThat(LandingHashes.load(tmp.resolve("W/meta/other.json"), java.util.List.of(staged)).sha256(october))
                .isEqualTo(LandingHashes.hash(october));
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

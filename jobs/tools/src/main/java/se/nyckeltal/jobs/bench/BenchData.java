package se.nyckeltal.jobs.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import se.nyckeltal.jobs.generate.DemoRegionGenerator;
import se.nyckeltal.jobs.generate.GeneratorSettings;
import se.nyckeltal.schemas.files.FileTree;

/**
 * The benchmark's input, generated once per setting and reused by later runs (generating M takes
 * minutes): the whole history up to the last month in {@code landing/}, the restatement of the month
 * before it in {@code restatement/}, and the HR pseudonym key the loads use. A run then stages two
 * deliveries from it by hard links: the history without the last month's monthly files (the full
 * load), and those files plus the restatement (the nightly load).
 */
final class BenchData {
    /** Written last: its presence means the folder is complete; it lists what was generated. */
    private static final String MANIFEST = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What was generated, with paths relative to the data folder. */
    record Manifest(String settings, List<String> files, List<DemoRegionGenerator.SourceSummary> sources,
            List<String> restatement) {}

    private final Path dir;
    private final GeneratorSettings settings;
    private final DemoRegionGenerator.Summary history;
    private final List<Path> restatement;

    private BenchData(Path dir, GeneratorSettings settings, DemoRegionGenerator.Summary history, List<Path> restatement) {
        this.dir = dir;
        this.settings = settings;
        this.history = history;
        this.restatement = List.copyOf(restatement);
    }

    /**
     * Generates the data into {@code root/<settings>/}, or reuses what an earlier run generated there.
     *
     * @param progress one line per step, for the console
     */
    static BenchData prepare(Path root, GeneratorSettings settings, boolean regenerate, Consumer<String> progress) {
        requireNonNull(settings, "settings");
        Path dir = root.resolve(settings.scale().name() + "-" + settings.years() + "y-" + settings.lastMonth() + "-"
                + settings.seed());
        Path manifest = dir.resolve(MANIFEST);
        if (Files.exists(manifest) && !regenerate) {
            progress.accept("reusing the data generated in " + dir + " (--regenerate makes it anew)");
            try {
                Manifest written = JSON.readValue(manifest.toFile(), Manifest.class);
                return new BenchData(dir, settings, new DemoRegionGenerator.Summary(
                        written.files().stream().map(dir::resolve).toList(), written.sources()),
                        written.restatement().stream().map(dir::resolve).toList());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + manifest + "; delete the folder or use --regenerate", e);
            }
        }
        FileTree.delete(dir);
        DemoRegionGenerator generator = DemoRegionGenerator.of(settings);
        long started = System.nanoTime();
        progress.accept("generating scale " + settings.scale() + " (" + settings.years() + " years to "
                + settings.lastMonth() + ") into " + dir + " …");
        DemoRegionGenerator.Summary history = generator.generate(dir.resolve("landing"), file -> { });
        List<Path> restatement = generator.generateRestatement(dir.resolve("restatement"),
                settings.lastMonth().minusMonths(1), file -> { }).files();
        writeKey(dir.resolve("pseudonym.key"));
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(manifest.toFile(), new Manifest(settings.toString(),
                    history.files().stream().map(f -> dir.relativize(f).toString()).toList(), history.sources(),
                    restatement.stream().map(f -> dir.relativize(f).toString()).toList()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + manifest, e);
        }
        progress.accept(String.format("generated %,d files, %,d rows, %,d MB in %.1f s", history.files().size(),
                history.rows(), history.bytes() >> 20, (System.nanoTime() - started) / 1e9));
        return new BenchData(dir, settings, history, restatement);
    }

    GeneratorSettings settings() {
        return settings;
    }

    DemoRegionGenerator.Summary history() {
        return history;
    }

    Path keyFile() {
        return dir.resolve("pseudonym.key");
    }

    YearMonth lastMonth() {
        return settings.lastMonth();
    }

    /** The full load's delivery: every generated file but the last month's monthly files. */
    void stageHistory(Path landing) {
        Set<Path> heldBack = new HashSet<>(history.monthlyFiles(lastMonth()));
        for (Path file : history.files()) {
            if (!heldBack.contains(file)) {
                link(file, landing.resolve(dir.resolve("landing").relativize(file).toString()));
            }
        }
    }

    /** The nightly load's new files: the last month's monthly files and the month before restated. */
    List<Path> stageNightly(Path landing) {
        List<Path> staged = new ArrayList<>();
        for (Path file : history.monthlyFiles(lastMonth())) {
            staged.add(link(file, landing.resolve(dir.resolve("landing").relativize(file).toString())));
        }
        for (Path file : restatement) {
            staged.add(link(file, landing.resolve(dir.resolve("restatement").relativize(file).toString())));
        }
        return staged;
    }

    /** A hard link where the file system allows it (instant, no space), else a copy. */
    private static Path link(Path source, Path target) {
        try {
            Files.createDirectories(target.getParent());
            try {
                Files.createLink(target, source);
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(source, target);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage " + source + " as " + target, e);
        }
    }

    /** A fresh pseudonym key, readable by this user only (the load warns about anything looser). */
    private static void writeKey(Path file) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        write(file, Base64.getEncoder().encodeToString(key) + "\n");
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the load says so if it matters
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}

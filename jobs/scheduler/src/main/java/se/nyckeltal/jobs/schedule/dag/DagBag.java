package se.nyckeltal.jobs.schedule.dag;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The DAGs of one folder (Airflow's DagBag): every {@code *.yaml}/{@code *.yml} file, parsed.
 * A broken file does not hide the others: it is kept as an import error, as Airflow does.
 */
public final class DagBag {
    /** The DAGs shipped in the jar, used when no folder is given. */
    public static final List<String> SHIPPED = List.of("nightly.yaml", "monthly_report.yaml");
    private static final String SHIPPED_RESOURCE = "/se/nyckeltal/jobs/schedule/dags/";

    private final String source;
    private final Map<String, DagDefinition> dags;
    private final List<DagFileException> importErrors;

    private DagBag(String source, Map<String, DagDefinition> dags, List<DagFileException> importErrors) {
        this.source = source;
        this.dags = dags;
        this.importErrors = List.copyOf(importErrors);
    }

    /** The folder's DAGs, or the shipped ones when {@code folder} is null. */
    public static DagBag load(Path folder) {
        return folder == null ? shipped() : folder(folder);
    }

    public static DagBag folder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new DagFileException(folder.toString(), null, "is not a folder of DAG files");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(f -> f.getFileName().toString().matches("[^.].*\\.ya?ml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        Map<String, DagDefinition> dags = new TreeMap<>();
        List<DagFileException> errors = new ArrayList<>();
        for (Path file : files) {
            try {
                add(dags, DagFileParser.parse(file));
            } catch (DagFileException e) {
                errors.add(e);
            }
        }
        return new DagBag(folder.toAbsolutePath().normalize().toString(), dags, errors);
    }

    public static DagBag shipped() {
        Map<String, DagDefinition> dags = new TreeMap<>();
        for (String name : SHIPPED) {
            add(dags, DagFileParser.parse(shippedText(name), Path.of(name)));
        }
        return new DagBag("(shipped with nyckeltal)", dags, List.of());
    }

    /** The text of a DAG file shipped in the jar. */
    public static String shippedText(String name) {
        try (InputStream in = DagBag.class.getResourceAsStream(SHIPPED_RESOURCE + name)) {
            if (in == null) {
                throw new IllegalStateException("shipped DAG " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For tests and callers that build DAGs in code. */
    public static DagBag of(DagDefinition... definitions) {
        Map<String, DagDefinition> dags = new TreeMap<>();
        for (DagDefinition dag : definitions) {
            add(dags, dag);
        }
        return new DagBag("(in memory)", dags, List.of());
    }

    private static void add(Map<String, DagDefinition> dags, DagDefinition dag) {
        DagDefinition earlier = dags.putIfAbsent(dag.dagId(), dag);
        if (earlier != null) {
            throw new DagFileException(dag.file().getFileName().toString(), "dag_id", "'" + dag.dagId()
                    + "' is already defined in " + earlier.file().getFileName());
        }
    }

    public String source() {
        return source;
    }

    public Collection<DagDefinition> dags() {
        return dags.values();
    }

    public Optional<DagDefinition> get(String dagId) {
        return Optional.ofNullable(dags.get(dagId));
    }

    public List<DagFileException> importErrors() {
        return importErrors;
    }
}

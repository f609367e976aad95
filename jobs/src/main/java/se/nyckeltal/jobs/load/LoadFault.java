package se.nyckeltal.jobs.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.warehouse.catalogue.FactFileCheck;

/**
 * What a load that failed unexpectedly tells its operator: one line naming the cause found anywhere in
 * the exception chain (Spark wraps a full disk as {@code [TASK_WRITE_FAILED]} several layers above the
 * "No space left on device" that matters) and the file it was writing, plus what to do.
 *
 * @param known the cause was recognised (a full disk); else the message is the chain's first message
 */
record LoadFault(String message, String hint, boolean known) {
    private static final String DISK_FULL = "No space left on device";
    /** An absolute path in a message: at its start or after a blank, quote, '=' or "file:". */
    private static final Pattern PATH = Pattern.compile("(?:^|[\\s\"'=(]|file:)(/[^\\s\"',;:()\\[\\]]+/[^\\s\"',;:()\\[\\]]+)");

    static LoadFault of(Throwable failure, WarehouseLayout layout) {
        List<Throwable> chain = chain(failure);
        for (Throwable t : chain) {
            if (t instanceof FactFileCheck.MismatchException mismatch) {
                return new LoadFault(mismatch.getMessage() + "; nothing was published", mismatch.hint(), true);
            }
        }
        boolean diskFull = chain.stream().anyMatch(t -> t.getMessage() != null && t.getMessage().contains(DISK_FULL));
        if (diskFull) {
            String file = writtenFile(chain, layout).map(f -> " while writing " + f).orElse("");
            return new LoadFault(DISK_FULL + file + "; nothing was published",
                    "free space on the disk of " + layout.root() + " (df -h " + layout.root()
                            + ") and run the load again; the published catalogue is unchanged", true);
        }
        String first = chain.stream().map(Throwable::getMessage).filter(m -> m != null && !m.isBlank()).findFirst()
                .map(m -> m.lines().findFirst().orElse(m)).orElse(failure.getClass().getSimpleName());
        return new LoadFault(first + "; nothing was published",
                "run again with --verbose for the stack trace; the published catalogue is unchanged", false);
    }

    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
            for (Throwable suppressed : t.getSuppressed()) {
                chain.add(suppressed);
            }
        }
        return chain;
    }

    /**
     * The file being written: the first absolute path the chain's messages name (Spark's and DuckDB's
     * messages name the file), one inside the warehouse first.
     */
    private static Optional<String> writtenFile(List<Throwable> chain, WarehouseLayout layout) {
        List<String> paths = new ArrayList<>();
        for (Throwable t : chain) {
            if (t instanceof java.nio.file.FileSystemException fs && fs.getFile() != null) {
                paths.add(fs.getFile());
            }
            if (t.getMessage() != null) {
                Matcher path = PATH.matcher(t.getMessage());
                while (path.find()) {
                    paths.add(path.group(1));
                }
            }
        }
        String root = layout.root().toString();
        return paths.stream().filter(p -> p.startsWith(root)).findFirst().or(() -> paths.stream().findFirst());
    }
}

package se.nyckeltal.jobs.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import se.nyckeltal.etl.extract.IngestSettings;
import se.nyckeltal.jobs.bench.DecodedCopy.UndecodableLine;
import se.nyckeltal.schemas.contract.LedgerContract;
import se.nyckeltal.schemas.contract.SourceKind;
import se.nyckeltal.schemas.fact.FactSchema;
import se.nyckeltal.schemas.files.FileTree;
import se.nyckeltal.schemas.text.TextEncoding;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.warehouse.catalogue.SqlLiteral;

/**
 * The DuckDB-only baseline of the ledger benchmark (issue 7): the same parse → validate → normalise →
 * Parquet work as the Spark path (etl's LedgerIngest for CSV deliveries) done in process by DuckDB,
 * so that the benchmark can report the Spark path's time as a multiple of it.
 *
 * <p>The same work, so the ratio means something: the same facts (rows, sums, Parquet types), the
 * same quarantined lines with the same line numbers and reasons, the same reject threshold,
 * partition replacement and per-file reconciliation. Java does only what the Spark driver does per
 * file — the header from the first MiB, with the same schemas code — plus one pass over each file's
 * bytes for the few things DuckDB's CSV reader cannot be trusted with ({@link LedgerDelivery}).
 * DuckDB does the rest: every line is read as one VARCHAR ({@code read_csv}, file order kept),
 * split, validated and typed by the SQL macros of {@code ledger-rules.sql} in one query
 * ({@code ledger-validate.sql}), counted, summed to the fact grain and written with
 * {@code COPY … PARTITION_BY (year, month)}, then read back to reconcile.
 *
 * <p>What it does not do: SIE 4 files (CSV only), content hashes and the load record, the
 * catalogue. Facts land under {@code facts/ledger/year=YYYY/month=MM/} like the Spark path's, but one
 * file per month with every scenario in it, where the Spark path writes one file per scenario and
 * month.
 */
public final class DuckDbLedgerBaseline {
    private static final String RULES = "ledger-rules.sql";
    private static final String VALIDATE = "ledger-validate.sql";
    /** A delimiter no text line contains, so that DuckDB hands over each line whole. */
    private static final String NO_DELIMITER = "chr(1) || chr(2) || chr(3)";

    private final int threads;
    private final long memoryLimitBytes;
    private final IngestSettings settings;

    /**
     * @param threads DuckDB's threads: as many cores as Spark's {@code local[*]} uses, for a fair ratio
     * @param memoryLimitBytes DuckDB's memory limit: about what Spark gets (the JVM heap in local mode)
     * @param settings the reject threshold, as for the Spark path
     */
    public DuckDbLedgerBaseline(int threads, long memoryLimitBytes, IngestSettings settings) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (memoryLimitBytes < (64L << 20)) {
            throw new IllegalArgumentException("memoryLimitBytes must be at least 64 MiB, got " + memoryLimitBytes);
        }
        this.threads = threads;
        this.memoryLimitBytes = memoryLimitBytes;
        this.settings = requireNonNull(settings, "settings");
    }

    /** All cores (Spark's {@code local[*]}), as much memory as this JVM's heap, the default threshold. */
    public static DuckDbLedgerBaseline matchingLocalSpark() {
        return new DuckDbLedgerBaseline(Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory(),
                IngestSettings.defaults());
    }

    /** As {@link #run(List, Path, String)} with the load id {@code baseline}. */
    public BaselineResult run(List<Path> csvFiles, Path outputDir) {
        return run(csvFiles, outputDir, "baseline");
    }

    /**
     * @param csvFiles ledger CSV deliveries in delivery order (the load job's is file-name order); a
     *     later file replaces an earlier file's (scenario, period) partitions. Each is named
     *     {@code ledger/<file name>} in the facts and the quarantine.
     * @param outputDir laid out as a warehouse: {@code facts/ledger/…}, {@code meta/quarantine/load_id=…/}
     * @param loadId the facts' {@code load_id}
     */
    public BaselineResult run(List<Path> csvFiles, Path outputDir, String loadId) {
        requireNonNull(csvFiles, "csvFiles");
        requireNonNull(outputDir, "outputDir");
        requireNonNull(loadId, "loadId");
        return new Run(List.copyOf(csvFiles), new WarehouseLayout(outputDir.toAbsolutePath()), loadId).result();
    }

    /** One run: its inputs, its scratch folder and the time of each phase. */
    private final class Run {
        private final List<Path> inputs;
        private final WarehouseLayout layout;
        private final String loadId;
        private final Path scratch;
        private final Path staging;
        private final Map<String, Duration> phases = new LinkedHashMap<>();
        private final Map<String, Duration> phasesCpu = new LinkedHashMap<>();
        private final long startCpu = processCpuNanos();

        Run(List<Path> inputs, WarehouseLayout layout, String loadId) {
            this.inputs = inputs;
            this.layout = layout;
            this.loadId = loadId;
            Path work = layout.stagingDir(loadId).resolve(FactSchema.LEDGER.table() + "-baseline");
            this.scratch = work.resolve("scratch");
            this.staging = work.resolve("facts");
        }

        BaselineResult result() {
            long start = System.nanoTime();
            try {
                FileTree.delete(scratch.getParent());
                Files.createDirectories(scratch);
                List<LedgerDelivery> deliveries = timed("scan", this::scan);
                Map<Integer, List<UndecodableLine>> undecodable = new HashMap<>();
                Map<Integer, Path> readPaths = timed("decode in Java", () -> decodeInJava(deliveries, undecodable));
                try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
                    configure(db);
                    return process(db, deliveries, readPaths, undecodable, start);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("the DuckDB baseline failed: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                FileTree.delete(scratch.getParent());
                try {
                    Files.deleteIfExists(layout.stagingDir(loadId));
                } catch (IOException notEmpty) {
                    // another table of the same load id still stages there
                }
            }
        }

        private List<LedgerDelivery> scan() {
            return IntStream.range(0, inputs.size()).parallel()
                    .mapToObj(i -> LedgerDelivery.scan(inputs.get(i), sourceFile(inputs.get(i))))
                    .toList();
        }

        /** Java-decoded copies of the files DuckDB cannot be given; every other file is read as it is. */
        private Map<Integer, Path> decodeInJava(List<LedgerDelivery> deliveries,
                Map<Integer, List<UndecodableLine>> undecodable) {
            Map<Integer, Path> readPaths = new HashMap<>();
            for (int i = 0; i < deliveries.size(); i++) {
                if (deliveries.get(i).readable()) {
                    readPaths.put(i, deliveries.get(i).path().toAbsolutePath());
                }
            }
            List<Integer> copies = IntStream.range(0, deliveries.size())
                    .filter(i -> deliveries.get(i).readable() && deliveries.get(i).decodeInJava()).boxed().toList();
            Map<Integer, List<UndecodableLine>> found = copies.parallelStream().collect(Collectors.toMap(i -> i,
                    i -> DecodedCopy.write(deliveries.get(i).path(), deliveries.get(i).header().encoding(),
                            deliveries.get(i).header().headerLine(), copyPath(i))));
            undecodable.putAll(found);
            copies.forEach(i -> readPaths.put(i, copyPath(i)));
            return readPaths;
        }

        private Path copyPath(int file) {
            return scratch.resolve("decoded-" + file + ".csv");
        }

        private void configure(Connection db) throws SQLException {
            execute(db, "SET threads = " + threads);
            execute(db, "SET memory_limit = '" + (memoryLimitBytes >> 20) + "MiB'");
            execute(db, "SET temp_directory = " + SqlLiteral.of(scratch.resolve("duckdb-spill").toString()));
            // Line numbers are positions in the raw table: the scan's order must be kept.
            execute(db, "SET preserve_insertion_order = true");
            execute(db, resource(RULES));
        }

        private BaselineResult process(Connection db, List<LedgerDelivery> deliveries, Map<Integer, Path> readPaths,
                Map<Integer, List<UndecodableLine>> undecodable, long start) throws SQLException, IOException {
            timed("read", () -> {
                registerFiles(db, deliveries, readPaths);
                readLines(db, deliveries, readPaths, undecodable);
                return null;
            });
            timed("validate", () -> {
                execute(db, resource(VALIDATE));
                markUndecodable(db, undecodable);
                return null;
            });
            Map<Integer, Tally> tallies = timed("tally", () -> tally(db));
            List<BaselineResult.FileResult> validated = new ArrayList<>();
            boolean anyRejected = false;
            boolean anyQuarantined = false;
            for (int i = 0; i < deliveries.size(); i++) {
                LedgerDelivery delivery = deliveries.get(i);
                Tally tally = tallies.computeIfAbsent(i, file -> new Tally());
                boolean overThreshold = settings.exceedsThreshold(tally.rowsQuarantined, tally.rowsRead);
                anyRejected |= !delivery.readable() || overThreshold;
                anyQuarantined |= tally.rowsQuarantined > 0;
                String problem = !delivery.readable() ? delivery.unreadable()
                        : overThreshold ? tally.rowsQuarantined + " of " + tally.rowsRead + " rows failed validation,"
                                + " more than the threshold allows" : null;
                validated.add(tally.result(delivery, !delivery.readable() || overThreshold, problem));
            }
            if (anyQuarantined) {
                timed("quarantine", () -> {
                    writeQuarantine(db);
                    return null;
                });
            }
            if (anyRejected) {
                return finish(false, 0, validated, start);
            }
            timed("facts", () -> {
                writeFacts(db);
                return null;
            });
            ReadBack readBack = timed("read back", () -> readBack(db, deliveries));
            List<BaselineResult.FileResult> reconciled = new ArrayList<>();
            boolean allReconciled = true;
            for (int i = 0; i < deliveries.size(); i++) {
                BaselineResult.FileResult file = tallies.get(i).reconcile(validated.get(i), readBack.loaded(deliveries.get(i).sourceFile()));
                allReconciled &= file.reconciled();
                reconciled.add(file);
            }
            if (allReconciled) {
                timed("publish", () -> {
                    publish();
                    return null;
                });
            }
            return finish(allReconciled, allReconciled ? readBack.rows : 0, reconciled, start);
        }

        private BaselineResult finish(boolean published, long factRows, List<BaselineResult.FileResult> files,
                long start) {
            return new BaselineResult(published, factRows, files, phases, phasesCpu,
                    Duration.ofNanos(System.nanoTime() - start), Duration.ofNanos(processCpuNanos() - startCpu));
        }

        /** One row per readable file: where DuckDB reads it and where its header put each column. */
        private void registerFiles(Connection db, List<LedgerDelivery> deliveries, Map<Integer, Path> readPaths)
                throws SQLException {
            execute(db, """
                    CREATE TEMP TABLE files (file INTEGER, path VARCHAR, source_file VARCHAR, header_line BIGINT,
                        delimiter VARCHAR, delimiter_label VARCHAR, field_count INTEGER, period_at INTEGER,
                        cost_center_at INTEGER, account_at INTEGER, activity_at INTEGER, counterpart_at INTEGER,
                        scenario_at INTEGER, amount_at INTEGER, forecast_made_at INTEGER)""");
            try (PreparedStatement insert = db.prepareStatement(
                    "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < deliveries.size(); i++) {
                    LedgerDelivery delivery = deliveries.get(i);
                    if (!delivery.readable()) {
                        continue;
                    }
                    LedgerHeader header = delivery.header();
                    insert.setInt(1, i);
                    insert.setString(2, delivery.path().toString());
                    insert.setString(3, delivery.sourceFile());
                    insert.setLong(4, header.headerLine());
                    insert.setString(5, String.valueOf(header.delimiter().character()));
                    insert.setString(6, header.delimiter().label());
                    insert.setInt(7, header.mapping().fieldCount());
                    int column = 8;
                    for (var spec : LedgerContract.COLUMNS) {
                        Integer position = header.position(spec);
                        if (position == null) {
                            insert.setNull(column++, Types.INTEGER);
                        } else {
                            insert.setInt(column++, position);
                        }
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }

        /**
         * Every line of every readable file into {@code raw}, in file order. A file DuckDB finds not
         * to be valid UTF-8 (or with a line it cannot take) is read again from a Java-decoded copy.
         */
        private void readLines(Connection db, List<LedgerDelivery> deliveries, Map<Integer, Path> readPaths,
                Map<Integer, List<UndecodableLine>> undecodable) throws SQLException {
            execute(db, "CREATE TEMP TABLE raw (file INTEGER, line VARCHAR)");
            List<Integer> utf8 = new ArrayList<>();
            List<Integer> latin1 = new ArrayList<>();
            for (int i = 0; i < deliveries.size(); i++) {
                LedgerDelivery delivery = deliveries.get(i);
                if (!delivery.readable()) {
                    continue;
                }
                // Windows-1252 without a byte in 0x80–0x9F is ISO-8859-1 (the others are decoded copies).
                boolean asLatin1 = delivery.header().encoding() == TextEncoding.WINDOWS_1252 && !delivery.decodeInJava();
                (asLatin1 ? latin1 : utf8).add(i);
            }
            if (utf8.isEmpty() && latin1.isEmpty()) {
                return;
            }
            insertLines(db, utf8, readPaths, "utf-8");
            insertLines(db, latin1, readPaths, "latin-1");
            Set<String> refused = new TreeSet<>();
            try (Statement statement = db.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT DISTINCT s.file_path FROM reject_errors e"
                            + " JOIN reject_scans s USING (scan_id, file_id)")) {
                while (rows.next()) {
                    refused.add(rows.getString(1));
                }
            }
            List<Integer> again = new ArrayList<>();
            for (int i = 0; i < deliveries.size(); i++) {
                LedgerDelivery delivery = deliveries.get(i);
                if (!delivery.readable() || !refused.contains(readPaths.get(i).toString())) {
                    continue;
                }
                if (delivery.decodeInJava()) {
                    throw new IllegalStateException("DuckDB refused lines of the decoded copy " + readPaths.get(i));
                }
                Path copy = copyPath(i);
                undecodable.put(i, DecodedCopy.write(delivery.path(), delivery.header().encoding(),
                        delivery.header().headerLine(), copy));
                try (PreparedStatement delete = db.prepareStatement("DELETE FROM raw WHERE file = ?")) {
                    delete.setInt(1, i);
                    delete.executeUpdate();
                }
                readPaths.put(i, copy);
                again.add(i);
            }
            insertLines(db, again, readPaths, "utf-8");
        }

        /**
         * One VARCHAR per physical line, NULL for an empty one, tagged with the file's number: no
         * quote, no header, no sniffing. new_line '\r\n' ends lines at LF and CRLF (a lone CR never
         * gets here). A line DuckDB cannot take (not UTF-8, too long) is stored as a reject, not lost
         * silently.
         */
        private void insertLines(Connection db, List<Integer> files, Map<Integer, Path> readPaths, String encoding)
                throws SQLException {
            if (files.isEmpty()) {
                return;
            }
            String paths = files.stream().map(i -> SqlLiteral.of(readPaths.get(i).toString()))
                    .collect(Collectors.joining(", ", "[", "]"));
            String numbers = files.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
            execute(db, "INSERT INTO raw SELECT " + numbers + "[CAST(file_index AS BIGINT) + 1], line FROM read_csv(" + paths
                    + ", columns = {'line': 'VARCHAR'}, delim = " + NO_DELIMITER + ", quote = '', escape = '',"
                    + " header = false, auto_detect = false, strict_mode = false, new_line = '\\r\\n',"
                    + " encoding = '" + encoding + "', store_rejects = true)");
        }

        /** Lines a Java-decoded copy holds as empty ones because they were not text: quarantined. */
        private void markUndecodable(Connection db, Map<Integer, List<UndecodableLine>> undecodable) throws SQLException {
            if (undecodable.values().stream().allMatch(List::isEmpty)) {
                return;
            }
            try (PreparedStatement update = db.prepareStatement("UPDATE validated SET kind = 'REJECTED', reason = ?,"
                    + " raw_line = ? WHERE file = ? AND line_number = ?")) {
                for (Map.Entry<Integer, List<UndecodableLine>> entry : undecodable.entrySet()) {
                    for (UndecodableLine line : entry.getValue()) {
                        update.setString(1, line.reason());
                        update.setString(2, line.rawLine());
                        update.setInt(3, entry.getKey());
                        update.setLong(4, line.lineNumber());
                        update.addBatch();
                    }
                }
                update.executeBatch();
            }
        }

        /** What validation found per file: counts, valid rows per partition, quarantined amounts. */
        private Map<Integer, Tally> tally(Connection db) throws SQLException {
            execute(db, """
                    CREATE TEMP TABLE partitions AS
                    SELECT file, scenario, period, count(*) AS rows, sum(amount) AS amount
                    FROM validated WHERE kind = 'VALID' GROUP BY ALL""");
            Map<Integer, Tally> tallies = new HashMap<>();
            query(db, """
                    SELECT file, count(*) FILTER (WHERE kind = 'BLANK'), count(*) FILTER (WHERE kind <> 'BLANK'),
                        count(*) FILTER (WHERE kind = 'REJECTED'),
                        count(*) FILTER (WHERE kind = 'REJECTED' AND rejected_amount IS NULL)
                    FROM validated GROUP BY file""", rows -> {
                Tally tally = tallies.computeIfAbsent(rows.getInt(1), file -> new Tally());
                tally.blankLines = rows.getLong(2);
                tally.rowsRead = rows.getLong(3);
                tally.rowsQuarantined = rows.getLong(4);
                tally.rowsUnparsedAmount = rows.getLong(5);
            });
            query(db, "SELECT file, rows, amount, file = max(file) OVER (PARTITION BY scenario, period) FROM partitions",
                    rows -> {
                Tally tally = tallies.computeIfAbsent(rows.getInt(1), file -> new Tally());
                tally.amountValid = tally.amountValid.add(rows.getBigDecimal(3));
                if (!rows.getBoolean(4)) {
                    // A later file of this load delivers the same (scenario, period): it wins it whole.
                    tally.amountSuperseded = tally.amountSuperseded.add(rows.getBigDecimal(3));
                }
            });
            // Exact, as the Spark path adds them: a rejected amount may have more decimals or digits
            // than any DECIMAL holds, and there are few.
            query(db, "SELECT file, rejected_amount FROM validated WHERE kind = 'REJECTED' AND rejected_amount IS NOT NULL",
                    rows -> {
                Tally tally = tallies.get(rows.getInt(1));
                tally.amountQuarantined = tally.amountQuarantined.add(new BigDecimal(rows.getString(2)));
            });
            return tallies;
        }

        private void writeQuarantine(Connection db) throws SQLException, IOException {
            Path dir = layout.quarantineDir(loadId);
            Files.createDirectories(dir);
            execute(db, "COPY (SELECT " + SqlLiteral.of(loadId) + " AS load_id, " + SqlLiteral.of(SourceKind.LEDGER.folder())
                    + " AS source, f.source_file, v.line_number, v.reason, v.raw_line"
                    + " FROM validated v JOIN files f USING (file) WHERE v.kind = 'REJECTED'"
                    + " ORDER BY f.source_file, v.line_number)"
                    + " TO " + SqlLiteral.of(dir.resolve("ledger-baseline.parquet").toString()) + " (FORMAT parquet)");
        }

        /**
         * Valid lines of the partitions each file wins, summed to the fact grain (one source file per
         * partition), at the fact's types, to staging by year and month.
         */
        private void writeFacts(Connection db) throws SQLException {
            // Summed by file number, named afterwards: hashing a number beats hashing a path per line.
            execute(db, "COPY (SELECT a.period, a.scenario, a.cost_center, a.account, a.activity, a.counterpart,"
                    + " a.amount, f.source_file, " + SqlLiteral.of(loadId) + " AS load_id,"
                    // the baseline's deliveries carry no forecast versions (FactSchema.LEDGER's last column)
                    + " CAST(NULL AS INTEGER) AS forecast_made,"
                    + " a.period // 100 AS year, lpad(CAST(a.period % 100 AS VARCHAR), 2, '0') AS month"
                    + " FROM (SELECT v.file, v.period, v.scenario, v.cost_center, v.account, v.activity, v.counterpart,"
                    + " CAST(sum(v.amount) AS DECIMAL(18, 2)) AS amount"
                    + " FROM validated v"
                    + " JOIN (SELECT scenario, period, max(file) AS file FROM partitions GROUP BY ALL) w"
                    + " ON w.file = v.file AND w.scenario = v.scenario AND w.period = v.period"
                    + " WHERE v.kind = 'VALID'"
                    + " GROUP BY v.file, v.period, v.scenario, v.cost_center, v.account, v.activity, v.counterpart) a"
                    + " JOIN files f ON f.file = a.file)"
                    + " TO " + SqlLiteral.of(staging.toString())
                    + " (FORMAT parquet, PARTITION_BY (year, month), FILENAME_PATTERN "
                    + SqlLiteral.of(FactSchema.LEDGER.table() + "-" + loadId + "-{i}") + ")");
        }

        /** What the staged files really hold, per partition: one source file each, rows and amount. */
        private ReadBack readBack(Connection db, List<LedgerDelivery> deliveries) throws SQLException {
            ReadBack readBack = new ReadBack();
            if (!Files.isDirectory(staging)) {
                return readBack;
            }
            query(db, "SELECT scenario, period, count(DISTINCT source_file), any_value(source_file), count(*),"
                    + " sum(amount) FROM read_parquet(" + SqlLiteral.of(staging.resolve("*/*/*.parquet").toString())
                    + ", hive_partitioning = false) GROUP BY scenario, period", rows -> {
                if (rows.getLong(3) != 1) {
                    throw new IllegalStateException("ledger partition " + rows.getString(1) + ":" + rows.getInt(2)
                            + " holds rows of " + rows.getLong(3) + " source files");
                }
                readBack.rows += rows.getLong(5);
                readBack.loadedBySource.merge(rows.getString(4), rows.getBigDecimal(6), BigDecimal::add);
            });
            return readBack;
        }

        /** Staged files into {@code facts/ledger/year=YYYY/month=MM/}; never over an existing file. */
        private void publish() throws IOException {
            Path facts = layout.factTableDir(FactSchema.LEDGER.table());
            List<Path> files;
            try (Stream<Path> tree = Files.walk(staging)) {
                files = tree.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
            }
            for (Path file : files) {
                Path target = facts.resolve(staging.relativize(file).toString());
                Files.createDirectories(target.getParent());
                if (Files.exists(target)) {
                    throw new FileAlreadyExistsException(target.toString());
                }
                Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            }
        }

        private <T> T timed(String phase, Work<T> work) throws SQLException, IOException {
            long start = System.nanoTime();
            long startCpu = processCpuNanos();
            try {
                return work.run();
            } finally {
                phases.merge(phase, Duration.ofNanos(System.nanoTime() - start), Duration::plus);
                phasesCpu.merge(phase, Duration.ofNanos(processCpuNanos() - startCpu), Duration::plus);
            }
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException, IOException;
    }

    @FunctionalInterface
    private interface RowHandler {
        void accept(ResultSet row) throws SQLException;
    }

    /** Counts and amounts of one file, as etl's FileTally has them. */
    private static final class Tally {
        long rowsRead;
        long blankLines;
        long rowsQuarantined;
        long rowsUnparsedAmount;
        BigDecimal amountValid = BigDecimal.ZERO;
        BigDecimal amountQuarantined = BigDecimal.ZERO;
        BigDecimal amountSuperseded = BigDecimal.ZERO;

        BigDecimal amountTotal() {
            return amountValid.add(amountQuarantined);
        }

        /** The file as validated; nothing loaded yet. */
        BaselineResult.FileResult result(LedgerDelivery delivery, boolean rejected, String problem) {
            LedgerHeader header = delivery.header();
            return new BaselineResult.FileResult(delivery.sourceFile(), header == null ? null : header.encodingLabel(),
                    header == null ? null : header.delimiter().label(), rejected, rowsRead, rowsQuarantined,
                    rowsUnparsedAmount, blankLines, amountTotal(), BigDecimal.ZERO, amountQuarantined,
                    BigDecimal.ZERO, true, problem);
        }

        /** The file once its facts are read back: loaded + quarantined + superseded must be its total. */
        BaselineResult.FileResult reconcile(BaselineResult.FileResult validated, BigDecimal loaded) {
            boolean reconciled = amountTotal().compareTo(loaded.add(amountQuarantined).add(amountSuperseded)) == 0;
            String problem = reconciled ? null : validated.sourceFile() + " does not reconcile: total "
                    + amountTotal().toPlainString() + " ≠ loaded " + loaded.toPlainString() + " + quarantined "
                    + amountQuarantined.toPlainString() + " + superseded " + amountSuperseded.toPlainString();
            return new BaselineResult.FileResult(validated.sourceFile(), validated.encoding(), validated.delimiter(),
                    !reconciled, rowsRead, rowsQuarantined, rowsUnparsedAmount, blankLines, amountTotal(), loaded,
                    amountQuarantined, amountSuperseded, reconciled, problem);
        }
    }

    private static final class ReadBack {
        long rows;
        final Map<String, BigDecimal> loadedBySource = new HashMap<>();

        BigDecimal loaded(String sourceFile) {
            return loadedBySource.getOrDefault(sourceFile, BigDecimal.ZERO);
        }
    }

    /** CPU time of the whole process so far, or 0 where the JVM cannot tell. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }

    /** {@code ledger/<file name>}: what the load job calls a file delivered in {@code <landing>/ledger/}. */
    private static String sourceFile(Path file) {
        return SourceKind.LEDGER.folder() + "/" + file.getFileName();
    }

    // A fresh statement per query: DuckDB's JDBC driver closes a statement after a failed query (SPEC §9).
    private static void execute(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void query(Connection db, String sql, RowHandler handler) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                handler.accept(rows);
            }
        }
    }

    static String resource(String name) {
        try (InputStream in = DuckDbLedgerBaseline.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }

}

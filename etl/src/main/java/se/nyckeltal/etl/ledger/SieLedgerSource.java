package se.nyckeltal.etl.ledger;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import se.nyckeltal.etl.extract.Delivery;
import se.nyckeltal.etl.extract.ExtractLine;
import se.nyckeltal.etl.extract.LandingFile;
import se.nyckeltal.etl.extract.UnreadableFileException;
import se.nyckeltal.etl.ledger.sie.SieReadResult;
import se.nyckeltal.schemas.contract.LedgerContract;
import se.nyckeltal.schemas.contract.Scenario;
import se.nyckeltal.schemas.text.ExtractFormatException;

/**
 * A ledger in SIE 4 (SPEC §3). SIE files are small exports of a period's balances and
 * transactions, so the driver reads them whole and hands Spark the resulting lines. A forecast file
 * ({@link SieForecastFile}: {@code prognos-2024-02.se}) loads its {@code #PBUDGET} rows as that forecast.
 */
final class SieLedgerSource implements Delivery {
    private static final long serialVersionUID = 1L;
    /** Read on the driver; only the lines go to the Spark task. */
    private final transient SieReadResult read;
    private final List<ExtractLine> lines;
    private final List<String> warnings;

    private SieLedgerSource(SieReadResult read, List<ExtractLine> lines, List<String> warnings) {
        this.read = requireNonNull(read, "read");
        this.lines = List.copyOf(lines);
        this.warnings = List.copyOf(warnings);
    }

    static boolean accepts(LandingFile file) {
        String name = file.fileName().toLowerCase(Locale.ROOT);
        return LedgerContract.SIE_SUFFIXES.stream().anyMatch(name::endsWith);
    }

    /**
     * @param reader reads one SIE file: its name and content to entries and rejected lines
     * @throws UnreadableFileException when the reader refuses the file
     */
    static SieLedgerSource open(LandingFile file, BiFunction<String, byte[], SieReadResult> reader) {
        Optional<SieForecastFile> forecast = SieForecastFile.of(file.fileName());
        byte[] content;
        try {
            content = Files.readAllBytes(file.path());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.path(), e);
        }
        SieReadResult read;
        try {
            read = reader.apply(file.fileName(), content);
        } catch (ExtractFormatException e) {
            throw new UnreadableFileException(null, null, e.getMessage());
        }
        List<ExtractLine> lines = new ArrayList<>(read.entries().size() + read.rejected().size());
        List<String> warnings = new ArrayList<>(read.warnings());
        forecast.flatMap(f -> f.warning(file.fileName())).ifPresent(warnings::add);
        for (LedgerEntry delivered : read.entries()) {
            LedgerEntry entry = forecast.isPresent() && delivered.scenario().equals(Scenario.BUDGET.name())
                    ? forecast.get().forecast(delivered) : delivered;
            // The same rule as for CSV: an amount that is not exact in öre is never rounded away.
            String problem = CsvLedgerParser.amountProblem(entry.amount(), entry.amount().toPlainString());
            lines.add(problem == null ? entry.line()
                    : ExtractLine.rejected(entry.lineNumber(), problem, null, entry.amount()));
        }
        for (RejectedLine rejected : read.rejected()) {
            lines.add(ExtractLine.rejected(rejected.lineNumber(), rejected.reason(), rejected.rawLine(),
                    rejected.amount()));
        }
        return new SieLedgerSource(read, lines, warnings);
    }

    @Override
    public String encoding() {
        return read.encoding();
    }

    @Override
    public String delimiter() {
        return null;
    }

    @Override
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public Iterator<ExtractLine> lines() {
        return lines.iterator();
    }
}

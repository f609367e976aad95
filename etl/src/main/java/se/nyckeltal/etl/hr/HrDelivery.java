package se.nyckeltal.etl.hr;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import se.nyckeltal.etl.extract.CsvExtract;
import se.nyckeltal.etl.extract.Delivery;
import se.nyckeltal.etl.extract.ExtractLine;
import se.nyckeltal.etl.extract.LandingFile;
import se.nyckeltal.etl.extract.MappedIterator;
import se.nyckeltal.schemas.contract.HrContract;
import se.nyckeltal.schemas.text.Delimiter;
import se.nyckeltal.schemas.text.HeaderMatcher.ColumnMapping;

/**
 * An HR CSV delivery read by the shared CSV rules, whose rejected lines leave with the employee id
 * masked ({@link EmployeeIdMask}): the quarantine is readable by analysts, the id is personal data.
 * Lines the shared rules reject (unreadable, wrong number of fields) are masked the same way.
 */
final class HrDelivery implements Delivery {
    private static final long serialVersionUID = 1L;
    private final CsvExtract csv;
    private final EmployeeIdMask mask;

    private HrDelivery(CsvExtract csv, EmployeeIdMask mask) {
        this.csv = requireNonNull(csv, "csv");
        this.mask = requireNonNull(mask, "mask");
    }

    /** @throws se.nyckeltal.etl.extract.UnreadableFileException as {@link CsvExtract#open} */
    static HrDelivery open(LandingFile file, PseudonymKey key) {
        ColumnMapping[] header = new ColumnMapping[1];
        CsvExtract csv = CsvExtract.open(file, HrContract.COLUMNS, mapping -> {
            header[0] = mapping;
            return new HrRowParser(mapping, key);
        });
        Delimiter delimiter = Arrays.stream(Delimiter.values()).filter(d -> d.label().equals(csv.delimiter()))
                .findFirst().orElseThrow();
        return new HrDelivery(csv, new EmployeeIdMask(delimiter.character(),
                header[0].indexOf(HrContract.EMPLOYEE_ID), header[0].fieldCount()));
    }

    @Override
    public String encoding() {
        return csv.encoding();
    }

    @Override
    public String delimiter() {
        return csv.delimiter();
    }

    @Override
    public List<String> warnings() {
        return csv.warnings();
    }

    @Override
    public Iterator<ExtractLine> lines() {
        return new MappedIterator<>(csv.lines(), line -> line.kind() != ExtractLine.Kind.REJECTED ? line
                : ExtractLine.rejected(line.lineNumber(), line.reason(), mask.mask(line.lineNumber(), line.rawLine()),
                        line.measure()));
    }
}

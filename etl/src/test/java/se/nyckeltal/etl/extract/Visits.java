package se.nyckeltal.etl.extract;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import se.nyckeltal.schemas.contract.ColumnSpec;
import se.nyckeltal.schemas.contract.Scenario;
import se.nyckeltal.schemas.contract.SourceKind;
import se.nyckeltal.schemas.fact.ColumnType;
import se.nyckeltal.schemas.fact.FactColumn;
import se.nyckeltal.schemas.fact.FactSchema;
import se.nyckeltal.schemas.text.DecimalText;
import se.nyckeltal.schemas.text.ExtractFormatException;
import se.nyckeltal.schemas.text.HeaderMatcher.ColumnMapping;
import se.nyckeltal.schemas.text.PeriodText;

/**
 * A made-up source for the tests of the shared extract: visit counts per period and unit, with a
 * volume of up to 4 decimals as the measure — everything a source supplies, and nothing ledger.
 */
final class Visits {
    static final ColumnSpec PERIOD = ColumnSpec.required("period");
    static final ColumnSpec UNIT = ColumnSpec.required("unit", "enhet");
    static final ColumnSpec SCENARIO = ColumnSpec.optional("scenario", "typ");
    static final ColumnSpec VOLUME = ColumnSpec.required("volume", "antal");
    static final List<ColumnSpec> CONTRACT = List.of(PERIOD, UNIT, SCENARIO, VOLUME);

    static final ExtractLine.Schema LINES = new ExtractLine.Schema("volume", DataTypes.createDecimalType(18, 4),
            List.of(DataTypes.createStructField("unit", DataTypes.StringType, false)));

    static final FactSchema FACT = new FactSchema("visits", "one row per period × unit × scenario", List.of(
            new FactColumn("period", ColumnType.INT, false),
            new FactColumn("scenario", ColumnType.STRING, false),
            new FactColumn("unit", ColumnType.STRING, false),
            new FactColumn("volume", ColumnType.QUANTITY, false),
            new FactColumn("source_file", ColumnType.STRING, false),
            new FactColumn("load_id", ColumnType.STRING, false)));

    private Visits() {}

    /** The source's ingest: exactly what a real source wires together. */
    static ExtractIngest ingest(SparkSession spark, IngestSettings settings) {
        return new ExtractIngest(spark, settings, SourceKind.PRODUCTION, FACT, LINES,
                file -> CsvExtract.open(file, CONTRACT, Parser::new),
                FactGrain.summed(List.of("unit"), List.of(), UnaryOperator.identity()));
    }

    static final class Parser implements CsvExtract.RowParser {
        private static final long serialVersionUID = 1L;
        private final int period;
        private final int unit;
        private final int scenario;
        private final int volume;

        Parser(ColumnMapping mapping) {
            period = mapping.indexOf(PERIOD);
            unit = mapping.indexOf(UNIT);
            scenario = mapping.indexOf(SCENARIO);
            volume = mapping.indexOf(VOLUME);
        }

        @Override
        public ExtractLine parse(long lineNumber, String text, List<String> fields) {
            List<String> problems = new ArrayList<>();
            BigDecimal value = null;
            try {
                value = DecimalText.parse(fields.get(volume));
                if (value.scale() > 4) {
                    problems.add("volume has more than 4 decimals");
                }
            } catch (ExtractFormatException e) {
                problems.add("volume " + e.getMessage());
            }
            int yyyymm = 0;
            try {
                yyyymm = PeriodText.yyyymm(PeriodText.parsePeriod(fields.get(period)));
            } catch (ExtractFormatException e) {
                problems.add("period " + e.getMessage());
            }
            String unitValue = fields.get(unit).strip();
            if (unitValue.isEmpty()) {
                problems.add("unit is empty");
            }
            String scenarioValue = Scenario.ACTUAL.name();
            try {
                scenarioValue = scenario < 0 ? scenarioValue : Scenario.parse(fields.get(scenario)).name();
            } catch (IllegalArgumentException e) {
                problems.add("scenario: " + e.getMessage());
            }
            if (!problems.isEmpty()) {
                return ExtractLine.rejected(lineNumber, String.join("; ", problems), text, value);
            }
            return ExtractLine.valid(lineNumber, scenarioValue, yyyymm, value, unitValue);
        }
    }
}

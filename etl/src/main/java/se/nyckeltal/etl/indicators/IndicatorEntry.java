package se.nyckeltal.etl.indicators;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import se.nyckeltal.etl.extract.ExtractLine;

/**
 * One valid indicator measurement as delivered, before it is summed to the fact grain.
 *
 * @param period YYYYMM
 * @param scenario ACTUAL, BUDGET or FORECAST
 * @param indicator upper case, a code of indicators.csv
 * @param numerator not negative, scale at most 4
 * @param denominator null for a count; not negative, scale at most 4
 * @param lineNumber physical line in the delivered file (1 = first line)
 */
record IndicatorEntry(int period, String scenario, String unit, String indicator, BigDecimal numerator,
        BigDecimal denominator, long lineNumber) implements Serializable {
    static final String UNIT = "unit";
    static final String INDICATOR = "indicator";
    /** The measures an indicator file reconciles on, Σ numerator and Σ denominator, DECIMAL(18,4) as in the fact. */
    static final String NUMERATOR = "numerator";
    static final String DENOMINATOR = "denominator";

    /**
     * Validated indicator lines as Spark carries them: {@link #line()} gives the values in this order. The
     * denominator is the second measure: a file reconciles on it too.
     */
    static final ExtractLine.Schema LINES = new ExtractLine.Schema(NUMERATOR, DataTypes.createDecimalType(18, 4),
            List.of(DataTypes.createStructField(UNIT, DataTypes.StringType, false),
                    DataTypes.createStructField(INDICATOR, DataTypes.StringType, false),
                    DataTypes.createStructField(DENOMINATOR, DataTypes.createDecimalType(18, 4), true)), DENOMINATOR);

    IndicatorEntry {
        requireNonNull(scenario, "scenario");
        requireNonNull(unit, "unit");
        requireNonNull(indicator, "indicator");
        requireNonNull(numerator, "numerator");
    }

    /** This entry as a valid line of {@link #LINES}. */
    ExtractLine line() {
        return ExtractLine.valid(lineNumber, scenario, period, numerator, unit, indicator, denominator);
    }
}

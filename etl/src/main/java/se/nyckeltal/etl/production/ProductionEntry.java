package se.nyckeltal.etl.production;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import se.nyckeltal.etl.extract.ExtractLine;

/**
 * One valid production volume as read from a delivery (a month's or a day's row), before it is
 * summed to the fact grain.
 *
 * @param period YYYYMM (a daily row's month)
 * @param scenario ACTUAL, BUDGET or FORECAST
 * @param provider a {@code Provider} name
 * @param contactType upper case, as delivered; codes missing from contact_types.csv are kept
 * @param counterpart the provider organisation (motpart), or null when the delivery names none
 * @param volume not negative, scale at most 4
 * @param lineNumber physical line in the delivered file (1 = first line)
 */
record ProductionEntry(
        int period, String scenario, String unit, String provider, String contactType, String counterpart,
        BigDecimal volume, long lineNumber) implements Serializable {
    /** The month column of the lines and of the fact (ExtractLine.PERIOD). */
    static final String PERIOD_COLUMN = ExtractLine.PERIOD;
    static final String UNIT = "unit";
    static final String PROVIDER = "provider";
    static final String CONTACT_TYPE = "contact_type";
    static final String COUNTERPART = "counterpart";
    /** The measure a production file reconciles on, DECIMAL(18,4) as in the fact. */
    static final String VOLUME = "volume";
    static final String WEIGHTED_VOLUME = "weighted_volume";

    /** Validated production lines as Spark carries them: {@link #line()} gives the values in this order. */
    static final ExtractLine.Schema LINES = new ExtractLine.Schema(VOLUME, DataTypes.createDecimalType(18, 4), List.of(
            DataTypes.createStructField(UNIT, DataTypes.StringType, false),
            DataTypes.createStructField(PROVIDER, DataTypes.StringType, false),
            DataTypes.createStructField(CONTACT_TYPE, DataTypes.StringType, false),
            DataTypes.createStructField(COUNTERPART, DataTypes.StringType, true)));

    ProductionEntry {
        requireNonNull(scenario, "scenario");
        requireNonNull(unit, "unit");
        requireNonNull(provider, "provider");
        requireNonNull(contactType, "contactType");
        requireNonNull(volume, "volume");
    }

    /** This entry as a valid line of {@link #LINES}. */
    ExtractLine line() {
        return ExtractLine.valid(lineNumber, scenario, period, volume, unit, provider, contactType, counterpart);
    }
}

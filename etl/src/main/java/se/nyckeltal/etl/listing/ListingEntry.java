package se.nyckeltal.etl.listing;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import se.nyckeltal.etl.extract.ExtractLine;
import se.nyckeltal.schemas.contract.Scenario;

/**
 * One valid listing row as read from a delivery: a count (or the ACG points) of one unit at the end of
 * one month, before duplicates are summed to the fact grain.
 *
 * @param period YYYYMM
 * @param measure LISTED, ACTIVE_LISTED, ACG_POINTS or CNI_&lt;FACTOR&gt;, upper case
 * @param gender K or M on LISTED rows, null otherwise
 * @param ageBand canonical age band ({@code 0-4}, {@code 100-}) on LISTED rows, null otherwise
 * @param quantity not negative; whole persons for every measure but ACG_POINTS
 * @param lineNumber physical line in the delivered file (1 = first line)
 */
record ListingEntry(int period, String unit, String measure, String gender, String ageBand, BigDecimal quantity,
        long lineNumber) implements Serializable {
    /** Listings have no budget: every row is ACTUAL, and a partition is (listings, period). */
    static final String SCENARIO = Scenario.ACTUAL.name();
    static final String UNIT = "unit";
    static final String MEASURE = "measure";
    static final String GENDER = "gender";
    static final String AGE_BAND = "age_band";
    /** The measure a listings file reconciles on, DECIMAL(18,4) as in the fact. */
    static final String QUANTITY = "quantity";

    /** Validated listing lines as Spark carries them: {@link #line()} gives the values in this order. */
    static final ExtractLine.Schema LINES = new ExtractLine.Schema(QUANTITY, DataTypes.createDecimalType(18, 4), List.of(
            DataTypes.createStructField(UNIT, DataTypes.StringType, false),
            DataTypes.createStructField(MEASURE, DataTypes.StringType, false),
            DataTypes.createStructField(GENDER, DataTypes.StringType, true),
            DataTypes.createStructField(AGE_BAND, DataTypes.StringType, true)));

    ListingEntry {
        requireNonNull(unit, "unit");
        requireNonNull(measure, "measure");
        requireNonNull(quantity, "quantity");
    }

    /** This entry as a valid line of {@link #LINES}. */
    ExtractLine line() {
        return ExtractLine.valid(lineNumber, SCENARIO, period, quantity, unit, measure, gender, ageBand);
    }
}

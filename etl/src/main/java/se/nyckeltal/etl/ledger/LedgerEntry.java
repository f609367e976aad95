package se.nyckeltal.etl.ledger;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import se.nyckeltal.etl.extract.ExtractLine;
import se.nyckeltal.schemas.fact.FactSchema;

/**
 * One valid ledger amount as read from a delivery, before aggregation to the fact grain. Both ledger
 * formats (CSV and SIE 4) produce these.
 *
 * @param period YYYYMM
 * @param scenario ACTUAL, BUDGET or FORECAST; {@code FORECAST@YYYYMM} for a forecast that says the month
 *     it was made ({@link #forecastVersion}): the partition's key, split into scenario and
 *     forecast_made when the fact is written
 * @param activity null when the delivery has none
 * @param counterpart null when the delivery has none
 * @param amount debit positive (costs +, revenues −), scale at most 2
 * @param lineNumber physical line in the delivered file (1 = first line)
 */
public record LedgerEntry(
        int period, String scenario, String costCenter, String account, String activity, String counterpart,
        BigDecimal amount, long lineNumber) implements Serializable {
    static final String COST_CENTER = "cost_center";
    static final String ACCOUNT = "account";
    static final String ACTIVITY = "activity";
    static final String COUNTERPART = "counterpart";
    /** The measure a ledger file reconciles on, DECIMAL(18,2) as in the fact. */
    static final String AMOUNT = "amount";
    static final String FORECAST_MADE = "forecast_made";

    /** Validated ledger lines as Spark carries them: {@link #line()} gives the values in this order. */
    static final ExtractLine.Schema LINES = new ExtractLine.Schema(AMOUNT, DataTypes.createDecimalType(18, 2), List.of(
            DataTypes.createStructField(COST_CENTER, DataTypes.StringType, false),
            DataTypes.createStructField(ACCOUNT, DataTypes.StringType, false),
            DataTypes.createStructField(ACTIVITY, DataTypes.StringType, true),
            DataTypes.createStructField(COUNTERPART, DataTypes.StringType, true)));

    public LedgerEntry {
        requireNonNull(scenario, "scenario");
        requireNonNull(costCenter, "costCenter");
        requireNonNull(account, "account");
        requireNonNull(amount, "amount");
    }

    /** The scenario key of a forecast made in {@code forecastMade} (YYYYMM): {@code FORECAST@YYYYMM}. */
    static String forecastVersion(int forecastMade) {
        return "FORECAST" + FactSchema.VERSION_SEPARATOR + forecastMade;
    }

    /** This entry as a valid line of {@link #LINES}. */
    ExtractLine line() {
        return ExtractLine.valid(lineNumber, scenario, period, amount, costCenter, account, activity, counterpart);
    }
}

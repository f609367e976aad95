package se.nyckeltal.schemas.contract;

import java.util.List;

/** Ledger CSV (huvudboksutdrag aggregated per period), SPEC §3. Sign: debit positive. */
public final class LedgerContract {
    public static final ColumnSpec PERIOD = ColumnSpec.required("period");
    public static final ColumnSpec COST_CENTER = ColumnSpec.required("cost_center", "kostnadsställe", "kst", "ansvar");
    public static final ColumnSpec ACCOUNT = ColumnSpec.required("account", "konto");
    public static final ColumnSpec ACTIVITY = ColumnSpec.optional("activity", "verksamhet");
    public static final ColumnSpec COUNTERPART = ColumnSpec.optional("counterpart", "motpart");
    public static final ColumnSpec SCENARIO = ColumnSpec.optional("scenario", "typ");
    public static final ColumnSpec AMOUNT = ColumnSpec.required("amount", "belopp");
    /**
     * The month a FORECAST row's forecast was made (YYYYMM): its version. Forecast partitions are
     * (ledger, FORECAST, forecast_made, period), so February's forecast and the tertial's both stay.
     */
    public static final ColumnSpec FORECAST_MADE = ColumnSpec.optional("forecast_made", "prognosmånad");

    /** In the order the canonical export writes them. */
    public static final List<ColumnSpec> COLUMNS =
            List.of(PERIOD, COST_CENTER, ACCOUNT, ACTIVITY, COUNTERPART, SCENARIO, AMOUNT, FORECAST_MADE);

    /** File name endings read as SIE 4 rather than CSV. */
    public static final List<String> SIE_SUFFIXES = List.of(".se", ".si", ".sie");

    private LedgerContract() {}
}

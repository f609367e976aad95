package se.nyckeltal.schemas.contract;

import java.util.List;

/**
 * Indicator measurements CSV (indikatorer), SPEC §3: figures measured in other systems (the care
 * guarantee, 1177 waiting time, readmissions, outlying patients, share of digital visits) as a
 * numerator and a denominator per unit and month. An empty denominator makes the row a count. The
 * indicator must be a code of reference {@code indicators.csv}.
 */
public final class IndicatorContract {
    public static final ColumnSpec PERIOD = ColumnSpec.required("period", "månad");
    public static final ColumnSpec UNIT = ColumnSpec.required("unit", "enhet", "kostnadsställe", "kst");
    public static final ColumnSpec INDICATOR = ColumnSpec.required("indicator", "indikator");
    public static final ColumnSpec NUMERATOR = ColumnSpec.required("numerator", "täljare");
    public static final ColumnSpec DENOMINATOR = ColumnSpec.optional("denominator", "nämnare");
    public static final ColumnSpec SCENARIO = ColumnSpec.optional("scenario", "typ");

    /** In the order the canonical export writes them. */
    public static final List<ColumnSpec> COLUMNS = List.of(PERIOD, UNIT, INDICATOR, NUMERATOR, DENOMINATOR, SCENARIO);

    /** Numerators and denominators carry at most this many decimals, as the fact's QUANTITY type. */
    public static final int SCALE = 4;
    /** DECIMAL(18,4): fourteen digits before the decimal mark. */
    public static final int PRECISION = 18;

    private IndicatorContract() {}
}

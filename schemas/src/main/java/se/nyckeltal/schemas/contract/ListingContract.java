package se.nyckeltal.schemas.contract;

import java.util.List;

/**
 * Listings CSV (vårdval, SPEC §3): per vårdcentral and month end, the listed persons per gender and age
 * band ({@code LISTED}), the active listed ({@code ACTIVE_LISTED}), the listed persons' Σ ACG case-mix
 * weights ({@code ACG_POINTS}) and the listed persons with each Care Need Index factor
 * ({@code CNI_<FACTOR>}). Gender and age band are given for LISTED rows only.
 *
 * <p>A file without a measure column holds LISTED rows only: {@code period;enhet;kön;åldersgrupp;listade}
 * is the export most listing systems make.
 */
public final class ListingContract {
    public static final ColumnSpec PERIOD = ColumnSpec.required("period", "månad");
    public static final ColumnSpec UNIT = ColumnSpec.required("unit", "enhet", "vårdcentral", "vårdenhet",
            "kostnadsställe", "kst");
    public static final ColumnSpec MEASURE = ColumnSpec.optional("measure", "mått");
    public static final ColumnSpec GENDER = ColumnSpec.optional("gender", "kön");
    public static final ColumnSpec AGE_BAND = ColumnSpec.optional("age_band", "åldersgrupp", "åldersintervall");
    public static final ColumnSpec QUANTITY = ColumnSpec.required("quantity", "antal", "listade");

    /** In the order the canonical export writes them. */
    public static final List<ColumnSpec> COLUMNS = List.of(PERIOD, UNIT, MEASURE, GENDER, AGE_BAND, QUANTITY);

    /** Listed persons of one gender and age band at month end (kön, åldersgrupp). */
    public static final String LISTED = "LISTED";
    /** Listed persons who had a contact in the qualifying period (aktiva listade). */
    public static final String ACTIVE_LISTED = "ACTIVE_LISTED";
    /** Σ of the listed persons' ACG case-mix weights (ACG-poäng). */
    public static final String ACG_POINTS = "ACG_POINTS";
    /** Prefix of the Care Need Index measures: CNI_&lt;FACTOR&gt; counts listed persons with that factor. */
    public static final String CNI_PREFIX = "CNI_";

    /** Quantities carry at most this many decimals (ACG points), as the fact's QUANTITY type. */
    public static final int QUANTITY_SCALE = 4;
    /** DECIMAL(18,4): fourteen digits before the decimal mark. */
    public static final int QUANTITY_PRECISION = 18;

    private ListingContract() {}
}

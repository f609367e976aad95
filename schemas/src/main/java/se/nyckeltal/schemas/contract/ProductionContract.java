package se.nyckeltal.schemas.contract;

import java.util.List;

/**
 * Production CSV (vårdproduktion), SPEC §3: volumes per month ({@code period}) or per day
 * ({@code date}, summed to its month), unit, provider type, contact type and scenario. A file needs
 * {@code period} or {@code date}; when it has both, a row's period is its date's month and the two
 * must agree.
 */
public final class ProductionContract {
    public static final ColumnSpec PERIOD = ColumnSpec.optional("period", "månad");
    public static final ColumnSpec DATE = ColumnSpec.optional("date", "datum", "dag");
    public static final ColumnSpec UNIT = ColumnSpec.required("unit", "enhet", "kostnadsställe", "kst");
    public static final ColumnSpec PROVIDER = ColumnSpec.optional("provider", "vårdgivartyp", "vårdgivare", "driftform");
    public static final ColumnSpec CONTACT_TYPE = ColumnSpec.required("contact_type", "kontakttyp");
    public static final ColumnSpec VOLUME = ColumnSpec.required("volume", "antal", "volym");
    public static final ColumnSpec SCENARIO = ColumnSpec.optional("scenario", "typ");
    /** The provider organisation (e.g. a digital care provider), matched by id to the ledger's counterpart. */
    public static final ColumnSpec COUNTERPART = ColumnSpec.optional("counterpart", "motpart");

    /** In the order the canonical export writes them (with period; a daily export has date instead). */
    public static final List<ColumnSpec> COLUMNS =
            List.of(PERIOD, DATE, UNIT, PROVIDER, CONTACT_TYPE, VOLUME, SCENARIO, COUNTERPART);

    /** Volumes carry at most this many decimals (DRG points), as the fact's QUANTITY type. */
    public static final int VOLUME_SCALE = 4;
    /** DECIMAL(18,4): fourteen digits before the decimal mark. */
    public static final int VOLUME_PRECISION = 18;

    private ProductionContract() {}
}

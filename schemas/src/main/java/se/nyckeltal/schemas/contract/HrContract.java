package se.nyckeltal.schemas.contract;

import java.util.List;

/**
 * HR time CSV (tidrapportering från HR-/lönesystemet), SPEC §3: one row per employee, day and hour
 * type. Employee ids are personal data: pseudonymised at ingest, never stored or shown as delivered.
 */
public final class HrContract {
    public static final ColumnSpec DATE = ColumnSpec.required("date", "datum");
    public static final ColumnSpec EMPLOYEE_ID = ColumnSpec.required("employee_id",
            "anställningsnummer", "anställningsnr", "anstnr", "anst_nr");
    public static final ColumnSpec COST_CENTER = ColumnSpec.required("cost_center", "kostnadsställe", "kst");
    public static final ColumnSpec STAFF_CATEGORY = ColumnSpec.required("staff_category", "personalkategori");
    public static final ColumnSpec PROFESSION = ColumnSpec.required("profession", "yrke", "yrkesgrupp");
    public static final ColumnSpec GENDER = ColumnSpec.required("gender", "kön");
    public static final ColumnSpec BIRTH_YEAR = ColumnSpec.required("birth_year", "födelseår");
    public static final ColumnSpec HOUR_TYPE = ColumnSpec.required("hour_type", "timtyp", "tidtyp");
    public static final ColumnSpec HOURS = ColumnSpec.required("hours", "timmar");

    /** In the order the canonical export writes them. */
    public static final List<ColumnSpec> COLUMNS = List.of(DATE, EMPLOYEE_ID, COST_CENTER, STAFF_CATEGORY, PROFESSION,
            GENDER, BIRTH_YEAR, HOUR_TYPE, HOURS);

    /** Most hours of one type one employee can have on one day (summed over the day's rows). */
    public static final int MAX_HOURS_PER_DAY = 24;

    /** An age (row year − birth year) outside this range is a typing error, not an employee. */
    public static final int MIN_AGE = 13;
    public static final int MAX_AGE = 100;

    private HrContract() {}
}

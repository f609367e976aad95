package se.nyckeltal.schemas.fact;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * The columns of one Parquet table as written by etl and read by the warehouse. Both sides build
 * their types from here, so a fact has exactly one schema.
 *
 * @param restricted employee-level data: written under {@code W/restricted/} only, never a view in
 *     the analyst catalogue (the catalogue build may read it into aggregated, suppressed tables)
 * @param versionColumn a column that splits a (scenario, period) partition into versions that are
 *     replaced separately (the ledger's forecast_made, a comment file's delivery), or null. A
 *     partition's scenario key is then {@code SCENARIO@version} where the column is set
 *     ({@link #VERSION_SEPARATOR}), the plain scenario where it is NULL.
 */
public record FactSchema(String table, String grain, List<FactColumn> columns, boolean restricted,
        String versionColumn) {
    /** Between a scenario and its version in a partition's scenario key: {@code FORECAST@202402}. */
    public static final String VERSION_SEPARATOR = "@";

    public FactSchema {
        requireNonNull(table, "table");
        requireNonNull(grain, "grain");
        columns = List.copyOf(columns);
        if (versionColumn != null && columns.stream().noneMatch(c -> c.name().equals(versionColumn))) {
            throw new IllegalArgumentException(table + " has no version column " + versionColumn);
        }
    }

    public FactSchema(String table, String grain, List<FactColumn> columns, boolean restricted) {
        this(table, grain, columns, restricted, null);
    }

    /** A fact analysts may see (not restricted). */
    public FactSchema(String table, String grain, List<FactColumn> columns) {
        this(table, grain, columns, false, null);
    }

    /**
     * Ledger fact. One row per period × cost centre × account × activity × counterpart × scenario ×
     * forecast_made, from exactly one delivered file (a partition is replaced whole by one file).
     * forecast_made (YYYYMM) is set on FORECAST rows that say when their forecast was made, and is the
     * partition's version: each forecast made stays beside the others.
     */
    public static final FactSchema LEDGER = new FactSchema(
            "ledger",
            "one row per period × cost_center × account × activity × counterpart × scenario × forecast_made",
            List.of(
                    new FactColumn("period", ColumnType.INT, false),
                    new FactColumn("scenario", ColumnType.STRING, false),
                    new FactColumn("cost_center", ColumnType.STRING, false),
                    new FactColumn("account", ColumnType.STRING, false),
                    new FactColumn("activity", ColumnType.STRING, true),
                    new FactColumn("counterpart", ColumnType.STRING, true),
                    new FactColumn("amount", ColumnType.AMOUNT, false),
                    new FactColumn("source_file", ColumnType.STRING, false),
                    new FactColumn("load_id", ColumnType.STRING, false),
                    new FactColumn("forecast_made", ColumnType.INT, true)),
            false,
            "forecast_made");

    /**
     * Production fact (vårdproduktion). One row per period × unit × provider × counterpart × contact type
     * × scenario, from exactly one delivered file; daily rows are summed to their month. counterpart is the
     * provider organisation when the delivery names one (NULL otherwise; files published before the column
     * existed read as NULL). weighted_volume is
     * volume × the contact type's weight for the period's year (0 without a weight, and for contact
     * types missing from contact_types.csv), re-derived when the weights change.
     */
    public static final FactSchema PRODUCTION = new FactSchema(
            "production",
            "one row per period × unit × provider × counterpart × contact_type × scenario",
            List.of(
                    new FactColumn("period", ColumnType.INT, false),
                    new FactColumn("scenario", ColumnType.STRING, false),
                    new FactColumn("unit", ColumnType.STRING, false),
                    new FactColumn("provider", ColumnType.STRING, false),
                    new FactColumn("contact_type", ColumnType.STRING, false),
                    new FactColumn("volume", ColumnType.QUANTITY, false),
                    new FactColumn("weighted_volume", ColumnType.QUANTITY, false),
                    new FactColumn("source_file", ColumnType.STRING, false),
                    new FactColumn("load_id", ColumnType.STRING, false),
                    new FactColumn("counterpart", ColumnType.STRING, true)));

    /**
     * Listings fact (vårdval). One row per period × unit × measure × gender × age band, from exactly one
     * delivered file; scenario is always ACTUAL (a listing is a count at month end, never a budget).
     * measure is LISTED, ACTIVE_LISTED, ACG_POINTS or CNI_&lt;FACTOR&gt; as delivered (factors missing from
     * capitation_rates.csv are reported under UNMAPPED by the catalogue); gender (K|M) and age_band
     * (e.g. 0-4, 100-) are set on LISTED rows only.
     */
    public static final FactSchema LISTINGS = new FactSchema(
            "listings",
            "one row per period × unit × measure × gender × age_band",
            List.of(
                    new FactColumn("period", ColumnType.INT, false),
                    new FactColumn("scenario", ColumnType.STRING, false),
                    new FactColumn("unit", ColumnType.STRING, false),
                    new FactColumn("measure", ColumnType.STRING, false),
                    new FactColumn("gender", ColumnType.STRING, true),
                    new FactColumn("age_band", ColumnType.STRING, true),
                    new FactColumn("quantity", ColumnType.QUANTITY, false),
                    new FactColumn("source_file", ColumnType.STRING, false),
                    new FactColumn("load_id", ColumnType.STRING, false)));

    /**
     * Indicator measurements (indikatorer). One row per period × unit × indicator × scenario, from
     * exactly one delivered file. denominator is NULL for a count (no row of the group had one).
     */
    public static final FactSchema INDICATOR = new FactSchema(
            "indicator",
            "one row per period × unit × indicator × scenario",
            List.of(
                    new FactColumn("period", ColumnType.INT, false),
                    new FactColumn("scenario", ColumnType.STRING, false),
                    new FactColumn("unit", ColumnType.STRING, false),
                    new FactColumn("indicator", ColumnType.STRING, false),
                    new FactColumn("numerator", ColumnType.QUANTITY, false),
                    new FactColumn("denominator", ColumnType.QUANTITY, true),
                    new FactColumn("source_file", ColumnType.STRING, false),
                    new FactColumn("load_id", ColumnType.STRING, false)));

    /**
     * Action plans (effekthemtagning). One row per period × action, as delivered; scenario is always
     * ACTUAL (partitions are (actions, period)). Effects in kronor; realised_effect may be negative.
     */
    public static final FactSchema ACTION_PLAN = new FactSchema(
            "action_plan",
            "one row per period × action_id",
            List.of(
                    new FactColumn("period", ColumnType.INT, false),
                    new FactColumn("scenario", ColumnType.STRING, false),
                    new FactColumn("action_id", ColumnType.STRING, false),
                    new FactColumn("action", ColumnType.STRING, false),
                    new FactColumn("org_id", ColumnType.STRING, false),
                    new FactColumn("responsible", ColumnType.STRING, true),
                    new FactColumn("timeline", ColumnType.STRING, true),
                    new FactColumn("category", ColumnType.STRING, false),
                    new FactColumn("planned_annual_effect", ColumnType.AMOUNT, false),
                    new FactColumn("realised_effect", ColumnType.AMOUNT, false),
                    new FactColumn("comment", ColumnType.STRING, true),
                    new FactColumn("source_file", ColumnType.STRING, false),
                    new FactColumn("load_id", ColumnType.STRING, false)));

    /**
     * Comments (analys och kommentarer), every delivery kept: one row per delivery × period × org_id ×
     * topic. delivery ({@code <load id>.<nnn>}, the file's place in its load) is the partition's
     * version, so a later file never removes an earlier one's comments; the catalogue shows the latest
     * delivery of each (period, org_id, topic). text_length (characters) is what a comment file
     * reconciles on: a text cut short on the way would show.
     */
    public static final FactSchema COMMENT = new FactSchema(
            "comment",
            "one row per delivery × period × org_id × topic",
            List.of(
                    new FactColumn("period", ColumnType.INT, false),
                    new FactColumn("scenario", ColumnType.STRING, false),
                    new FactColumn("org_id", ColumnType.STRING, false),
                    new FactColumn("topic", ColumnType.STRING, false),
                    new FactColumn("text", ColumnType.STRING, false),
                    new FactColumn("text_length", ColumnType.QUANTITY, false),
                    new FactColumn("delivery", ColumnType.STRING, false),
                    new FactColumn("source_file", ColumnType.STRING, false),
                    new FactColumn("load_id", ColumnType.STRING, false)),
            false,
            "delivery");

    /** Rejected rows of every source, kept for meta.quarantine. One row per rejected physical line. */
    public static final FactSchema QUARANTINE = new FactSchema(
            "quarantine",
            "one row per rejected line of a delivered file",
            List.of(
                    new FactColumn("load_id", ColumnType.STRING, false),
                    new FactColumn("source", ColumnType.STRING, false),
                    new FactColumn("source_file", ColumnType.STRING, false),
                    new FactColumn("line_number", ColumnType.LONG, false),
                    new FactColumn("reason", ColumnType.STRING, false),
                    new FactColumn("raw_line", ColumnType.STRING, true)));

    // --- HR time (SPEC §3, §5) -------------------------------------------------------------------

    /** Hour columns of the HR facts, in order; sick columns are nullable (suppression in hr_time). */
    public static final List<String> HR_HOUR_COLUMNS = List.of("worked_hours", "overtime_hours", "on_call_hours",
            "scheduled_hours", "vacation_hours", "other_absence_hours", "sick_hours", "sick_hours_days_1_14",
            "sick_hours_days_15_90", "sick_hours_days_91_365", "sick_hours_days_366_plus", "sick_hours_day_60_plus");

    /**
     * HR time as delivered, employee level (restricted). One row per period × employee × day × cost
     * centre × staff category × profession × gender × birth year × hour type, hours summed; the
     * employee is the keyed pseudonym, never the delivered id.
     */
    public static final FactSchema HR_DAY = new FactSchema(
            "hr_day",
            "one row per period × employee × work_date × cost_center × staff_category × profession × gender"
                    + " × birth_year × hour_type",
            List.of(
                    new FactColumn("period", ColumnType.INT, false),
                    new FactColumn("scenario", ColumnType.STRING, false),
                    new FactColumn("employee", ColumnType.STRING, false),
                    new FactColumn("work_date", ColumnType.DATE, false),
                    new FactColumn("cost_center", ColumnType.STRING, false),
                    new FactColumn("staff_category", ColumnType.STRING, false),
                    new FactColumn("profession", ColumnType.STRING, false),
                    new FactColumn("gender", ColumnType.STRING, false),
                    new FactColumn("birth_year", ColumnType.INT, false),
                    new FactColumn("hour_type", ColumnType.STRING, false),
                    new FactColumn("hours", ColumnType.QUANTITY, false),
                    new FactColumn("source_file", ColumnType.STRING, false),
                    new FactColumn("load_id", ColumnType.STRING, false)),
            true);

    /**
     * HR hours per employee and month (restricted), sick hours split by the day number in the sick
     * spell (SPEC §5). What the catalogue build counts distinct employees and sums sick leave from.
     * age_band from the period's year − birth year: 0_29, 30_49, 50_plus.
     */
    public static final FactSchema HR_EMPLOYEE_MONTH = new FactSchema(
            "hr_employee_month",
            "one row per period × employee × cost_center × staff_category × profession × gender × age_band",
            hrColumns(List.of(
                    new FactColumn("employee", ColumnType.STRING, false),
                    new FactColumn("cost_center", ColumnType.STRING, false),
                    new FactColumn("staff_category", ColumnType.STRING, false),
                    new FactColumn("profession", ColumnType.STRING, false),
                    new FactColumn("gender", ColumnType.STRING, false),
                    new FactColumn("age_band", ColumnType.STRING, false)), List.of()),
            true);

    /**
     * Sick spells still open at the end of a month (restricted): the state an incremental load
     * continues day numbers from. One row per period × employee with an open spell, plus one marker
     * row per period with employee and spell_start NULL, so that a month without open spells still
     * replaces an earlier state of that month.
     */
    public static final FactSchema HR_SPELL_STATE = new FactSchema(
            "hr_spell_state",
            "one row per period × employee whose sick spell is open at the end of the month (+ one marker row)",
            List.of(
                    new FactColumn("period", ColumnType.INT, false),
                    new FactColumn("scenario", ColumnType.STRING, false),
                    new FactColumn("employee", ColumnType.STRING, true),
                    new FactColumn("spell_start", ColumnType.DATE, true),
                    new FactColumn("source_file", ColumnType.STRING, false),
                    new FactColumn("load_id", ColumnType.STRING, false)),
            true);

    /**
     * HR time aggregated for analysts: no employee, and the sick-hour columns NULL (sick_suppressed)
     * when the row's group has 10 or fewer distinct employees with scheduled hours that month (SPEC §5).
     * employees_with_scheduled_hours is a distinct count: it does not add up across rows.
     */
    public static final FactSchema HR_TIME = new FactSchema(
            "hr_time",
            "one row per period × cost_center × staff_category × profession × gender × age_band",
            hrColumns(List.of(
                    new FactColumn("cost_center", ColumnType.STRING, false),
                    new FactColumn("staff_category", ColumnType.STRING, false),
                    new FactColumn("profession", ColumnType.STRING, false),
                    new FactColumn("gender", ColumnType.STRING, false),
                    new FactColumn("age_band", ColumnType.STRING, false)), List.of(
                    new FactColumn("employees_with_scheduled_hours", ColumnType.INT, false),
                    new FactColumn("sick_suppressed", ColumnType.BOOLEAN, false))));

    private static List<FactColumn> hrColumns(List<FactColumn> grain, List<FactColumn> extra) {
        List<FactColumn> columns = new ArrayList<>();
        columns.add(new FactColumn("period", ColumnType.INT, false));
        columns.add(new FactColumn("scenario", ColumnType.STRING, false));
        columns.addAll(grain);
        for (String hours : HR_HOUR_COLUMNS) {
            columns.add(new FactColumn(hours, ColumnType.QUANTITY, hours.startsWith("sick")));
        }
        columns.addAll(extra);
        columns.add(new FactColumn("source_file", ColumnType.STRING, false));
        columns.add(new FactColumn("load_id", ColumnType.STRING, false));
        return columns;
    }

    public List<String> columnNames() {
        return columns.stream().map(FactColumn::name).toList();
    }
}

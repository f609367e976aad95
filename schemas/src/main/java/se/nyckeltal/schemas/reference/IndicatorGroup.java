package se.nyckeltal.schemas.reference;

import static java.util.Objects.requireNonNull;

/**
 * One row of the report's indicator tables (indicator_groups.csv): which KPI stands under which goal
 * heading, in file order. Any KPI may stand there, not only {@code indicator.*} ones (Periodresultat,
 * Sjukfrånvaro, Beläggningsgrad…).
 *
 * @param groupId stable id of the goal, e.g. {@code accessibility}
 * @param groupName the goal as the report writes it (Swedish)
 * @param kpiId a KPI of kpi.kpi_values
 * @param measure the column of kpi.kpi_values the row shows: {@code value}, or e.g.
 *     {@code forecast_full_year_value} for the forecast row (Prognos)
 * @param ordinal the row's place in the file (0 = first)
 */
public record IndicatorGroup(String groupId, String groupName, String kpiId, String measure, int ordinal) {
    public IndicatorGroup {
        requireNonNull(groupId, "groupId");
        requireNonNull(groupName, "groupName");
        requireNonNull(kpiId, "kpiId");
        requireNonNull(measure, "measure");
    }
}

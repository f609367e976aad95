package se.nyckeltal.jobs.bench;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * What the typical queries ask about, picked from the catalogue itself so they return rows at any
 * scale: the latest period with the most KPIs (later periods may hold only drg_points, which lags a
 * month), a KPI every unit has ({@code cost} when the ledger is loaded), the first unit with a value
 * of it, and the area with the most KPI rows.
 *
 * @param snapshotId the published snapshot the sample was taken from
 * @param period YYYYMM
 */
public record CatalogueSample(String snapshotId, int period, String kpiId, String unitId, String areaId) {
    public CatalogueSample {
        requireNonNull(snapshotId, "snapshotId");
        requireNonNull(kpiId, "kpiId");
        requireNonNull(unitId, "unitId");
        requireNonNull(areaId, "areaId");
    }

    /**
     * @throws IllegalStateException when the catalogue has no KPI values of units and areas
     */
    public static CatalogueSample of(Connection catalogue) throws SQLException {
        String snapshotId = first(catalogue, "SELECT snapshot_id FROM meta.snapshot")
                .orElseThrow(() -> empty("meta.snapshot has no row"));
        int period = Integer.parseInt(first(catalogue, "SELECT period FROM kpi.kpi_values GROUP BY period"
                + " ORDER BY count(DISTINCT kpi_id) DESC, period DESC LIMIT 1")
                .orElseThrow(() -> empty("kpi.kpi_values is empty")));
        String kpiId = first(catalogue, "SELECT kpi_id FROM kpi.kpi_values WHERE period = ? AND org_level = 'unit'"
                + " AND value IS NOT NULL GROUP BY kpi_id ORDER BY kpi_id = 'cost' DESC, count(*) DESC, kpi_id LIMIT 1",
                period).orElseThrow(() -> empty("no unit has a KPI value in " + period));
        String unitId = first(catalogue, "SELECT org_id FROM kpi.kpi_values WHERE kpi_id = ? AND period = ?"
                + " AND time_window = 'ytd' AND org_level = 'unit' AND org_id <> 'UNMAPPED' AND value IS NOT NULL"
                + " ORDER BY org_id LIMIT 1", kpiId, period)
                .orElseThrow(() -> empty("no unit has a value of " + kpiId + " in " + period));
        String areaId = first(catalogue, "SELECT org_id FROM kpi.kpi_values WHERE period = ? AND org_level = 'area'"
                + " AND org_id <> 'UNMAPPED' GROUP BY org_id ORDER BY count(*) DESC, org_id LIMIT 1", period)
                .orElseThrow(() -> empty("no area has KPI values in " + period));
        return new CatalogueSample(snapshotId, period, kpiId, unitId, areaId);
    }

    /** The first month of the twelve that end with {@link #period}. */
    public int yearEarlierPeriod() {
        int months = (period / 100) * 12 + period % 100 - 1 - 11;
        return (months / 12) * 100 + months % 12 + 1;
    }

    /** January of the period's year. */
    public int yearStart() {
        return (period / 100) * 100 + 1;
    }

    private static IllegalStateException empty(String why) {
        return new IllegalStateException("the catalogue has nothing to benchmark queries on (" + why
                + "); load data first");
    }

    private static Optional<String> first(Connection catalogue, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = catalogue.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? Optional.ofNullable(result.getString(1)) : Optional.empty();
            }
        }
    }
}

package se.nyckeltal.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import se.nyckeltal.schemas.fact.FactSchema;
import se.nyckeltal.schemas.warehouse.FactPartition;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;

/**
 * HR facts for catalogue tests, written by DuckDB the way etl writes them: the restricted
 * hr_employee_month under {@code restricted/facts/}, and hr_time summed from it (sick hours NULL in
 * groups of 10 or fewer employees with scheduled hours) under {@code facts/}; one file per period.
 */
public final class HrFixture {
    /** One employee's hours in one month on one cost centre. */
    public record EmployeeMonth(int period, String employee, String costCenter, String staffCategory, String gender,
            String ageBand, double worked, double overtime, double onCall, double scheduled, double sick,
            double sickDays1To14, double sickDays15To90, double sickDays91To365, double sickDays366Plus,
            double sickDay60Plus, String profession) {
        /** A nurse. */
        public EmployeeMonth(int period, String employee, String costCenter, String staffCategory, String gender,
                String ageBand, double worked, double overtime, double onCall, double scheduled, double sick,
                double sickDays1To14, double sickDays15To90, double sickDays91To365, double sickDays366Plus,
                double sickDay60Plus) {
            this(period, employee, costCenter, staffCategory, gender, ageBand, worked, overtime, onCall, scheduled, sick,
                    sickDays1To14, sickDays15To90, sickDays91To365, sickDays366Plus, sickDay60Plus, "NURSE");
        }
    }

    private final WarehouseLayout layout;
    private final Map<Integer, List<EmployeeMonth>> byPeriod = new TreeMap<>();

    public HrFixture(WarehouseLayout layout) {
        this.layout = layout;
    }

    public HrFixture add(EmployeeMonth row) {
        byPeriod.computeIfAbsent(row.period(), p -> new ArrayList<>()).add(row);
        return this;
    }

    /** Own staff, worked hours only (no sick leave, no schedule). */
    public HrFixture worked(int period, String employee, String costCenter, String category, double worked) {
        return add(new EmployeeMonth(period, employee, costCenter, category, "K", "30_49", worked, 0, 0, 0, 0, 0, 0, 0,
                0, 0));
    }

    public List<FactPartition> write(String loadId) {
        List<FactPartition> partitions = new ArrayList<>();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
            for (Map.Entry<Integer, List<EmployeeMonth>> month : byPeriod.entrySet()) {
                int period = month.getKey();
                String sourceFile = "hr/tid-" + period + ".csv";
                List<String> values = new ArrayList<>();
                for (EmployeeMonth e : month.getValue()) {
                    values.add(String.format(Locale.ROOT,
                            "(%d, '%s', '%s', '%s', '%s', '%s', '%s', %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)", period,
                            e.employee(), e.costCenter(), e.staffCategory(), e.profession(), e.gender(), e.ageBand(),
                            e.worked(),
                            e.overtime(), e.onCall(), e.scheduled(), e.sick(), e.sickDays1To14(), e.sickDays15To90(),
                            e.sickDays91To365(), e.sickDays366Plus(), e.sickDay60Plus()));
                }
                execute(duckdb, "CREATE OR REPLACE TEMP TABLE em AS SELECT CAST(period AS INTEGER) AS period,"
                        + " 'ACTUAL' AS scenario, employee, cost_center, staff_category, profession, gender,"
                        + " age_band, " + hours("worked_hours") + ", " + hours("overtime_hours") + ", "
                        + hours("on_call_hours") + ", " + hours("scheduled_hours") + ", CAST(0 AS DECIMAL(18,4)) AS"
                        + " vacation_hours, CAST(0 AS DECIMAL(18,4)) AS other_absence_hours, " + hours("sick_hours")
                        + ", " + hours("sick_hours_days_1_14") + ", " + hours("sick_hours_days_15_90") + ", "
                        + hours("sick_hours_days_91_365") + ", " + hours("sick_hours_days_366_plus") + ", "
                        + hours("sick_hours_day_60_plus") + ", '" + sourceFile + "' AS source_file, '" + loadId
                        + "' AS load_id FROM (VALUES " + String.join(", ", values) + ") AS v(period, employee,"
                        + " cost_center, staff_category, profession, gender, age_band, worked_hours, overtime_hours, on_call_hours,"
                        + " scheduled_hours, sick_hours, sick_hours_days_1_14, sick_hours_days_15_90,"
                        + " sick_hours_days_91_365, sick_hours_days_366_plus, sick_hours_day_60_plus)");
                Path employeeMonth = layout.restrictedPartitionDir("hr_employee_month", period)
                        .resolve("ACTUAL-" + loadId + "-00000.parquet");
                copy(duckdb, "SELECT * FROM em", employeeMonth);
                partitions.add(partition(FactSchema.HR_EMPLOYEE_MONTH, period, employeeMonth, sourceFile, loadId));

                StringBuilder sums = new StringBuilder();
                for (String column : FactSchema.HR_HOUR_COLUMNS) {
                    sums.append(column.startsWith("sick")
                            ? "CASE WHEN count(*) FILTER (WHERE scheduled_hours > 0) > 10 THEN SUM(" + column + ") END"
                            : "SUM(" + column + ")").append(" AS ").append(column).append(", ");
                }
                Path hrTime = layout.factPartitionDir("hr_time", period).resolve("ACTUAL-" + loadId + "-00000.parquet");
                copy(duckdb, "SELECT period, scenario, cost_center, staff_category, profession, gender, age_band, " + sums
                        + "CAST(count(*) FILTER (WHERE scheduled_hours > 0) AS INTEGER) AS employees_with_scheduled_hours,"
                        + " count(*) FILTER (WHERE scheduled_hours > 0) <= 10 AS sick_suppressed, source_file, load_id"
                        + " FROM em GROUP BY ALL", hrTime);
                partitions.add(partition(FactSchema.HR_TIME, period, hrTime, sourceFile, loadId));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        byPeriod.clear();
        return partitions;
    }

    private FactPartition partition(FactSchema fact, int period, Path file, String sourceFile, String loadId) {
        return new FactPartition(fact.table(), "ACTUAL", period, List.of(layout.relative(file)), sourceFile, loadId, 1);
    }

    private static String hours(String column) {
        return "CAST(" + column + " AS DECIMAL(18,4)) AS " + column;
    }

    private static void copy(Connection duckdb, String select, Path file) throws SQLException {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        execute(duckdb, "COPY (" + select + ") TO '" + file + "' (FORMAT parquet)");
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}

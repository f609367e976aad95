package se.nyckeltal.warehouse.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads a generated report's figures back through their data-* attributes (SPEC §8) and checks each against the
 * catalogue: kpi.kpi_values when there is no data-view, else the named wide view's column for that row. A
 * difference of two columns of one row (data-measure {@code value-budget_value}) is computed from both.
 */
public final class ReportFigureCheck {
    private static final Set<String> KPI_MEASURES = Set.of("value", "budget_value", "previous_year_value",
            "target_value", "deviation_budget_pct", "deviation_previous_year_pct", "forecast_full_year_value");
    /** Each view's key columns after data-kpi's: the row a figure names. */
    private static final Map<String, List<String>> VIEW_KEYS = Map.of(
            "kpi.income_statement", List.of("line_id", "org_id", "period", "time_window", "org_level"),
            "kpi.production_own", List.of("line_id", "org_id", "period", "time_window", "org_level"),
            "kpi.production_primary_care", List.of("line_id", "org_id", "period", "time_window", "org_level"),
            "kpi.production_private_providers", List.of("line_id", "org_id", "period", "time_window", "org_level"),
            "kpi.worked_time", List.of("line_id", "org_id", "period", "time_window", "org_level"),
            "kpi.sick_leave", List.of("line_id", "org_id", "period", "time_window", "org_level"),
            "kpi.cost_follow_up", List.of("line_id", "org_id", "period", "time_window", "org_level"),
            "kpi.action_plan", List.of("action_id", "org_id", "period"),
            "kpi.action_plan_totals", List.of("category", "org_id", "period", "org_level"));

    private ReportFigureCheck() {}

    /** Checks every figure of {@code html}; returns how many there were. */
    public static int everyFigureIsTheCataloguesValue(Connection catalogue, Document html) throws SQLException {
        int checked = 0;
        for (Element figure : html.select("[data-value]")) {
            assertThat(figure.attr("data-kpi")).isNotEmpty();
            assertThat(figure.attr("data-org")).isNotEmpty();
            assertThat(figure.attr("data-period")).matches("\\d{6}");
            assertThat(figure.attr("data-window")).isIn("ytd", "month");
            if (!figure.attr("data-view").equals("kpi.action_plan")) {
                assertThat(figure.attr("data-org-level")).isIn("total", "area", "unit");
            }
            BigDecimal expected = catalogueValue(catalogue, figure);
            String shown = figure.attr("data-value");
            if (expected == null) {
                assertThat(shown).as("%s", figure).isEmpty();
            } else {
                assertThat(new BigDecimal(shown)).as("%s", figure).isEqualByComparingTo(expected);
            }
            checked++;
        }
        return checked;
    }

    private static BigDecimal catalogueValue(Connection catalogue, Element figure) throws SQLException {
        String measure = figure.attr("data-measure");
        int minus = measure.indexOf('-');
        if (minus < 0) {
            return catalogueValue(catalogue, figure, measure);
        }
        BigDecimal value = catalogueValue(catalogue, figure, measure.substring(0, minus));
        BigDecimal comparison = catalogueValue(catalogue, figure, measure.substring(minus + 1));
        return value == null || comparison == null ? null : value.subtract(comparison);
    }

    private static BigDecimal catalogueValue(Connection catalogue, Element figure, String measure) throws SQLException {
        String view = figure.attr("data-view");
        List<String> keys;
        if (view.isEmpty()) {
            assertThat(measure).isIn(KPI_MEASURES);
            view = "kpi.kpi_values";
            keys = List.of("kpi_id", "org_id", "period", "time_window", "org_level");
        } else {
            assertThat(VIEW_KEYS).containsKey(view);
            assertThat(measure).matches("[a-z_0-9]+");
            keys = VIEW_KEYS.get(view);
        }
        List<String> conditions = keys.stream().map(k -> k + " = ?").toList();
        String sql = "SELECT " + measure + " FROM " + view + " WHERE " + String.join(" AND ", conditions);
        Map<String, String> attributes = Map.of("org_id", "data-org", "period", "data-period", "time_window",
                "data-window", "org_level", "data-org-level");
        try (PreparedStatement s = catalogue.prepareStatement(sql)) {
            for (int i = 0; i < keys.size(); i++) {
                String key = keys.get(i);
                String value = figure.attr(attributes.getOrDefault(key, "data-kpi"));
                if (key.equals("period")) {
                    s.setInt(i + 1, Integer.parseInt(value));
                } else {
                    s.setString(i + 1, value);
                }
            }
            try (ResultSet rs = s.executeQuery()) {
                List<BigDecimal> values = new ArrayList<>();
                while (rs.next()) {
                    values.add(rs.getBigDecimal(1));
                }
                assertThat(values).as("catalogue rows for %s", figure).hasSize(1);
                return values.get(0);
            }
        }
    }
}

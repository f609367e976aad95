package se.nyckeltal.warehouse.catalogue;

import static se.nyckeltal.warehouse.catalogue.Rows.row;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.nyckeltal.schemas.kpi.KpiCatalogue;
import se.nyckeltal.schemas.reference.Indicator;
import se.nyckeltal.schemas.reference.IndicatorGroup;
import se.nyckeltal.schemas.reference.ReferenceData;

/** dim.indicator and dim.indicator_group from indicators.csv and indicator_groups.csv, exactly as given. */
final class IndicatorTables {
    private IndicatorTables() {}

    static void insert(Connection connection, ReferenceData reference) throws SQLException {
        List<List<Object>> indicators = new ArrayList<>();
        for (Indicator i : reference.indicators()) {
            indicators.add(row(i.code(), i.kpiId(), i.name(), i.unit(), i.goodDirection(), i.scale(), i.ytd().csvName()));
        }
        Rows.insert(connection, "INSERT INTO dim.indicator VALUES (?, ?, ?, ?, ?, ?, ?)", indicators);

        Map<String, Integer> groupOrdinals = new LinkedHashMap<>();
        List<List<Object>> groups = new ArrayList<>();
        for (IndicatorGroup g : reference.indicatorGroups()) {
            int groupOrdinal = groupOrdinals.computeIfAbsent(g.groupId(), id -> groupOrdinals.size());
            groups.add(row(g.groupId(), g.groupName(), groupOrdinal, g.kpiId(), g.measure(), g.ordinal()));
        }
        Rows.insert(connection, "INSERT INTO dim.indicator_group VALUES (?, ?, ?, ?, ?, ?)", groups);
    }

    /**
     * indicator.&lt;CODE&gt; for every indicator of indicators.csv that the KPI catalogue does not name:
     * the indicator's own name, unit and good direction, no budget.
     */
    static List<List<Object>> kpis(ReferenceData reference, KpiCatalogue kpis) {
        List<List<Object>> rows = new ArrayList<>();
        for (Indicator i : reference.indicators()) {
            if (kpis.find(i.kpiId()).isEmpty()) {
                String how = i.ytd() == Indicator.Ytd.LAST ? "sista månaden med data i perioden" : "summerat över perioden";
                rows.add(row(i.kpiId(), i.name(), i.unit(), i.goodDirection(), false, "indicators",
                        "Σ täljare ÷ Σ nämnare × " + i.scale().stripTrailingZeros().toPlainString() + " (" + how
                                + "), från indicators/ (indicators.csv)."));
            }
        }
        return rows;
    }
}

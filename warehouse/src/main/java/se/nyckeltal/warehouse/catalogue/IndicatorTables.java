package se.nyckeltal.warehouse.catalogue;

import static se.nyckeltal.warehouse.catalogue.Rows.row;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
}

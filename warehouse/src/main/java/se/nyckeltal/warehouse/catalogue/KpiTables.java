package se.nyckeltal.warehouse.catalogue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import se.nyckeltal.warehouse.kpi.KpiDefinition;
import se.nyckeltal.warehouse.kpi.KpiDefinitions;
import se.nyckeltal.warehouse.kpi.WindowRule;

/**
 * What the catalogue build does with the KPI definitions besides computing them: names each family's members
 * in dim.kpi, and refuses a catalogue whose kpi_values and dim.kpi disagree.
 */
final class KpiTables {
    /** The build-order file whose body is the definitions' union (and before which families are named). */
    static final String PLACEHOLDER = "kpi_definitions";

    private KpiTables() {}

    /**
     * Adds one dim.kpi row per member of each family, from the family's members statement: name, unit and
     * description always, good direction and window rule too when the header leaves them to the members (the
     * indicators, which indicators.csv describes). A member without a name, or with a direction or window rule
     * nyckeltal does not know, stops the build naming the file and the member.
     */
    static void insertFamilyMembers(Connection connection, KpiDefinitions definitions) throws SQLException {
        for (KpiDefinition family : definitions.kpis()) {
            if (!family.family()) {
                continue;
            }
            String sql = "INSERT INTO dim.kpi (kpi_id, name_sv, unit, good_direction, has_budget, source, description,"
                    + " window_rule)\nSELECT CAST(? AS VARCHAR) || members.member, members.name_sv, members.unit, "
                    + (family.directionPerMember() ? "members.good_direction" : "CAST(? AS VARCHAR)")
                    + ", CAST(? AS BOOLEAN), CAST(? AS VARCHAR), members.description, "
                    + (family.windowPerMember() ? "members.window_rule" : "CAST(? AS VARCHAR)")
                    + "\nFROM (\n" + family.members() + ") AS members";
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                int parameter = 1;
                insert.setString(parameter++, family.familyPrefix());
                if (!family.directionPerMember()) {
                    insert.setString(parameter++, family.goodDirection());
                }
                insert.setBoolean(parameter++, family.hasBudget());
                insert.setString(parameter++, family.source());
                if (!family.windowPerMember()) {
                    insert.setString(parameter, family.window().id());
                }
                insert.executeUpdate();
            } catch (SQLException e) {
                throw new SQLException("sql/" + family.file() + ": its members statement (the first one) must give"
                        + " member, name_sv (never NULL), unit and description" + (family.directionPerMember()
                                ? ", good_direction (never NULL)" : "") + (family.windowPerMember()
                                ? ", window_rule (never NULL)" : "") + ": " + e.getMessage(), e.getSQLState(), e);
            }
            checkMemberRules(connection, family);
        }
    }

    /** Each member's direction is up, down or neutral (indicators.csv allows it: no trend), its window rule known. */
    private static void checkMemberRules(Connection connection, KpiDefinition family) throws SQLException {
        if (!family.directionPerMember() && !family.windowPerMember()) {
            return;
        }
        String windows = Arrays.stream(WindowRule.values()).map(r -> "'" + r.id() + "'")
                .collect(Collectors.joining(", "));
        List<String> wrong = strings(connection, "SELECT kpi_id || ': good_direction ' || coalesce(good_direction,"
                + " 'NULL') || ', window_rule ' || coalesce(window_rule, 'NULL') FROM dim.kpi WHERE starts_with(kpi_id, "
                + SqlLiteral.of(family.familyPrefix()) + ") AND (good_direction NOT IN ('up', 'down', 'neutral')"
                + " OR window_rule NOT IN (" + windows + ")) ORDER BY kpi_id");
        if (!wrong.isEmpty()) {
            throw new IllegalStateException("sql/" + family.file() + ": its members statement gives " + String.join(
                    "; ", wrong) + "; good_direction must be up, down or neutral and window_rule one of "
                    + windows.replace("'", ""));
        }
    }

    /**
     * Every KPI of kpi_values has exactly one dim.kpi row: otherwise it would silently get no budget and a
     * neutral trend. A family member without a row means the family's members statement misses it.
     */
    static void checkEveryKpiDescribed(Connection connection, KpiDefinitions definitions) throws SQLException {
        List<String> twice = strings(connection, "SELECT kpi_id FROM dim.kpi GROUP BY kpi_id HAVING count(*) > 1"
                + " ORDER BY kpi_id");
        if (!twice.isEmpty()) {
            throw new IllegalStateException("dim.kpi describes " + twice + " more than once: a KPI family's members"
                    + " statement returns a member twice, or names a KPI that has a definition file of its own");
        }
        List<String> undescribed = strings(connection, "SELECT DISTINCT kpi_id FROM kpi.kpi_values WHERE kpi_id NOT IN"
                + " (SELECT kpi_id FROM dim.kpi) ORDER BY kpi_id");
        if (!undescribed.isEmpty()) {
            List<String> where = new ArrayList<>();
            for (String kpiId : undescribed) {
                where.add(definitions.kpis().stream()
                        .filter(k -> k.family() && kpiId.startsWith(k.familyPrefix()))
                        .map(k -> kpiId + " (computed by sql/" + k.file() + ", whose members statement does not"
                                + " return '" + kpiId.substring(k.familyPrefix().length()) + "')")
                        .findFirst().orElse(kpiId));
            }
            throw new IllegalStateException("kpi.kpi_values has KPIs without metadata in dim.kpi: "
                    + String.join(", ", where) + "; every computed KPI needs its name, unit, good direction and"
                    + " budget rule (see sql/kpi/definitions/README.md)");
        }
    }

    /** The first column of a query's rows, as text. */
    static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}

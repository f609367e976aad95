package se.nyckeltal.warehouse.catalogue;

import static se.nyckeltal.warehouse.catalogue.Rows.row;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.nyckeltal.schemas.reference.AccountFlag;
import se.nyckeltal.schemas.reference.AccountLine;
import se.nyckeltal.schemas.reference.CapitationRate;
import se.nyckeltal.schemas.reference.ContactType;
import se.nyckeltal.schemas.reference.KpiTarget;
import se.nyckeltal.schemas.reference.OrgUnitVersion;
import se.nyckeltal.schemas.reference.ReferenceData;
import se.nyckeltal.schemas.reference.YearParameters;
import se.nyckeltal.warehouse.kpi.KpiDefinition;
import se.nyckeltal.warehouse.kpi.KpiDefinitions;

/**
 * Fills the dim tables from the reference data and the KPI definitions, exactly as given. A KPI family's
 * members join dim.kpi later ({@link KpiTables}), when the facts they may be named from are there.
 */
final class ReferenceTables {
    private ReferenceTables() {}

    static void insert(Connection connection, ReferenceData reference, KpiDefinitions kpis) throws SQLException {
        List<List<Object>> units = new ArrayList<>();
        for (OrgUnitVersion u : reference.orgUnits()) {
            units.add(row(u.unitId(), u.unitName(), u.areaId(), u.areaName(), u.validFrom().toString(),
                    u.validTo() == null ? null : u.validTo().toString(),
                    u.ownership() == null ? null : u.ownership().name(), u.unitType()));
        }
        Rows.insert(connection,
                "INSERT INTO dim.org_unit VALUES (?, ?, ?, ?, CAST(? AS DATE), CAST(? AS DATE), ?, ?)", units);

        List<List<Object>> rates = new ArrayList<>();
        for (CapitationRate r : reference.capitationRates()) {
            rates.add(row(r.year(), r.ownership().name(), r.component().name(), r.key(), r.rate()));
        }
        Rows.insert(connection, "INSERT INTO dim.capitation_rate VALUES (?, ?, ?, ?, ?)", rates);

        List<List<Object>> accounts = new ArrayList<>();
        for (AccountLine a : reference.accounts()) {
            accounts.add(row(a.accountFrom(), a.accountTo(), a.lineId(), a.lineName(), a.kind().name(),
                    a.has(AccountFlag.PERSONNEL), a.has(AccountFlag.AGENCY), a.has(AccountFlag.OVERTIME),
                    a.has(AccountFlag.INTERNAL_ALLOCATION), a.ordinal()));
        }
        Rows.insert(connection, "INSERT INTO dim.account_line VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", accounts);

        insertContactTypes(connection, reference);

        List<List<Object>> parameters = new ArrayList<>();
        for (YearParameters p : reference.parameters()) {
            parameters.add(row(p.year(), p.fteNormHours()));
        }
        Rows.insert(connection, "INSERT INTO dim.parameters VALUES (?, ?)", parameters);

        List<List<Object>> kpiRows = new ArrayList<>();
        for (KpiDefinition k : kpis.kpis()) {
            if (!k.family()) {
                kpiRows.add(row(k.kpiId(), k.nameSv(), k.unit(), k.goodDirection(), k.hasBudget(), k.source(),
                        k.description(), k.windowId()));
            }
        }
        Rows.insert(connection, "INSERT INTO dim.kpi VALUES (?, ?, ?, ?, ?, ?, ?, ?)", kpiRows);

        // One target per KPI and year: a later row of kpi_targets.csv overrides an earlier one.
        Map<String, KpiTarget> targets = new LinkedHashMap<>();
        for (KpiTarget t : reference.kpiTargets()) {
            targets.put(t.kpiId() + "\u0000" + t.year(), t);
        }
        List<List<Object>> targetRows = new ArrayList<>();
        for (KpiTarget t : targets.values()) {
            targetRows.add(row(t.kpiId(), t.year(), t.target()));
        }
        Rows.insert(connection, "INSERT INTO dim.kpi_target VALUES (?, ?, ?)", targetRows);
        IndicatorTables.insert(connection, reference);
    }

    /**
     * dim.contact_type, one row per code in file order: name and category of the row without a year,
     * else of the latest year's row; dim.contact_weight, every row of contact_types.csv as given.
     */
    private static void insertContactTypes(Connection connection, ReferenceData reference) throws SQLException {
        Map<String, ContactType> representative = new LinkedHashMap<>();
        List<List<Object>> weights = new ArrayList<>();
        for (ContactType c : reference.contactTypes()) {
            representative.merge(c.code(), c, (kept, other) -> representsBetter(other, kept) ? other : kept);
            weights.add(row(c.code(), c.year(), c.weight()));
        }
        List<List<Object>> types = new ArrayList<>();
        int ordinal = 0;
        for (ContactType c : representative.values()) {
            BigDecimal defaultWeight = c.year() == null ? c.weight() : null;
            types.add(row(c.code(), c.name(), c.category(), defaultWeight, ordinal++));
        }
        Rows.insert(connection, "INSERT INTO dim.contact_type VALUES (?, ?, ?, ?, ?)", types);
        Rows.insert(connection, "INSERT INTO dim.contact_weight VALUES (?, ?, ?)", weights);
    }

    private static boolean representsBetter(ContactType candidate, ContactType kept) {
        if (kept.year() == null) {
            return false;
        }
        return candidate.year() == null || candidate.year() > kept.year();
    }
}

package se.nyckeltal.warehouse.report;

/** An org of kpi.kpi_values: level ('total' | 'area' | 'unit'), id and name. */
public record OrgRef(String level, String id, String name) {}

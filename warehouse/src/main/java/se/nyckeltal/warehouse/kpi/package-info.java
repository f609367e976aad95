/**
 * The KPIs nyckeltal publishes, each defined in one file under {@code sql/kpi/definitions/<source>/}: the
 * metadata of its header (dim.kpi, the analysts' reference) beside the SQL computing its numerator and
 * denominator. {@link se.nyckeltal.warehouse.kpi.KpiDefinitions} finds and reads them; the catalogue build
 * unions their queries into {@code internal.kpi_components}.
 */
package se.nyckeltal.warehouse.kpi;

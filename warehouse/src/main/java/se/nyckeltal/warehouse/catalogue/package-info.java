/**
 * Builds and publishes the analyst catalogue: one DuckDB file per snapshot, with schemas
 * {@code dim}, {@code fact}, {@code kpi} and {@code meta}, and the building blocks in {@code internal}.
 *
 * <p>Every catalogue object is one SQL file under {@code resources/se/nyckeltal/warehouse/sql/}
 * ({@code dim/}, {@code fact/}, {@code internal/}, {@code kpi/}, {@code meta/}), opening with a comment that states its
 * grain; {@code sql/build-order.txt} lists them in the order they are built. Java only creates the
 * schemas, fills the reference and load tables, and fills in where the Parquet files are.
 *
 * <p>{@link se.nyckeltal.warehouse.catalogue.CataloguePublisher} builds a new file under a temporary
 * name, renames it into place and swaps the current pointer; a published file is never written
 * again. {@link se.nyckeltal.warehouse.catalogue.Catalogue} opens the published one read-only.
 *
 * <p>Adding a KPI: one file under {@code sql/kpi/definitions/<source>/}, found there by
 * {@link se.nyckeltal.warehouse.kpi.KpiDefinitions} (see the README in that folder); {@code kpi.kpi_values}
 * then picks it up unchanged.
 */
package se.nyckeltal.warehouse.catalogue;

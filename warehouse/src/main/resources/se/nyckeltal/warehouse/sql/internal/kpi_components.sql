-- internal.kpi_components: one row per KPI × period × time window × org level × org × measure
-- ('actual' | 'budget' | 'previous_year'): the numerators and denominators kpi.kpi_values divides.
-- Its body is generated: one SELECT per file under kpi/definitions/ (CatalogueBuilder reads them all, see
-- kpi/definitions/README.md): the file's query, with its kpi_id (a family: prefix || member) and its parts
-- cast to the types below. suppressed = true hides a value (sick leave of small groups). Parts carry 12
-- decimals so a small denominator (årsarbetare over a year) is not rounded before kpi_values divides; the
-- published columns have 6.
CREATE VIEW internal.kpi_components AS
${kpi_definitions}

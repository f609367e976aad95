-- internal.production_ratio_line: one row per production figure that is a ratio of contact types: which contact
-- types make its numerator and its denominator, summed over the window before dividing, × ratio_scale. The one
-- definition behind both the KPI (kpi/definitions/production/<kpi_id>.sql, in kpi.kpi_values) and the line of
-- the Produktionsdata tables (dim.production_report_line, line_id), so the two cannot disagree.
CREATE VIEW internal.production_ratio_line AS
SELECT *
FROM (
    VALUES
        ('AVERAGE_LENGTH_OF_STAY', 'average_length_of_stay', 'Medelvårdtid somatik (dagar)',
         ['BED_DAYS_SOMATIC'], ['DISCHARGE_SOMATIC'], 1),
        ('BED_OCCUPANCY', 'bed_occupancy_pct', 'Beläggning 06:00 (%)',
         ['OCCUPIED_BEDS_0600'], ['AVAILABLE_BEDS'], 100)
) AS l (line_id, kpi_id, line_name, numerator_types, denominator_types, ratio_scale)

-- kpi_id:         listed
-- name_sv:        Listade
-- unit:           personer
-- good_direction: up
-- has_budget:     false
-- window:         monthly_mean
-- description:    Medelantal listade personer per månad: Σ listade vid månadens slut ÷ antal månader med listning i
--                 perioden (ackumulerat är ett medelvärde, aldrig en summa).
-- definition:     Σ monthly LISTED ÷ the number of months of W with LISTED rows: a stock, so its ytd is the mean
--                 of the months, never their sum
--
-- One row per period × time window × org level × org × measure ('actual', 'previous_year') with LISTED rows, from
-- internal.listing_window.
SELECT period, time_window, org_level, org_id, org_name, measure,
       listed AS numerator, listed_months AS denominator, 1 AS ratio_scale, false AS suppressed
FROM internal.listing_window
WHERE listed IS NOT NULL

/**
 * Runs one SELECT on the published catalogue and writes the result as CSV, JSON or an aligned table
 * ({@code nyckeltal sql}, SPEC §8).
 */
package se.nyckeltal.warehouse.query;

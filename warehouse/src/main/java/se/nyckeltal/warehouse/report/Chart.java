package se.nyckeltal.warehouse.report;

/** An inline SVG chart with its title (the SVG is generated markup, escaped where it holds text). */
public record Chart(String title, String svg) {}

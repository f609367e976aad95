package se.nyckeltal.warehouse.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A monthly chart as inline SVG: months January–December on the x axis (Swedish), bars and lines
 * distinguished by fill, dash pattern and marker shape so a black-and-white print still tells them apart.
 * Every bar and point carries the {@code data-*} attributes of its figure.
 */
final class SvgChart {
    enum Style { BAR_DARK, BAR_LIGHT, LINE_SOLID, LINE_DASHED, LINE_DOTTED }

    record Series(String label, Style style, Map<Integer, Figure> byMonth) {}

    private static final int WIDTH = 680;
    private static final int HEIGHT = 280;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 40;
    private static final int BOTTOM = 36;

    private final String hatchId;
    private final String yAxisLabel;
    private final List<Series> series = new ArrayList<>();

    /**
     * @param id unique within the report (the section id): the chart's pattern is {@code <id>-hatch}, since
     *     one HTML document holds all charts and an element id must be unique in it
     */
    SvgChart(String id, String yAxisLabel) {
        this.hatchId = java.util.Objects.requireNonNull(id, "id") + "-hatch";
        this.yAxisLabel = yAxisLabel;
    }

    SvgChart series(String label, Style style, Map<Integer, Figure> byMonth) {
        series.add(new Series(label, style, new TreeMap<>(byMonth)));
        return this;
    }

    boolean isEmpty() {
        return series.stream().allMatch(s -> s.byMonth().values().stream().allMatch(f -> f.value() == null));
    }

    /** Plot value of a figure (charts of amounts plot mnkr, the figure keeps kronor). */
    private double plotted(Figure figure, boolean mnkr) {
        double value = figure.value().doubleValue();
        return mnkr ? value / 1_000_000 : value;
    }

    String svg(boolean mnkr) {
        double min = 0;
        double max = 0;
        for (Series s : series) {
            for (Figure f : s.byMonth().values()) {
                if (f.value() != null) {
                    min = Math.min(min, plotted(f, mnkr));
                    max = Math.max(max, plotted(f, mnkr));
                }
            }
        }
        if (max == min) {
            max = min + 1;
        }
        double step = niceStep((max - min) / 5);
        min = Math.floor(min / step) * step;
        max = Math.ceil(max / step) * step;
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double slot = plotWidth / 12;
        final double lo = min;
        final double hi = max;
        java.util.function.DoubleUnaryOperator y = v -> TOP + plotHeight - (v - lo) / (hi - lo) * plotHeight;

        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" role=\"img\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"11\">");
        svg.append("<defs><pattern id=\"" + hatchId + "\" width=\"4\" height=\"4\" patternUnits=\"userSpaceOnUse\">"
                + "<rect width=\"4\" height=\"4\" fill=\"#ffffff\"/><path d=\"M0,4 L4,0\" stroke=\"#444444\" stroke-width=\"1\"/>"
                + "</pattern></defs>");
        // grid and y axis ticks
        for (double v = min; v <= max + step / 2; v += step) {
            double py = y.applyAsDouble(v);
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%s\"/>", LEFT, py,
                    WIDTH - RIGHT, py, Math.abs(v) < step / 1000 ? "#000000" : "#cccccc",
                    Math.abs(v) < step / 1000 ? "1" : "0.5"));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", LEFT - 6,
                    py + 4, escape(SwedishFormat.number(BigDecimal.valueOf(v), decimalsFor(step)))));
        }
        svg.append(String.format(Locale.ROOT,
                "<text x=\"14\" y=\"%.1f\" transform=\"rotate(-90 14 %.1f)\" text-anchor=\"middle\">%s</text>",
                TOP + plotHeight / 2, TOP + plotHeight / 2, escape(yAxisLabel)));
        for (int month = 1; month <= 12; month++) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                    LEFT + slot * (month - 0.5), HEIGHT - BOTTOM + 16, SwedishFormat.monthShort(month)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">Månad</text>",
                LEFT + plotWidth / 2, HEIGHT - 4));

        List<Series> bars = series.stream().filter(s -> s.style() == Style.BAR_DARK || s.style() == Style.BAR_LIGHT)
                .toList();
        double barWidth = bars.isEmpty() ? 0 : slot * 0.7 / bars.size();
        for (int b = 0; b < bars.size(); b++) {
            Series s = bars.get(b);
            for (Map.Entry<Integer, Figure> point : s.byMonth().entrySet()) {
                Figure f = point.getValue();
                if (f.value() == null) {
                    continue;
                }
                double v = plotted(f, mnkr);
                double x = LEFT + slot * (point.getKey() - 1) + slot * 0.15 + b * barWidth;
                double top = y.applyAsDouble(Math.max(v, 0));
                double height = Math.abs(y.applyAsDouble(v) - y.applyAsDouble(0));
                svg.append(String.format(Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" stroke=\"#000000\""
                                + " stroke-width=\"0.5\"%s><title>%s</title></rect>",
                        x, top, barWidth, Math.max(height, 0.5), s.style() == Style.BAR_DARK ? "#333333" : "url(#" + hatchId + ")",
                        dataAttributes(f), escape(s.label() + " " + SwedishFormat.monthShort(point.getKey()) + ": "
                                + f.text())));
            }
        }
        for (Series s : series) {
            if (bars.contains(s)) {
                continue;
            }
            StringBuilder path = new StringBuilder();
            StringBuilder markers = new StringBuilder();
            for (Map.Entry<Integer, Figure> point : s.byMonth().entrySet()) {
                Figure f = point.getValue();
                if (f.value() == null) {
                    continue;
                }
                double x = LEFT + slot * (point.getKey() - 0.5);
                double py = y.applyAsDouble(plotted(f, mnkr));
                path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f,%.1f", x, py));
                markers.append(marker(s.style(), x, py, f, s.label() + " " + SwedishFormat.monthShort(point.getKey())
                        + ": " + f.text()));
            }
            if (path.length() > 0) {
                svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"")
                        .append(s.style() == Style.LINE_DOTTED ? "#555555" : "#000000").append("\" stroke-width=\"2\"")
                        .append(dash(s.style())).append("/>");
            }
            svg.append(markers);
        }
        // legend
        double lx = LEFT;
        for (Series s : series) {
            svg.append(legendSymbol(s.style(), lx, 14));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"18\">%s</text>", lx + 22, escape(s.label())));
            lx += 30 + s.label().length() * 6.5;
        }
        return svg.append("</svg>").toString();
    }

    private static String dash(Style style) {
        return switch (style) {
            case LINE_DASHED -> " stroke-dasharray=\"7,4\"";
            case LINE_DOTTED -> " stroke-dasharray=\"2,3\"";
            default -> "";
        };
    }

    private static String marker(Style style, double x, double y, Figure f, String title) {
        String data = dataAttributes(f) + "><title>" + escape(title) + "</title>";
        return switch (style) {
            case LINE_DASHED -> String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"7\" height=\"7\" fill=\"#ffffff\" stroke=\"#000000\"%s</rect>",
                    x - 3.5, y - 3.5, data);
            case LINE_DOTTED -> String.format(Locale.ROOT,
                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#ffffff\" stroke=\"#555555\"%s</circle>", x, y, data);
            default -> String.format(Locale.ROOT,
                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"#000000\"%s</circle>", x, y, data);
        };
    }

    private String legendSymbol(Style style, double x, double y) {
        return switch (style) {
            case BAR_DARK -> String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"16\" height=\"10\" fill=\"#333333\" stroke=\"#000000\"/>", x, y - 4);
            case BAR_LIGHT -> String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"16\" height=\"10\" fill=\"url(#%s)\" stroke=\"#000000\"/>", x,
                    y - 4, hatchId);
            default -> String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"%s/>", x, y + 1,
                    x + 18, y + 1, style == Style.LINE_DOTTED ? "#555555" : "#000000", dash(style));
        };
    }

    static String dataAttributes(Figure f) {
        return " data-kpi=\"" + escape(f.kpi()) + "\" data-org=\"" + escape(f.org()) + "\" data-org-level=\"" + escape(f.dataOrgLevel())
                + "\" data-period=\"" + f.period()
                + "\" data-window=\"" + escape(f.window()) + "\" data-measure=\"" + escape(f.measure()) + "\""
                + (f.view() == null ? "" : " data-view=\"" + escape(f.view()) + "\"") + " data-value=\""
                + escape(f.dataValue()) + "\"";
    }

    private int decimalsFor(double step) {
        if (step >= 1) {
            return 0;
        }
        return Math.min(3, (int) Math.ceil(-Math.log10(step)));
    }

    private static double niceStep(double raw) {
        if (raw <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double normalised = raw / magnitude;
        double nice = normalised <= 1 ? 1 : normalised <= 2 ? 2 : normalised <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

package se.nyckeltal.warehouse.kpi;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The KPI reference of docs/analysts.md, written from the definitions' headers: the part of the doc between
 * {@link #BEGIN} and {@link #END}. The warehouse module's KpiReferenceDocTest fails when the checked-in doc
 * differs, and rewrites it when asked to.
 */
public record KpiReference(KpiDefinitions definitions) {
    public static final String BEGIN = "<!-- BEGIN KPI reference: generated from the headers of"
            + " warehouse/src/main/resources/se/nyckeltal/warehouse/sql/kpi/definitions/ — do not edit here;"
            + " see the README there -->";
    public static final String END = "<!-- END KPI reference -->";

    public KpiReference {
        requireNonNull(definitions, "definitions");
    }

    /** The generated part, markers included. */
    public String markdown() {
        StringBuilder md = new StringBuilder(BEGIN).append("\n\n");
        Map<String, List<KpiDefinition>> bySource = new TreeMap<>();
        for (KpiDefinition kpi : definitions.kpis()) {
            bySource.computeIfAbsent(kpi.source(), s -> new ArrayList<>()).add(kpi);
        }
        for (Map.Entry<String, List<KpiDefinition>> source : bySource.entrySet()) {
            md.append("#### ").append(source.getKey()).append(" (`kpi/definitions/").append(source.getKey())
                    .append("/`)\n\n");
            md.append("| kpi_id | name | unit | better | budget | window | definition |\n");
            md.append("|---|---|---|---|---|---|---|\n");
            for (KpiDefinition kpi : source.getValue()) {
                md.append("| `").append(kpi.kpiId()).append("` | ")
                        .append(kpi.family() ? "one per member, in `dim.kpi`" : cell(kpi.nameSv())).append(" | ")
                        .append(kpi.family() ? "per member" : cell(kpi.unit())).append(" | ")
                        .append(kpi.directionPerMember() ? "per member" : kpi.goodDirection()).append(" | ")
                        .append(kpi.hasBudget() ? "yes" : "no").append(" | ")
                        .append(kpi.windowPerMember() ? "per member" : kpi.window().id()).append(" | ")
                        .append(cell(kpi.definition())).append(" |\n");
            }
            md.append('\n');
        }
        md.append("Window rules:\n\n");
        for (WindowRule rule : WindowRule.values()) {
            md.append("- `").append(rule.id()).append("`: ").append(rule.meaning()).append('\n');
        }
        return md.append('\n').append(END).toString();
    }

    /** The document with its generated part replaced; the markers must be there once each. */
    public String update(String document) {
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        if (begin < 0 || end < begin || document.indexOf(BEGIN, begin + 1) >= 0) {
            throw new IllegalArgumentException("the document needs the line '" + BEGIN + "' once, and '" + END
                    + "' after it");
        }
        return document.substring(0, begin) + markdown() + document.substring(end + END.length());
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}

package se.nyckeltal.jobs.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * KPI query latency of one published catalogue, per query and access path, and pooled over the
 * {@code kpi.kpi_values} lookups. A plain record: Jackson writes it as JSON as it is, {@link #table()}
 * prints it for people.
 *
 * @param sample what the queries asked about (and the snapshot they ran on)
 * @param queries the queries, with their SQL and parameters
 * @param timings one per query and access path, in query order, embedded first
 * @param groups one per group and access path
 * @param lookupTargetP95Millis the target for the lookups' pooled p95 on every path
 */
public record QueryLatencyReport(
        CatalogueSample sample,
        QueryLatencySettings settings,
        List<AnalystQuery> queries,
        List<QueryTiming> timings,
        List<GroupTiming> groups,
        double lookupTargetP95Millis) {
    /** SPEC issue 7: {@code kpi.kpi_values} lookups p95 ≤ 50 ms, embedded and through the gateway. */
    public static final double LOOKUP_TARGET_P95_MILLIS = 50;

    public QueryLatencyReport {
        requireNonNull(sample, "sample");
        requireNonNull(settings, "settings");
        queries = List.copyOf(queries);
        timings = List.copyOf(timings);
        groups = List.copyOf(groups);
    }

    public Optional<GroupTiming> group(QueryGroup group, AccessPath path) {
        return groups.stream().filter(g -> g.group() == group && g.path() == path).findFirst();
    }

    /** Whether the lookups' pooled p95 is within the target on every path measured. */
    @JsonProperty("lookupTargetMet")
    public boolean lookupTargetMet() {
        return groups.stream().filter(g -> g.group() == QueryGroup.KPI_LOOKUP)
                .allMatch(g -> g.latency().p95Millis() <= lookupTargetP95Millis);
    }

    /** One line per query and path, then the pooled lookups against the target. */
    public String table() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "KPI query latency, snapshot %s (period %d, kpi %s, unit %s, area %s)%n",
                sample.snapshotId(), sample.period(), sample.kpiId(), sample.unitId(), sample.areaId()));
        String format = "  %-28s %-9s %5s %8s %9s %9s %9s%n";
        text.append(String.format(Locale.ROOT, format, "query", "path", "runs", "rows", "p50 ms", "p95 ms", "max ms"));
        for (QueryTiming timing : timings) {
            LatencyStats l = timing.latency();
            text.append(String.format(Locale.ROOT, format, timing.queryId(), name(timing.path()), l.count(), timing.rows(),
                    ms(l.p50Millis()), ms(l.p95Millis()), ms(l.maxMillis())));
        }
        for (GroupTiming group : groups) {
            if (group.group() != QueryGroup.KPI_LOOKUP) {
                continue;
            }
            LatencyStats l = group.latency();
            boolean met = l.p95Millis() <= lookupTargetP95Millis;
            text.append(String.format(Locale.ROOT, "  %-28s %-9s %5d %8s %9s %9s %9s  target p95 ≤ %s ms: %s%n",
                    "kpi_values lookups", name(group.path()), l.count(), "", ms(l.p50Millis()), ms(l.p95Millis()),
                    ms(l.maxMillis()), target(), met ? "met" : "MISSED"));
        }
        return text.toString();
    }

    private String target() {
        return BigDecimal.valueOf(lookupTargetP95Millis).stripTrailingZeros().toPlainString();
    }

    private static String name(AccessPath path) {
        return path.name().toLowerCase(Locale.ROOT);
    }

    private static String ms(double millis) {
        return String.format(Locale.ROOT, millis < 10 ? "%.2f" : "%.1f", millis);
    }
}

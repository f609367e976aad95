package se.nyckeltal.warehouse.report;

import java.util.List;

/** A generated månadsrapport: for one org and period, its sections in the seed's order. */
public record Report(String orgLevel, String orgId, String orgName, int period, String title, String subtitle,
        String snapshotId, List<Section> sections) {
    public String isoPeriod() {
        return SwedishFormat.isoPeriod(period);
    }
}

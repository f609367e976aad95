package se.nyckeltal.warehouse.report;

import java.util.List;

/**
 * One section of the månadsrapport (ids of SPEC §8, used for comments). {@code missing} is the one line
 * printed instead of tables when the region has not delivered the data, with how to deliver it.
 */
public record Section(String id, String heading, String lead, List<String> bullets, List<Table> tables,
        List<Chart> charts, List<CommentBlock> comments, List<String> footnotes, String missing) {
    public boolean hasMissing() {
        return missing != null;
    }
}

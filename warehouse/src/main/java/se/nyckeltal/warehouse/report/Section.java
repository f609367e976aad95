package se.nyckeltal.warehouse.report;

import java.util.List;

/**
 * One section of the månadsrapport (ids of SPEC §8, used for comments). {@code missing} is the one line
 * saying which data the region has not delivered and how to deliver it: printed instead of an empty table
 * (the indicators section prints it above the tables of the KPIs the warehouse computes itself).
 */
public record Section(String id, String heading, String lead, List<Sentence> bullets, List<Table> tables,
        List<Chart> charts, List<CommentBlock> comments, List<String> footnotes, String missing) {
    public boolean hasMissing() {
        return missing != null;
    }
}

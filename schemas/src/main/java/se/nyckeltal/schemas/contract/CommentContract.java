package se.nyckeltal.schemas.contract;

import java.util.List;

/**
 * Comments CSV (analys och kommentarer), SPEC §3: a controller's text per period, org and topic. The
 * text is CSV-quoted and may span lines; it is stored as delivered and never parsed. The latest
 * delivery of a (period, org_id, topic) wins; earlier deliveries stay in the history.
 */
public final class CommentContract {
    public static final ColumnSpec PERIOD = ColumnSpec.required("period", "månad");
    public static final ColumnSpec ORG_ID = ColumnSpec.required("org_id", "enhet", "organisation", "org");
    public static final ColumnSpec TOPIC = ColumnSpec.required("topic", "ämne", "avsnitt");
    public static final ColumnSpec TEXT = ColumnSpec.required("text", "kommentar", "analys");

    /** In the order the canonical export writes them. */
    public static final List<ColumnSpec> COLUMNS = List.of(PERIOD, ORG_ID, TOPIC, TEXT);

    /** Topics that are not a report section or a KPI id (SPEC §3). */
    public static final List<String> GENERAL_TOPICS = List.of("summary", "worth_noting", "after_period");

    /** A comment longer than this is refused: a paste gone wrong, not an analysis. */
    public static final int MAX_TEXT_LENGTH = 20_000;

    private CommentContract() {}
}

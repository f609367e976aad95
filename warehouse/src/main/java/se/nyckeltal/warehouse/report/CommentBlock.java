package se.nyckeltal.warehouse.report;

import java.util.List;

/** Text controllers wrote (meta.comments), under a heading: shown as written, one paragraph per line. */
public record CommentBlock(String heading, List<String> paragraphs) {}

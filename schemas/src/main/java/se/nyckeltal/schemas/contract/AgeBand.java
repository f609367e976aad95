package se.nyckeltal.schemas.contract;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An age band of the listings (åldersgrupp): whole years {@code from} to {@code to} inclusive, or
 * {@code from} and older when open-ended. Written canonically as {@code 0-4}, {@code 85-89}, {@code 100-};
 * read also as {@code 0-04}, {@code 0–4} (en dash), {@code 100+}, {@code >=100} and {@code >100} (after {@code 95-99}: 100 and older), the forms
 * listing systems and the regions' rate tables use.
 *
 * @param to the last year of age in the band, or null for an open-ended band
 */
public record AgeBand(int from, Integer to) implements Comparable<AgeBand> {
    private static final Pattern CLOSED = Pattern.compile("(\\d{1,3})\\s*[-–]\\s*(\\d{1,3})");
    private static final Pattern OPEN = Pattern.compile("(?:(\\d{1,3})\\s*(?:[-–]|\\+))|(?:(?:>=|≥)\\s*(\\d{1,3}))|(?:>\\s*(\\d{1,3}))");

    public AgeBand {
        if (from < 0 || (to != null && to < from)) {
            throw new IllegalArgumentException("age band " + from + "-" + to + " is not ordered");
        }
    }

    /**
     * @throws IllegalArgumentException naming the text and what a band looks like, also when the band's
     *     first year is after its last ("10-4")
     */
    public static AgeBand parse(String text) {
        String t = text.strip();
        Matcher closed = CLOSED.matcher(t);
        if (closed.matches()) {
            int from = Integer.parseInt(closed.group(1));
            int to = Integer.parseInt(closed.group(2));
            if (to < from) {
                throw new IllegalArgumentException("age band '" + t + "' is not ordered: it ends (" + to
                        + ") before it begins (" + from + "); write the lower age first, e.g. " + to + "-" + from);
            }
            return new AgeBand(from, to);
        }
        Matcher open = OPEN.matcher(t);
        if (open.matches()) {
            if (open.group(1) != null) {
                return new AgeBand(Integer.parseInt(open.group(1)), null);
            }
            if (open.group(2) != null) {
                return new AgeBand(Integer.parseInt(open.group(2)), null);
            }
            // ">100" in the regions' rate tables follows "95-99": it means 100 and older
            return new AgeBand(Integer.parseInt(open.group(3)), null);
        }
        throw new IllegalArgumentException("age band '" + t + "' is not a band of whole years: write from-to"
                + " (e.g. 0-4, 85-89) or from- for the last, open-ended band (e.g. 100-)");
    }

    public boolean openEnded() {
        return to == null;
    }

    /** Whether the two bands share a year of age. */
    public boolean overlaps(AgeBand other) {
        int thisEnd = to == null ? Integer.MAX_VALUE : to;
        int otherEnd = other.to == null ? Integer.MAX_VALUE : other.to;
        return from <= otherEnd && other.from <= thisEnd;
    }

    @Override
    public int compareTo(AgeBand other) {
        int byFrom = Integer.compare(from, other.from);
        if (byFrom != 0) {
            return byFrom;
        }
        int thisEnd = to == null ? Integer.MAX_VALUE : to;
        int otherEnd = other.to == null ? Integer.MAX_VALUE : other.to;
        return Integer.compare(thisEnd, otherEnd);
    }

    @Override
    public String toString() {
        return from + "-" + (to == null ? "" : to.toString());
    }
}

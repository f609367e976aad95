package se.nyckeltal.warehouse.report;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * One sentence of "Perioden i siffror": its text with the figures in place, so that every number a reader sees
 * carries its source as {@code data-*} attributes, as the tables' figures do.
 */
public record Sentence(List<Part> parts) {
    public Sentence {
        parts = List.copyOf(parts);
    }

    /** Words, or a figure as printed ({@code text} is then the figure's text). */
    public record Part(String text, Figure figure) {
        public Part {
            requireNonNull(text, "text");
        }

        public boolean hasFigure() {
            return figure != null;
        }
    }

    /** The sentence as a reader sees it. */
    public String text() {
        StringBuilder text = new StringBuilder();
        parts.forEach(p -> text.append(p.text()));
        return text.toString();
    }

    /** The figures of the sentence, in reading order. */
    public List<Figure> figures() {
        return parts.stream().filter(Part::hasFigure).map(Part::figure).toList();
    }

    @Override
    public String toString() {
        return text();
    }

    static Builder builder() {
        return new Builder();
    }

    /** Appends words and figures in reading order. */
    static final class Builder {
        private final List<Part> parts = new ArrayList<>();

        Builder text(String text) {
            if (!text.isEmpty()) {
                parts.add(new Part(text, null));
            }
            return this;
        }

        /** A figure printed as {@code shown} (e.g. "+2,6", "-321"). */
        Builder figure(Figure figure, String shown) {
            parts.add(new Part(shown, figure.withText(shown)));
            return this;
        }

        boolean isEmpty() {
            return parts.isEmpty();
        }

        Sentence build() {
            return new Sentence(parts);
        }
    }
}

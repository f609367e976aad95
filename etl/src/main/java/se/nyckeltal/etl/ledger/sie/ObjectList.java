package se.nyckeltal.etl.ledger.sie;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import se.nyckeltal.schemas.text.ExtractFormatException;

/**
 * The objects an amount is booked on: pairs of dimension number and object id, e.g.
 * {@code {1 "1010" 6 "P12"}} (SIE 4B §8.21). Dimension 1 is kostnadsställe, our cost centre. A pair
 * with an empty object id says nothing and is dropped.
 */
record ObjectList(SortedMap<Integer, String> objects) {
    static final int COST_CENTER_DIMENSION = 1;
    static final ObjectList EMPTY = new ObjectList(new TreeMap<>());

    ObjectList {
        objects = Collections.unmodifiableSortedMap(new TreeMap<>(objects));
    }

    static ObjectList parse(List<String> items) {
        if (items.size() % 2 != 0) {
            throw new ExtractFormatException("has object list " + render(items) + " which does not hold pairs of"
                    + " dimension and object; write e.g. {1 \"1010\"} or {} for none");
        }
        TreeMap<Integer, String> objects = new TreeMap<>();
        for (int i = 0; i < items.size(); i += 2) {
            String dimensionText = items.get(i).strip();
            String object = items.get(i + 1).strip();
            int dimension = dimension(dimensionText, items);
            if (object.isEmpty()) {
                continue;
            }
            if (objects.putIfAbsent(dimension, object) != null) {
                throw new ExtractFormatException("has object list " + render(items) + " which names dimension "
                        + dimension + " twice; an amount is booked on one object per dimension");
            }
        }
        return objects.isEmpty() ? EMPTY : new ObjectList(objects);
    }

    /** The cost centre (dimension 1 object), or null when the amount is booked on none. */
    String costCenter() {
        return objects.get(COST_CENTER_DIMENSION);
    }

    /** The dimension numbers used, ascending: rows with the same ones are disjoint and add up. */
    List<Integer> dimensions() {
        return List.copyOf(objects.keySet());
    }

    boolean isEmpty() {
        return objects.isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("{");
        for (Map.Entry<Integer, String> e : objects.entrySet()) {
            if (s.length() > 1) {
                s.append(' ');
            }
            s.append(e.getKey()).append(" \"").append(e.getValue()).append('"');
        }
        return s.append('}').toString();
    }

    private static int dimension(String text, List<String> items) {
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(text) == 0) {
            throw new ExtractFormatException("has object list " + render(items) + " where '" + text
                    + "' is not a dimension number; dimensions are numbered 1, 2, … (1 = kostnadsställe)");
        }
        return Integer.parseInt(text);
    }

    private static String render(List<String> items) {
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                s.append(' ');
            }
            s.append(i % 2 == 0 ? items.get(i) : "\"" + items.get(i) + "\"");
        }
        return s.append('}').toString();
    }
}

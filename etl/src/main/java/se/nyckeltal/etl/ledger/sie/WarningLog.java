package se.nyckeltal.etl.ledger.sie;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The warnings of one read, grouped by kind and capped per kind, so a file with ten thousand of the
 * same oddity gives the controller a readable list rather than ten thousand lines.
 */
final class WarningLog {
    static final int MAX_PER_KIND = 10;

    private final Map<String, List<String>> byKind = new LinkedHashMap<>();
    private final Map<String, Integer> leftOut = new LinkedHashMap<>();

    void add(String kind, String message) {
        List<String> messages = byKind.computeIfAbsent(kind, k -> new ArrayList<>());
        if (messages.size() < MAX_PER_KIND) {
            messages.add(message);
        } else {
            leftOut.merge(kind, 1, Integer::sum);
        }
    }

    List<String> list() {
        List<String> all = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : byKind.entrySet()) {
            all.addAll(e.getValue());
            Integer more = leftOut.get(e.getKey());
            if (more != null) {
                all.add("… and " + more + " more warning(s) like the " + MAX_PER_KIND + " above");
            }
        }
        return all;
    }
}

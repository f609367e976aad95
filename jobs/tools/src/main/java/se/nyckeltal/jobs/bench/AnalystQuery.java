package se.nyckeltal.jobs.bench;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One typical analyst query with its parameters bound as JDBC parameters ({@code ?}).
 *
 * @param id short stable name, used in the report
 * @param description what the analyst asks, in words
 * @param parameters the values of the {@code ?}s, in order (Integer or String)
 */
public record AnalystQuery(String id, QueryGroup group, String description, String sql, List<Object> parameters) {
    public AnalystQuery {
        requireNonNull(id, "id");
        requireNonNull(group, "group");
        requireNonNull(description, "description");
        requireNonNull(sql, "sql");
        parameters = List.copyOf(parameters);
        long placeholders = sql.chars().filter(c -> c == '?').count();
        if (placeholders != parameters.size()) {
            throw new IllegalArgumentException(id + ": " + placeholders + " placeholders but " + parameters.size()
                    + " parameters");
        }
    }
}

package dev.baton.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Builds the {@code query} parameter of Conductor's workflow search:
 * {@code workflowType IN (a,b) AND status IN (RUNNING,FAILED) AND correlationId = x}. Values that
 * are not plain words are double-quoted.
 */
final class SearchQuery {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.:\\-]+");

    private SearchQuery() {}

    /** The query, or null when there is no criterion. */
    static String build(List<String> types, List<String> statuses, String correlationId) {
        List<String> parts = new ArrayList<>();
        if (types != null && !types.isEmpty()) {
            parts.add("workflowType IN (" + join(types) + ")");
        }
        if (statuses != null && !statuses.isEmpty()) {
            parts.add("status IN (" + join(statuses) + ")");
        }
        if (correlationId != null && !correlationId.isBlank()) {
            parts.add("correlationId = " + value(correlationId));
        }
        return parts.isEmpty() ? null : String.join(" AND ", parts);
    }

    private static String join(List<String> values) {
        return values.stream()
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .distinct()
                .map(SearchQuery::value)
                .collect(Collectors.joining(","));
    }

    static String value(String v) {
        if (PLAIN.matcher(v).matches()) {
            return v;
        }
        return '"' + v.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}

package dev.baton.orchestrator.api;

import dev.baton.engine.model.WorkflowInstance;
import dev.baton.orchestrator.error.ApiException;
import dev.baton.orchestrator.query.InstanceQueries;
import dev.baton.orchestrator.query.InstanceSearch;
import dev.baton.orchestrator.query.SearchResult;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Searches for the API: Conductor's query, free text, paging and sort over {@link InstanceQueries}.
 * {@code startTime} sorts are served page by page; other sort fields sort the hits in memory (at
 * most {@code baton.api.max-sort-window} of them).
 */
@Singleton
@Requires(property = "baton.runtime.enabled", notEquals = "false")
public class WorkflowSearch {
    private static final Map<String, Function<WorkflowInstance, Comparable<?>>> SORT_KEYS = Map.of(
            "startTime", w -> w.startTime,
            "updateTime", w -> w.updateTime,
            "endTime", w -> w.endTime,
            "workflowId", w -> w.workflowId,
            "workflowType", w -> w.workflowName,
            "status", w -> String.valueOf(w.status),
            "correlationId", w -> w.correlationId == null ? "" : w.correlationId);

    private final InstanceQueries queries;
    private final ApiSettings settings;

    public WorkflowSearch(InstanceQueries queries, ApiSettings settings) {
        this.queries = queries;
        this.settings = settings;
    }

    /** Reads the request's parameters (400 naming any bad one) and runs the search. */
    public SearchResult search(String start, String size, String sort, String freeText, String query) {
        int from = QueryParams.intOr("start", start, 0, 0, Integer.MAX_VALUE - settings.getMaxSearchSize());
        int count = QueryParams.intOr("size", size, 100, 0, settings.getMaxSearchSize());
        Sort order = Sort.parse(sort);
        SearchQuery q = SearchQuery.parse(query);
        if (q.matchesNothing()) {
            return new SearchResult(0, List.of());
        }
        String text = freeText == null || freeText.isBlank() || "*".equals(freeText.trim()) ? null : freeText;
        return search(q, text, from, count, order);
    }

    private SearchResult search(SearchQuery q, String freeText, int from, int count, Sort order) {
        if (!q.workflowIds().isEmpty()) {
            // by id: each instance read, the other criteria checked on it
            InstanceSearch criteria = criteria(q, freeText, 0, 0);
            List<WorkflowInstance> hits = q.workflowIds().stream()
                    .map(queries::find)
                    .flatMap(Optional::stream)
                    .filter(criteria::matches)
                    .sorted(order.comparator())
                    .toList();
            int a = Math.min(from, hits.size());
            return new SearchResult(hits.size(), hits.subList(a, (int) Math.min(hits.size(), (long) a + count)));
        }
        if (order.field.equals("startTime") && order.descending) {
            return queries.search(criteria(q, freeText, from, count));
        }
        long total = queries.search(criteria(q, freeText, 0, 0)).totalHits();
        if (order.field.equals("startTime")) {
            // ascending: the mirror image of the newest-first pages
            long end = total - from;
            if (end <= 0) {
                return new SearchResult(total, List.of());
            }
            int begin = (int) Math.max(0, end - count);
            List<WorkflowInstance> page =
                    new ArrayList<>(queries.search(criteria(q, freeText, begin, (int) (end - begin)))
                            .results());
            java.util.Collections.reverse(page);
            return new SearchResult(total, page);
        }
        if (total > settings.getMaxSortWindow()) {
            throw ApiException.badField(
                    "sort",
                    "sorting by " + order.field + " works on at most "
                            + settings.getMaxSortWindow() + " hits, and this search has " + total
                            + "; narrow the query or sort by startTime",
                    order.field);
        }
        List<WorkflowInstance> all = new ArrayList<>(
                queries.search(criteria(q, freeText, 0, (int) total)).results());
        all.sort(order.comparator());
        int a = (int) Math.min(from, all.size());
        int b = (int) Math.min(all.size(), (long) a + count);
        return new SearchResult(Math.max(total, all.size()), List.copyOf(all.subList(a, b)));
    }

    private static InstanceSearch criteria(SearchQuery q, String freeText, int start, int size) {
        return new InstanceSearch(
                q.workflowTypes(),
                q.statuses(),
                q.correlationId(),
                q.startedAfter(),
                q.startedBefore(),
                freeText,
                start,
                size);
    }

    /** One sort field and direction: {@code field}, {@code field:ASC} or {@code field:DESC}. */
    record Sort(String field, boolean descending) {
        static Sort parse(String sort) {
            if (sort == null || sort.isBlank()) {
                return new Sort("startTime", true);
            }
            String[] parts = sort.trim().split(":", -1);
            if (parts.length > 2 || !SORT_KEYS.containsKey(parts[0].trim())) {
                throw ApiException.badField(
                        "sort",
                        "expected field[:ASC|DESC] with field one of "
                                + String.join(", ", new java.util.TreeSet<>(SORT_KEYS.keySet())),
                        sort);
            }
            boolean desc = true;
            if (parts.length == 2) {
                switch (parts[1].trim().toUpperCase(Locale.ROOT)) {
                    case "ASC" -> desc = false;
                    case "DESC" -> desc = true;
                    default -> throw ApiException.badField("sort", "direction must be ASC or DESC", sort);
                }
            }
            return new Sort(parts[0].trim(), desc);
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        Comparator<WorkflowInstance> comparator() {
            Function<WorkflowInstance, Comparable> key = (Function) SORT_KEYS.get(field);
            Comparator<WorkflowInstance> c =
                    Comparator.comparing(key, Comparator.nullsFirst(Comparator.naturalOrder()));
            c = descending ? c.reversed() : c;
            return c.thenComparing(w -> w.workflowId);
        }
    }
}

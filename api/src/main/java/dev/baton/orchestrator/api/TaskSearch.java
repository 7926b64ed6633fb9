package dev.baton.orchestrator.api;

import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.orchestrator.error.ApiException;
import dev.baton.orchestrator.query.InstanceQueries;
import dev.baton.orchestrator.query.InstanceSearch;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Conductor's task search without a task index: the workflows a query selects are read (at most
 * {@code baton.api.max-sort-window} of them, else a 400 asking to narrow the query) and their
 * tasks filtered by the query's task fields and the free text. Serves {@code /api/tasks/search},
 * {@code /api/tasks/search-v2}, the workflow search by tasks and the admin view of pending tasks.
 */
@Singleton
@Requires(property = "baton.runtime.enabled", notEquals = "false")
public class TaskSearch {
    private static final Map<String, Function<TaskState, Comparable<?>>> SORT_KEYS = Map.of(
            "scheduledTime", t -> t.scheduledTime,
            "startTime", t -> t.startTime,
            "endTime", t -> t.endTime,
            "updateTime", t -> Math.max(t.endTime, Math.max(t.startTime, t.scheduledTime)),
            "taskType", TaskState::conductorType,
            "taskDefName", t -> t.taskDefName == null ? "" : t.taskDefName,
            "status", t -> String.valueOf(t.status),
            "taskId", t -> t.taskId);

    private final InstanceQueries queries;
    private final ApiSettings settings;

    public TaskSearch(InstanceQueries queries, ApiSettings settings) {
        this.queries = queries;
        this.settings = settings;
    }

    /** A task and the workflow it belongs to. */
    public record Hit(WorkflowInstance workflow, TaskState task) {}

    /** One page of hits and how many there are in all. */
    public record Hits<T>(long totalHits, List<T> page) {}

    /** Tasks matching the query and free text, newest first unless {@code sort} says otherwise. */
    public Hits<Hit> tasks(String start, String size, String sort, String freeText, String query) {
        int from = QueryParams.intOr("start", start, 0, 0, Integer.MAX_VALUE - settings.getMaxSearchSize());
        int count = QueryParams.intOr("size", size, 100, 0, settings.getMaxSearchSize());
        Comparator<Hit> order = taskOrder(sort);
        List<Hit> all = matching(SearchQuery.parseTasks(query), text(freeText));
        all.sort(order);
        return page(all, from, count);
    }

    /** The workflows having at least one task that matches, ordered as a workflow search orders them. */
    public Hits<WorkflowInstance> workflows(String start, String size, String sort, String freeText, String query) {
        int from = QueryParams.intOr("start", start, 0, 0, Integer.MAX_VALUE - settings.getMaxSearchSize());
        int count = QueryParams.intOr("size", size, 100, 0, settings.getMaxSearchSize());
        Comparator<WorkflowInstance> order = WorkflowSearch.Sort.parse(sort).comparator();
        List<WorkflowInstance> found = new ArrayList<>();
        for (Hit h : matching(SearchQuery.parseTasks(query), text(freeText))) {
            if (found.isEmpty() || found.get(found.size() - 1) != h.workflow()) {
                found.add(h.workflow());
            }
        }
        found.sort(order);
        return page(found, from, count);
    }

    /** The tasks of a type (as Conductor names it) that are SCHEDULED or IN_PROGRESS, oldest first. */
    public List<Hit> pending(String taskType, int start, int count) {
        List<Hit> all = matching(
                new SearchQuery.TaskQuery(
                        SearchQuery.parse(null),
                        Map.of("taskType", Set.of(taskType), "status", Set.of("SCHEDULED", "IN_PROGRESS"))),
                null);
        all.sort(Comparator.comparingLong((Hit h) -> h.task().scheduledTime).thenComparing(h -> h.task().taskId));
        return page(all, start, count).page();
    }

    private List<Hit> matching(SearchQuery.TaskQuery q, String freeText) {
        List<Hit> out = new ArrayList<>();
        if (q.workflows().matchesNothing() || q.taskFields().values().stream().anyMatch(Set::isEmpty)) {
            return out;
        }
        for (WorkflowInstance wf : workflows(q)) {
            for (TaskState t : wf.tasks) {
                if (matches(wf, t, q.taskFields()) && (freeText == null || contains(t, freeText))) {
                    out.add(new Hit(wf, t));
                }
            }
        }
        return out;
    }

    /** The workflows to look in: the ones named by workflowId, else those the workflow clauses select. */
    private List<WorkflowInstance> workflows(SearchQuery.TaskQuery q) {
        SearchQuery w = q.workflows();
        Set<String> ids = q.taskFields().get("workflowId");
        if (ids != null) {
            List<WorkflowInstance> out = new ArrayList<>();
            for (String id : ids) {
                Optional<WorkflowInstance> wf = queries.find(id);
                wf.filter(i -> criteria(w, 0, 0).matches(i)).ifPresent(out::add);
            }
            return out;
        }
        long total = queries.search(criteria(w, 0, 0)).totalHits();
        if (total > settings.getMaxSortWindow()) {
            throw ApiException.badField(
                    "query",
                    "a task search reads the workflows it selects, at most "
                            + settings.getMaxSortWindow() + ", and this query selects " + total
                            + "; narrow it with workflowType, correlationId, startTime or workflowId",
                    null);
        }
        return queries.search(criteria(w, 0, (int) total)).results();
    }

    private static InstanceSearch criteria(SearchQuery q, int start, int size) {
        return new InstanceSearch(
                q.workflowTypes(),
                q.statuses(),
                q.correlationId(),
                q.startedAfter(),
                q.startedBefore(),
                null,
                start,
                size);
    }

    private static boolean matches(WorkflowInstance wf, TaskState t, Map<String, Set<String>> fields) {
        return in(fields, "taskType", t.conductorType())
                && in(fields, "taskDefName", t.taskDefName)
                && in(fields, "taskId", t.taskId)
                && in(fields, "workflowId", wf.workflowId)
                && in(fields, "status", String.valueOf(t.status));
    }

    private static boolean in(Map<String, Set<String>> fields, String field, String value) {
        Set<String> wanted = fields.get(field);
        return wanted == null || wanted.contains(value);
    }

    private static boolean contains(TaskState t, String needle) {
        String hay = (t.taskId + " " + t.referenceTaskName + " " + t.taskDefName + " "
                        + (t.inputData == null ? "" : t.inputData.toString()) + " "
                        + (t.outputData == null ? "" : t.outputData.toString()))
                .toLowerCase(Locale.ROOT);
        return hay.contains(needle);
    }

    private static String text(String freeText) {
        return freeText == null || freeText.isBlank() || "*".equals(freeText.trim())
                ? null
                : freeText.trim().toLowerCase(Locale.ROOT);
    }

    private static <T> Hits<T> page(List<T> all, int from, int count) {
        int a = Math.min(from, all.size());
        int b = (int) Math.min(all.size(), (long) a + count);
        return new Hits<>(all.size(), List.copyOf(all.subList(a, b)));
    }

    /** {@code field[:ASC|DESC]}; by default newest scheduled first. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Comparator<Hit> taskOrder(String sort) {
        String field = "scheduledTime";
        boolean desc = true;
        if (sort != null && !sort.isBlank()) {
            String[] parts = sort.trim().split(":", -1);
            if (parts.length > 2 || !SORT_KEYS.containsKey(parts[0].trim())) {
                throw ApiException.badField(
                        "sort",
                        "expected field[:ASC|DESC] with field one of "
                                + String.join(", ", new TreeSet<>(SORT_KEYS.keySet())),
                        sort);
            }
            field = parts[0].trim();
            if (parts.length == 2) {
                switch (parts[1].trim().toUpperCase(Locale.ROOT)) {
                    case "ASC" -> desc = false;
                    case "DESC" -> desc = true;
                    default -> throw ApiException.badField("sort", "direction must be ASC or DESC", sort);
                }
            }
        }
        Function<TaskState, Comparable> key = (Function) SORT_KEYS.get(field);
        Comparator<Hit> c =
                Comparator.comparing(h -> key.apply(h.task()), Comparator.nullsFirst(Comparator.naturalOrder()));
        c = desc ? c.reversed() : c;
        // ties (a fork's branches are scheduled at once) in the workflow's own order
        return c.thenComparing(h -> h.workflow().workflowId).thenComparingInt(h -> h.task().seq);
    }
}

package dev.baton.orchestrator.api;

import dev.baton.orchestrator.api.model.SearchResult;
import dev.baton.orchestrator.api.model.Task;
import dev.baton.orchestrator.api.model.TaskSummary;
import dev.baton.orchestrator.api.views.DefinitionLookup;
import dev.baton.orchestrator.api.views.TaskViews;
import dev.baton.orchestrator.api.views.WorkflowContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.ArrayList;
import java.util.List;

/**
 * Conductor's task search ({@code /api/tasks/search}, {@code /api/tasks/search-v2}): the query
 * takes {@code taskType}, {@code taskDefName}, {@code taskId}, {@code workflowId}, a task
 * {@code status}, and {@code workflowType}, {@code correlationId}, {@code startTime} of the
 * workflows; the free text is looked for in the tasks' ids, names, input and output. See {@link TaskSearch}.
 */
@Controller("/api/tasks")
@Requires(property = "baton.runtime.enabled", notEquals = "false")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.APPLICATION_JSON)
public class TaskSearchController {
    private final TaskSearch search;
    private final DefinitionStore definitions;

    public TaskSearchController(TaskSearch search, DefinitionStore definitions) {
        this.search = search;
        this.definitions = definitions;
    }

    /** Conductor's SearchResult of TaskSummary, newest scheduled first unless {@code sort} says otherwise. */
    @Get("/search")
    public SearchResult<TaskSummary> search(
            @Nullable @QueryValue String start,
            @Nullable @QueryValue String size,
            @Nullable @QueryValue String sort,
            @Nullable @QueryValue String freeText,
            @Nullable @QueryValue String query) {
        TaskSearch.Hits<TaskSearch.Hit> r = search.tasks(start, size, sort, freeText, query);
        return new SearchResult<>(
                r.totalHits(),
                r.page().stream()
                        .map(h -> TaskViews.summary(h.workflow(), h.task()))
                        .toList());
    }

    /** Like search, with whole tasks as results. */
    @Get("/search-v2")
    public SearchResult<Task> searchV2(
            @Nullable @QueryValue String start,
            @Nullable @QueryValue String size,
            @Nullable @QueryValue String sort,
            @Nullable @QueryValue String freeText,
            @Nullable @QueryValue String query) {
        TaskSearch.Hits<TaskSearch.Hit> r = search.tasks(start, size, sort, freeText, query);
        DefinitionLookup lookup = definitions.lookup();
        List<Task> out = new ArrayList<>(r.page().size());
        for (TaskSearch.Hit h : r.page()) {
            out.add(TaskViews.task(h.workflow(), h.task(), WorkflowContext.of(h.workflow(), lookup), null));
        }
        return new SearchResult<>(r.totalHits(), out);
    }
}

package dev.baton.orchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.model.WorkflowStatus;
import dev.baton.orchestrator.api.model.SearchResult;
import dev.baton.orchestrator.api.model.Workflow;
import dev.baton.orchestrator.api.model.WorkflowSummary;
import dev.baton.orchestrator.api.views.DefinitionLookup;
import dev.baton.orchestrator.api.views.WorkflowViews;
import dev.baton.orchestrator.error.ApiException;
import dev.baton.orchestrator.query.InstanceQueries;
import dev.baton.orchestrator.query.InstanceSearch;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finding workflows ({@code /api/workflow}): Conductor's search (summaries) and search-v2 (whole
 * workflows) with query, free text, paging and sort, the same by task fields (search-by-tasks);
 * workflows by correlation id; running ids.
 */
@Controller("/api/workflow")
@Requires(property = "baton.runtime.enabled", notEquals = "false")
@ExecuteOn(TaskExecutors.BLOCKING)
@Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.ALL})
@Produces(MediaType.APPLICATION_JSON)
public class WorkflowSearchController {
    private static final Set<WorkflowStatus> OPEN = Set.of(WorkflowStatus.RUNNING, WorkflowStatus.PAUSED);
    private static final int MAX_CORRELATION_IDS = 1000;

    private final WorkflowSearch search;
    private final TaskSearch tasks;
    private final InstanceQueries queries;
    private final DefinitionStore definitions;
    private final ApiSettings settings;

    public WorkflowSearchController(
            WorkflowSearch search,
            TaskSearch tasks,
            InstanceQueries queries,
            DefinitionStore definitions,
            ApiSettings settings) {
        this.search = search;
        this.tasks = tasks;
        this.queries = queries;
        this.definitions = definitions;
        this.settings = settings;
    }

    /** Conductor's SearchResult of WorkflowSummary, newest first unless {@code sort} says otherwise. */
    @Get("/search")
    public SearchResult<WorkflowSummary> search(
            @Nullable @QueryValue String start,
            @Nullable @QueryValue String size,
            @Nullable @QueryValue String sort,
            @Nullable @QueryValue String freeText,
            @Nullable @QueryValue String query) {
        dev.baton.orchestrator.query.SearchResult r = search.search(start, size, sort, freeText, query);
        return new SearchResult<>(
                r.totalHits(), r.results().stream().map(WorkflowViews::summary).toList());
    }

    /** Like search, with whole workflows (without their tasks) as results. */
    @Get("/search-v2")
    public SearchResult<Workflow> searchV2(
            @Nullable @QueryValue String start,
            @Nullable @QueryValue String size,
            @Nullable @QueryValue String sort,
            @Nullable @QueryValue String freeText,
            @Nullable @QueryValue String query) {
        dev.baton.orchestrator.query.SearchResult r = search.search(start, size, sort, freeText, query);
        return new SearchResult<>(r.totalHits(), views(r.results(), false));
    }

    /**
     * Workflows by their tasks' fields ({@code taskType}, {@code taskDefName}, {@code taskId},
     * {@code workflowId}, a task {@code status}, with {@code workflowType}, {@code correlationId},
     * {@code startTime}); the free text is looked for in the tasks' ids, names, input and output.
     */
    @Get("/search-by-tasks")
    public SearchResult<WorkflowSummary> searchByTasks(
            @Nullable @QueryValue String start,
            @Nullable @QueryValue String size,
            @Nullable @QueryValue String sort,
            @Nullable @QueryValue String freeText,
            @Nullable @QueryValue String query) {
        TaskSearch.Hits<WorkflowInstance> r = tasks.workflows(start, size, sort, freeText, query);
        return new SearchResult<>(
                r.totalHits(), r.page().stream().map(WorkflowViews::summary).toList());
    }

    /** Like search-by-tasks, with whole workflows (without their tasks) as results. */
    @Get("/search-by-tasks-v2")
    public SearchResult<Workflow> searchByTasksV2(
            @Nullable @QueryValue String start,
            @Nullable @QueryValue String size,
            @Nullable @QueryValue String sort,
            @Nullable @QueryValue String freeText,
            @Nullable @QueryValue String query) {
        TaskSearch.Hits<WorkflowInstance> r = tasks.workflows(start, size, sort, freeText, query);
        return new SearchResult<>(r.totalHits(), views(r.page(), false));
    }

    /** The workflows of a name with a correlation id; finished ones only with includeClosed=true. */
    @Get("/{name}/correlated/{correlationId}")
    public List<Workflow> correlated(
            @PathVariable String name,
            @PathVariable String correlationId,
            @Nullable @QueryValue String includeClosed,
            @Nullable @QueryValue String includeTasks) {
        boolean closed = QueryParams.bool("includeClosed", includeClosed, false);
        boolean withTasks = QueryParams.bool("includeTasks", includeTasks, false);
        return views(correlated(name, correlationId, closed), withTasks);
    }

    /** For each correlation id in the body (a JSON array of strings), its workflows of that name. */
    @Post("/{name}/correlated")
    public Map<String, List<Workflow>> correlatedMany(
            @PathVariable String name,
            @Nullable @QueryValue String includeClosed,
            @Nullable @QueryValue String includeTasks,
            @Nullable @Body String body) {
        boolean closed = QueryParams.bool("includeClosed", includeClosed, false);
        boolean withTasks = QueryParams.bool("includeTasks", includeTasks, false);
        JsonNode ids = JsonBodies.required(body);
        if (!ids.isArray()) {
            throw ApiException.badField(
                    "$",
                    "expected a JSON array of correlation ids but got " + JsonBodies.kind(ids),
                    JsonBodies.abbreviate(ids));
        }
        if (ids.size() > MAX_CORRELATION_IDS) {
            throw ApiException.badField(
                    "$", "at most " + MAX_CORRELATION_IDS + " correlation ids per request", ids.size());
        }
        for (int i = 0; i < ids.size(); i++) {
            if (!ids.get(i).isTextual()) {
                throw ApiException.badField(
                        "$[" + i + "]",
                        "expected a string but got " + JsonBodies.kind(ids.get(i)),
                        JsonBodies.abbreviate(ids.get(i)));
            }
        }
        Map<String, List<Workflow>> out = new LinkedHashMap<>();
        for (JsonNode id : ids) {
            out.put(id.textValue(), views(correlated(name, id.textValue(), closed), withTasks));
        }
        return out;
    }

    /** Ids of the RUNNING workflows of a name (optionally one version, optionally started within a time range). */
    @Get("/running/{name}")
    public List<String> running(
            @PathVariable String name,
            @Nullable @QueryValue String version,
            @Nullable @QueryValue String startTime,
            @Nullable @QueryValue String endTime) {
        Integer v = QueryParams.optionalInt("version", version, 1, Integer.MAX_VALUE);
        Long from = QueryParams.optionalLong("startTime", startTime);
        Long to = QueryParams.optionalLong("endTime", endTime);
        List<WorkflowInstance> all = queries.search(new InstanceSearch(
                        Set.of(name),
                        Set.of(WorkflowStatus.RUNNING),
                        null,
                        from,
                        to,
                        null,
                        0,
                        settings.getMaxSortWindow()))
                .results();
        return all.stream()
                .filter(w -> v == null || w.workflowVersion == v)
                .map(w -> w.workflowId)
                .toList();
    }

    private List<WorkflowInstance> correlated(String name, String correlationId, boolean includeClosed) {
        return queries.search(new InstanceSearch(
                        Set.of(name),
                        includeClosed ? Set.of() : OPEN,
                        correlationId,
                        null,
                        null,
                        null,
                        0,
                        settings.getMaxSortWindow()))
                .results();
    }

    /** Workflows sharing one definitions lookup: each definition is read once for the whole list. */
    private List<Workflow> views(List<WorkflowInstance> instances, boolean includeTasks) {
        DefinitionLookup lookup = definitions.lookup();
        List<Workflow> out = new ArrayList<>(instances.size());
        for (WorkflowInstance wf : instances) {
            out.add(WorkflowViews.workflow(wf, includeTasks, lookup));
        }
        return out;
    }
}

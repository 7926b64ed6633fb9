package dev.baton.orchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.WorkflowDef;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.model.WorkflowStatus;
import dev.baton.orchestrator.query.InstanceQueries;
import dev.baton.orchestrator.query.InstanceSearch;
import dev.baton.orchestrator.query.SearchResult;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finding workflows ({@code /api/workflow}): Conductor's search (summaries) and search-v2 (whole
 * workflows) with query, free text, paging and sort; workflows by correlation id; running ids.
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
    private final InstanceQueries queries;
    private final WorkflowOperations ops;
    private final ApiSettings settings;

    public WorkflowSearchController(WorkflowSearch search, InstanceQueries queries, WorkflowOperations ops,
                                    ApiSettings settings) {
        this.search = search;
        this.queries = queries;
        this.ops = ops;
        this.settings = settings;
    }

    /** {@code {totalHits, results: [WorkflowSummary]}}, newest first unless {@code sort} says otherwise. */
    @Get("/search")
    public HttpResponse<String> search(@Nullable @QueryValue String start, @Nullable @QueryValue String size,
                                       @Nullable @QueryValue String sort, @Nullable @QueryValue String freeText,
                                       @Nullable @QueryValue String query) {
        SearchResult r = search.search(start, size, sort, freeText, query);
        ObjectNode out = JsonBodies.JSON.createObjectNode().put("totalHits", r.totalHits());
        ArrayNode results = out.putArray("results");
        r.results().forEach(wf -> results.add(ConductorViews.summary(wf)));
        return JsonResponses.ok(out);
    }

    /** Like search, with whole workflows (without their tasks) as results. */
    @Get("/search-v2")
    public HttpResponse<String> searchV2(@Nullable @QueryValue String start, @Nullable @QueryValue String size,
                                         @Nullable @QueryValue String sort, @Nullable @QueryValue String freeText,
                                         @Nullable @QueryValue String query) {
        SearchResult r = search.search(start, size, sort, freeText, query);
        ObjectNode out = JsonBodies.JSON.createObjectNode().put("totalHits", r.totalHits());
        out.set("results", views(r.results(), false));
        return JsonResponses.ok(out);
    }

    /** The workflows of a name with a correlation id; finished ones only with includeClosed=true. */
    @Get("/{name}/correlated/{correlationId}")
    public HttpResponse<String> correlated(@PathVariable String name, @PathVariable String correlationId,
                                           @Nullable @QueryValue String includeClosed,
                                           @Nullable @QueryValue String includeTasks) {
        boolean closed = QueryParams.bool("includeClosed", includeClosed, false);
        boolean tasks = QueryParams.bool("includeTasks", includeTasks, false);
        return JsonResponses.ok(views(correlated(name, correlationId, closed), tasks));
    }

    /** For each correlation id in the body (a JSON array of strings), its workflows of that name. */
    @Post("/{name}/correlated")
    public HttpResponse<String> correlatedMany(@PathVariable String name, @Nullable @QueryValue String includeClosed,
                                               @Nullable @QueryValue String includeTasks, @Nullable @Body String body) {
        boolean closed = QueryParams.bool("includeClosed", includeClosed, false);
        boolean tasks = QueryParams.bool("includeTasks", includeTasks, false);
        JsonNode ids = JsonBodies.required(body);
        if (!ids.isArray()) {
            throw ApiException.badField("$", "expected a JSON array of correlation ids but got " + JsonBodies.kind(ids),
                    JsonBodies.abbreviate(ids));
        }
        if (ids.size() > MAX_CORRELATION_IDS) {
            throw ApiException.badField("$", "at most " + MAX_CORRELATION_IDS + " correlation ids per request", ids.size());
        }
        for (int i = 0; i < ids.size(); i++) {
            if (!ids.get(i).isTextual()) {
                throw ApiException.badField("$[" + i + "]", "expected a string but got " + JsonBodies.kind(ids.get(i)),
                        JsonBodies.abbreviate(ids.get(i)));
            }
        }
        ObjectNode out = JsonBodies.JSON.createObjectNode();
        for (JsonNode id : ids) {
            out.set(id.textValue(), views(correlated(name, id.textValue(), closed), tasks));
        }
        return JsonResponses.ok(out);
    }

    /** Ids of the RUNNING workflows of a name (optionally one version, optionally started within a time range). */
    @Get("/running/{name}")
    public HttpResponse<String> running(@PathVariable String name, @Nullable @QueryValue String version,
                                        @Nullable @QueryValue String startTime, @Nullable @QueryValue String endTime) {
        Integer v = QueryParams.optionalInt("version", version, 1, Integer.MAX_VALUE);
        Long from = QueryParams.optionalLong("startTime", startTime);
        Long to = QueryParams.optionalLong("endTime", endTime);
        List<WorkflowInstance> all = queries.search(new InstanceSearch(Set.of(name), Set.of(WorkflowStatus.RUNNING),
                null, from, to, null, 0, settings.getMaxSortWindow())).results();
        return JsonResponses.ok(all.stream().filter(w -> v == null || w.workflowVersion == v)
                .map(w -> w.workflowId).toList());
    }

    private List<WorkflowInstance> correlated(String name, String correlationId, boolean includeClosed) {
        return queries.search(new InstanceSearch(Set.of(name), includeClosed ? Set.of() : OPEN, correlationId,
                null, null, null, 0, settings.getMaxSortWindow())).results();
    }

    private ArrayNode views(List<WorkflowInstance> instances, boolean includeTasks) {
        Map<String, Optional<WorkflowDef>> defs = new HashMap<>();
        ArrayNode out = JsonBodies.JSON.createArrayNode();
        for (WorkflowInstance wf : instances) {
            WorkflowDef def = wf.definition != null ? null : defs.computeIfAbsent(wf.workflowName + ":" + wf.workflowVersion,
                    k -> Optional.ofNullable(ops.definitionOf(wf))).orElse(null);
            out.add(ConductorViews.workflow(wf, includeTasks, def));
        }
        return out;
    }
}

package dev.baton.orchestrator.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.baton.dsl.DefinitionParser;
import dev.baton.dsl.EventSource;
import dev.baton.orchestrator.error.ApiException;
import dev.baton.orchestrator.query.InstanceQueries;
import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * The bridge over HTTP, under {@code /api/bridge}: stand-alone event-source resources
 * ({@code /sources}), "where is booking X" ({@code /{workflowName}/instances/{businessKey}}),
 * "how many are stuck at step S" ({@code /{workflowName}/stuck?step=S}) and this node's counters
 * ({@code /stats}). Errors use Conductor's error body ({@link ApiException}).
 */
@Controller("/api/bridge")
@ExecuteOn(TaskExecutors.BLOCKING)
@Consumes(MediaType.ALL)
@Produces(MediaType.APPLICATION_JSON)
public class BridgeController {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventSourceResources resources;
    private final BeanProvider<InstanceQueries> queries;
    private final BridgeMetrics metrics;

    public BridgeController(
            EventSourceResources resources, BeanProvider<InstanceQueries> queries, BridgeMetrics metrics) {
        this.resources = resources;
        this.queries = queries;
        this.metrics = metrics;
    }

    /** Creates an event source; 409 when one of that name exists, 400 naming the field at fault. */
    @Post("/sources")
    public HttpResponse<String> create(@Body @Nullable String body) {
        return HttpResponse.ok(json(resources.create(EventSourceResources.parse(body))));
    }

    /** Creates or replaces an event source. */
    @Put("/sources")
    public HttpResponse<String> put(@Body @Nullable String body) {
        return HttpResponse.ok(json(resources.put(EventSourceResources.parse(body))));
    }

    @Get("/sources")
    public HttpResponse<String> all() {
        ArrayNode list = JSON.createArrayNode();
        for (EventSource s : resources.all()) {
            list.add(JSON.valueToTree(s));
        }
        return HttpResponse.ok(list.toString());
    }

    @Get("/sources/{name}")
    public HttpResponse<String> one(@PathVariable String name) {
        return HttpResponse.ok(
                json(resources.get(name).orElseThrow(() -> ApiException.notFound("no event source '" + name + "'"))));
    }

    @Delete("/sources/{name}")
    public HttpResponse<Void> delete(@PathVariable String name) {
        resources.delete(name);
        return HttpResponse.ok();
    }

    /** Where the instance of this business key is: status, current step(s), and each step's timing and SLA. */
    @Get("/{workflowName}/instances/{businessKey}")
    public HttpResponse<String> where(@PathVariable String workflowName, @PathVariable String businessKey) {
        return HttpResponse.ok(status().where(workflowName, businessKey, System.currentTimeMillis())
                .orElseThrow(() -> ApiException.notFound(
                        "no instance of " + workflowName + " for business key '" + businessKey + "'"))
                .toString());
    }

    /** Running instances waiting at a step, and how many of them breached its SLA. */
    @Get("/{workflowName}/stuck")
    public HttpResponse<String> stuck(@PathVariable String workflowName, @QueryValue @Nullable String step) {
        if (step == null || step.isBlank()) {
            throw ApiException.badField("step", "the step (task reference name) to look at is required", step);
        }
        return HttpResponse.ok(status().stuck(workflowName, step).toString());
    }

    /** This node's bridge counters. */
    @Get("/stats")
    public HttpResponse<String> stats() {
        return HttpResponse.ok(metrics.toJson().toString());
    }

    private BridgeStatus status() {
        if (!queries.isPresent()) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "instance queries are not available on this node");
        }
        return new BridgeStatus(queries.get());
    }

    private static String json(EventSource s) {
        return DefinitionParser.toJson(s);
    }
}

package dev.baton.orchestrator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.orchestrator.api.model.WorkflowRun;
import dev.baton.orchestrator.api.views.WorkflowViews;
import dev.baton.orchestrator.error.ApiException;
import dev.baton.orchestrator.query.InstanceQueries;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Starting workflows ({@code /api/workflow}): Conductor's start with a StartWorkflowRequest or by
 * name with the input as body (both answer the workflow id as text), and the synchronous
 * execution ({@code /execute/{name}/{version}}) that answers the workflow's state once it has
 * finished, once a named task has completed, or when the wait is over.
 */
@Controller("/api/workflow")
@Requires(property = "baton.runtime.enabled", notEquals = "false")
@ExecuteOn(TaskExecutors.BLOCKING)
@Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.ALL})
public class WorkflowStartController {
    private static final String TARGET_WORKFLOW = "TARGET_WORKFLOW";

    private final WorkflowStarter starter;
    private final InstanceQueries queries;
    private final DefinitionStore definitions;
    private final ApiSettings settings;

    public WorkflowStartController(
            WorkflowStarter starter, InstanceQueries queries, DefinitionStore definitions, ApiSettings settings) {
        this.starter = starter;
        this.queries = queries;
        this.definitions = definitions;
        this.settings = settings;
    }

    /** Starts a workflow from a StartWorkflowRequest; answers its id as text. */
    @Post
    @Produces(MediaType.TEXT_PLAIN)
    public HttpResponse<String> start(@Nullable @Body String body) {
        return JsonResponses.text(starter.start(StartRequest.parse(JsonBodies.requiredObject(body))));
    }

    /** Starts the latest (or the given) version of a workflow with the body as its input; answers its id. */
    @Post("/{name}")
    @Produces(MediaType.TEXT_PLAIN)
    public HttpResponse<String> startByName(
            @PathVariable String name,
            @Nullable @QueryValue String version,
            @Nullable @QueryValue String correlationId,
            @Nullable @QueryValue String priority,
            @Nullable @Body String body) {
        ObjectNode request = JsonBodies.JSON.createObjectNode();
        request.put("name", name);
        Integer v = QueryParams.optionalInt("version", version, 1, Integer.MAX_VALUE);
        if (v != null) {
            request.put("version", v);
        }
        request.put("correlationId", correlationId);
        Integer p = QueryParams.optionalInt("priority", priority, 0, 99);
        if (p != null) {
            request.put("priority", p);
        }
        var input = JsonBodies.optional(body);
        if (input != null) {
            request.set("input", JsonBodies.object(input, "$"));
        }
        return JsonResponses.text(starter.start(StartRequest.parse(request)));
    }

    /**
     * Starts a workflow and waits (up to {@code waitForSeconds}, default 10) until it has finished
     * or one of the tasks in {@code waitUntilTaskRef} (comma-separated) has completed; answers the
     * workflow's state then (Conductor's WorkflowRun; {@code signalTimeout} when the wait ran out).
     */
    @Post("/execute/{name}/{version}")
    @Produces(MediaType.APPLICATION_JSON)
    public WorkflowRun execute(
            @PathVariable String name,
            @PathVariable String version,
            @Nullable @QueryValue String requestId,
            @Nullable @QueryValue String waitUntilTaskRef,
            @Nullable @QueryValue String waitForSeconds,
            @Nullable @QueryValue String returnStrategy,
            @Nullable @Body String body) {
        // as in Conductor, version 0 means the latest
        int v = QueryParams.requiredInt("version", version, 0, Integer.MAX_VALUE);
        int seconds = QueryParams.intOr("waitForSeconds", waitForSeconds, 10, 0, settings.getMaxExecuteWaitSeconds());
        if (returnStrategy != null && !returnStrategy.isBlank() && !TARGET_WORKFLOW.equals(returnStrategy.trim())) {
            throw ApiException.badField(
                    "returnStrategy",
                    "a synchronous execution answers the started workflow "
                            + "(TARGET_WORKFLOW); the blocking workflow or task strategies are not supported here",
                    returnStrategy);
        }
        var json = JsonBodies.optional(body);
        ObjectNode request = json == null
                ? JsonBodies.JSON.createObjectNode()
                : JsonBodies.object(json, "$").deepCopy();
        request.put("name", name);
        if (v > 0) {
            request.put("version", v);
        } else {
            request.remove("version");
        }
        Set<String> refs = waitUntilTaskRef == null || waitUntilTaskRef.isBlank()
                ? Set.of()
                : Arrays.stream(waitUntilTaskRef.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .collect(Collectors.toSet());
        String id = starter.start(StartRequest.parse(request));
        Optional<WorkflowInstance> wf =
                Waits.until(() -> queries.find(id), w -> w.isPresent() && reached(w.get(), refs), seconds * 1000L);
        String rid =
                requestId == null || requestId.isBlank() ? UUID.randomUUID().toString() : requestId;
        if (wf.isEmpty()) {
            // not even visible yet when the wait ended: what is known of it
            return new WorkflowRun(
                    TARGET_WORKFLOW,
                    id,
                    "RUNNING",
                    rid,
                    id,
                    null,
                    null,
                    null,
                    true,
                    0,
                    null,
                    List.of(),
                    null,
                    0,
                    "RUNNING",
                    0);
        }
        return WorkflowViews.run(wf.get(), rid, TARGET_WORKFLOW, !reached(wf.get(), refs), definitions.lookup());
    }

    /** Finished, or a task the caller waits for has completed. */
    private static boolean reached(WorkflowInstance wf, Set<String> refs) {
        if (wf.isTerminal()) {
            return true;
        }
        for (TaskState t : wf.tasks) {
            if (t.status != null
                    && t.status.isSuccessful()
                    && (refs.contains(t.referenceTaskName) || refs.contains(t.defRef))) {
                return true;
            }
        }
        return false;
    }
}

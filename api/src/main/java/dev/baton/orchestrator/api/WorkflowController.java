package dev.baton.orchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.model.WorkflowStatus;
import dev.baton.orchestrator.error.ApiException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Optional;

/**
 * Operator commands on one workflow instance ({@code /api/workflow/{workflowId}}): pause, resume,
 * terminate, remove, terminate-remove, restart, retry, rerun and skip a task (reading it is
 * {@link WorkflowReadController}). A command answers 200
 * once its effect is visible, 202 when it was accepted but not yet applied when the wait ended,
 * 404 for an unknown id and 409 when it does not apply to the workflow's state.
 */
@Controller("/api/workflow")
@Requires(property = "baton.runtime.enabled", notEquals = "false")
@ExecuteOn(TaskExecutors.BLOCKING)
@Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.ALL})
@Produces(MediaType.APPLICATION_JSON)
public class WorkflowController {
    private final WorkflowOperations ops;
    private final Optional<PostponedTasks> postponed;

    public WorkflowController(WorkflowOperations ops, Optional<PostponedTasks> postponed) {
        this.ops = ops;
        this.postponed = postponed;
    }

    @Put("/{workflowId}/pause")
    public HttpResponse<?> pause(@PathVariable String workflowId) {
        return done(ops.pause(workflowId));
    }

    @Put("/{workflowId}/resume")
    public HttpResponse<?> resume(@PathVariable String workflowId) {
        return done(ops.resume(workflowId));
    }

    /** Terminates a workflow that runs, is paused, failed or timed out; 409 for a COMPLETED one. */
    @Delete("/{workflowId}")
    public HttpResponse<?> terminate(@PathVariable String workflowId, @Nullable @QueryValue String reason) {
        return done(ops.terminate(workflowId, reason));
    }

    /**
     * Removes the instance altogether. Baton keeps no archive, but as in Conductor a workflow that still runs is
     * refused (400) unless {@code archiveWorkflow=false}.
     */
    @Delete("/{workflowId}/remove")
    public HttpResponse<?> remove(@PathVariable String workflowId, @Nullable @QueryValue String archiveWorkflow) {
        return done(ops.remove(workflowId, QueryParams.bool("archiveWorkflow", archiveWorkflow, true)));
    }

    /**
     * Terminates the workflow if it still runs, then removes it. As in Conductor, a COMPLETED
     * workflow cannot be terminated (409); one that failed or was terminated is just removed.
     */
    @Delete("/{workflowId}/terminate-remove")
    public HttpResponse<?> terminateRemove(
            @PathVariable String workflowId,
            @Nullable @QueryValue String reason,
            @Nullable @QueryValue String archiveWorkflow) {
        QueryParams.bool("archiveWorkflow", archiveWorkflow, true);
        WorkflowInstance wf = ops.get(workflowId);
        if (wf.status == WorkflowStatus.COMPLETED) {
            throw ApiException.conflict("Cannot terminate a COMPLETED workflow.");
        }
        if (!wf.isTerminal()) {
            ops.terminate(workflowId, reason);
        }
        return done(ops.remove(workflowId));
    }

    @Post("/{workflowId}/restart")
    public HttpResponse<?> restart(@PathVariable String workflowId, @Nullable @QueryValue String useLatestDefinitions) {
        return noContent(
                ops.restart(workflowId, QueryParams.bool("useLatestDefinitions", useLatestDefinitions, false)));
    }

    @Post("/{workflowId}/retry")
    public HttpResponse<?> retry(@PathVariable String workflowId, @Nullable @QueryValue String resumeSubworkflowTasks) {
        return noContent(
                ops.retry(workflowId, QueryParams.bool("resumeSubworkflowTasks", resumeSubworkflowTasks, false)));
    }

    /** Reruns from {@code reRunFromTaskId} (or from the start) with optional new task and workflow input; answers the id. */
    @Post("/{workflowId}/rerun")
    @Produces(MediaType.TEXT_PLAIN)
    public HttpResponse<String> rerun(@PathVariable String workflowId, @Nullable @Body String body) {
        JsonNode json = JsonBodies.optional(body);
        ObjectNode request = json == null ? JsonBodies.JSON.createObjectNode() : JsonBodies.object(json, "$");
        String fromTaskId = JsonBodies.text(request, "reRunFromTaskId", "$");
        ObjectNode taskInput = JsonBodies.optionalObject(request, "taskInput", "$");
        ObjectNode workflowInput = JsonBodies.optionalObject(request, "workflowInput", "$");
        String correlationId = JsonBodies.text(request, "correlationId", "$");
        JsonBodies.text(request, "reRunFromWorkflowId", "$");
        boolean seen = ops.rerun(
                workflowId,
                fromTaskId == null || fromTaskId.isEmpty() ? null : fromTaskId,
                taskInput,
                workflowInput,
                correlationId);
        return seen
                ? JsonResponses.text(workflowId)
                : HttpResponse.<String>accepted().body(workflowId).contentType(MediaType.TEXT_PLAIN_TYPE);
    }

    /** Skips a task that has not been scheduled yet; the optional body is a SkipTaskRequest (taskInput, taskOutput). */
    @Put("/{workflowId}/skiptask/{taskReferenceName}")
    public HttpResponse<?> skipTask(
            @PathVariable String workflowId, @PathVariable String taskReferenceName, @Nullable @Body String body) {
        JsonNode json = JsonBodies.optional(body);
        ObjectNode request = json == null ? JsonBodies.JSON.createObjectNode() : JsonBodies.object(json, "$");
        return done(ops.skipTask(
                workflowId,
                taskReferenceName,
                JsonBodies.optionalObject(request, "taskInput", "$"),
                JsonBodies.optionalObject(request, "taskOutput", "$")));
    }

    /** Conductor's "run the decider now": Baton decides on every input at once, so this only checks the id. */
    @Put("/decide/{workflowId}")
    public HttpResponse<?> decide(@PathVariable String workflowId) {
        ops.get(workflowId);
        return HttpResponse.ok();
    }

    /**
     * Conductor's reset of callback delays: worker tasks postponed by an IN_PROGRESS update with
     * {@code callbackAfterSeconds} can be polled at once. 409 for a workflow that has ended.
     */
    @Post("/{workflowId}/resetcallbacks")
    public HttpResponse<?> resetCallbacks(@PathVariable String workflowId) {
        WorkflowInstance wf = ops.get(workflowId);
        if (wf.isTerminal()) {
            throw ApiException.conflict("Workflow " + workflowId + " is in terminal state. Status = " + wf.status);
        }
        postponed.ifPresent(p -> p.releaseNow(wf));
        ops.resetCallbacks(workflowId); // and the tasks show callbackAfterSeconds 0, as in Conductor
        return HttpResponse.noContent();
    }

    /** Conductor's 204 for the calls it answers with no content (restart, retry, resetcallbacks); 202 as for done. */
    private static HttpResponse<?> noContent(boolean seen) {
        return seen ? HttpResponse.noContent() : HttpResponse.accepted();
    }

    private static HttpResponse<?> done(boolean seen) {
        return seen ? HttpResponse.ok() : HttpResponse.accepted();
    }
}

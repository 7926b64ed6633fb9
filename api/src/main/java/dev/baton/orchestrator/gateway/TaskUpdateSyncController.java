package dev.baton.orchestrator.gateway;

import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.orchestrator.api.ApiSettings;
import dev.baton.orchestrator.api.DefinitionStore;
import dev.baton.orchestrator.api.model.Workflow;
import dev.baton.orchestrator.api.views.DefinitionLookup;
import dev.baton.orchestrator.api.views.WorkflowViews;
import dev.baton.orchestrator.error.ApiException;
import dev.baton.orchestrator.query.InstanceQueries;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
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
import java.util.Optional;

/**
 * Conductor's synchronous update by reference name
 * ({@code POST /api/tasks/{workflowId}/{taskRefName}/{status}/sync}): updates the workflow's
 * running task with that reference name, waits (bounded by {@code baton.api.command-wait-ms})
 * until the instance shows the update, and answers the workflow with its tasks.
 */
@Controller("/api/tasks")
@Requires(beans = TaskGateway.class)
@ExecuteOn(TaskExecutors.BLOCKING)
@Consumes(MediaType.ALL)
@Produces(MediaType.APPLICATION_JSON)
public class TaskUpdateSyncController {
    private final TaskGateway gateway;
    private final InstanceQueries queries;
    private final Optional<DefinitionStore> definitions;
    private final ApiSettings settings;

    public TaskUpdateSyncController(
            TaskGateway gateway, InstanceQueries queries, Optional<DefinitionStore> definitions, ApiSettings settings) {
        this.gateway = gateway;
        this.queries = queries;
        this.definitions = definitions;
        this.settings = settings;
    }

    /** 404 when the workflow is unknown or has no running task with that reference name. */
    @Post("/{workflowId}/{taskRefName}/{status}/sync")
    public Workflow updateSync(
            @PathVariable String workflowId,
            @PathVariable String taskRefName,
            @PathVariable String status,
            @Nullable @QueryValue String workerid,
            @Nullable @Body String body) {
        TaskUpdate.status(status, "status");
        WorkflowInstance wf = queries.find(workflowId)
                .orElseThrow(() -> ApiException.notFound("No such workflow found by id: " + workflowId));
        TaskState pending = wf.latest(taskRefName)
                .filter(t -> t.status != null && !t.status.isTerminal())
                .orElseThrow(() -> ApiException.notFound(
                        "Found no running task " + taskRefName + " of workflow " + workflowId + " to update"));
        gateway.updateByRef(workflowId, taskRefName, status, workerid, QueueAdminController.output(body));
        WorkflowInstance after = awaitUpdate(workflowId, pending.taskId, status, wf);
        DefinitionLookup lookup = definitions.map(DefinitionStore::lookup).orElse(DefinitionLookup.NONE);
        return WorkflowViews.workflow(after, true, lookup);
    }

    /** The instance once its task shows the status (or has ended, or the workflow has), else when the wait ends. */
    private WorkflowInstance awaitUpdate(String workflowId, String taskId, String status, WorkflowInstance before) {
        long deadline = System.nanoTime() + settings.getCommandWaitMs() * 1_000_000L;
        WorkflowInstance last = before;
        long pause = 2;
        while (true) {
            Optional<WorkflowInstance> now = queries.find(workflowId);
            if (now.isEmpty()) {
                return last;
            }
            last = now.get();
            Optional<TaskState> t = last.task(taskId);
            if (last.isTerminal()
                    || t.isEmpty()
                    || t.get().status.isTerminal()
                    || t.get().status.name().equals(status)) {
                return last;
            }
            if (System.nanoTime() > deadline) {
                return last;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
            pause = Math.min(25, pause * 2);
        }
    }
}

package dev.baton.orchestrator.api;

import dev.baton.orchestrator.error.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;

/**
 * Endpoints of Conductor's REST API that have no meaning on Baton (or none yet). Each answers 501
 * with Conductor's error body: why Baton does not serve it, and what to use instead. They exist so
 * that a Conductor client or script learns that, rather than meeting a bare 404.
 */
@Controller("/api")
@Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.ALL})
@Produces(MediaType.APPLICATION_JSON)
public class NotServedController {
    static final String NO_SWEEPER = "Baton has no sweeper and no decider queue: every workflow is decided the moment "
            + "a command, reply or timer for it arrives, by the one stream task that owns it, so there is nothing "
            + "to requeue. To move a workflow on, use POST /api/workflow/{workflowId}/retry or /rerun, or "
            + "PUT /api/workflow/{workflowId}/skiptask/{taskReferenceName}.";
    static final String NO_REPAIR = "Baton keeps each workflow's state in one place (a Kafka Streams store backed "
            + "by a changelog) and changes it only together with the commands it sends, in one transaction, so "
            + "there is no second copy that could disagree and nothing to verify or repair. "
            + "GET /api/workflow/{workflowId} shows the state.";
    static final String NO_TASK_REQUEUE = "Baton's task queues are Kafka topics: a command stays on its topic until "
            + "a worker has taken it, and a task a worker took and lost is sent again by its response timeout, so "
            + "there is nothing to requeue. GET /api/tasks/queue/size?taskType=... shows what waits.";
    static final String NO_TEST_RUN = "Baton does not run workflows against mocked task outputs. Run the workflow "
            + "itself (POST /api/workflow) against a test worker, or a definition given inline in the "
            + "StartWorkflowRequest (workflowDef).";

    @Post("/admin/sweep/requeue/{workflowId}")
    public HttpResponse<?> requeueSweep(@PathVariable String workflowId) {
        throw ApiException.notServed(NO_SWEEPER);
    }

    @Post("/admin/consistency/verifyAndRepair/{workflowId}")
    public HttpResponse<?> verifyAndRepair(@PathVariable String workflowId) {
        throw ApiException.notServed(NO_REPAIR);
    }

    @Post("/tasks/queue/requeue/{taskType}")
    public HttpResponse<?> requeuePendingTasks(@PathVariable String taskType) {
        throw ApiException.notServed(NO_TASK_REQUEUE);
    }

    @Post("/workflow/test")
    public HttpResponse<?> testWorkflow(@Nullable @Body String body) {
        throw ApiException.notServed(NO_TEST_RUN);
    }
}

package dev.baton.orchestrator.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.orchestrator.error.ApiException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Optional;
import java.util.UUID;

/**
 * Conductor's workflow-level signal ({@code /api/tasks/{workflowId}/{status}/signal[/sync]}): the
 * caller names the workflow, Baton finds the task it is blocked on (a WAIT, also inside a running
 * sub-workflow) and updates it. The synchronous variant answers once the workflow has moved on.
 */
@Controller("/api/tasks")
@Requires(beans = TaskGateway.class)
@ExecuteOn(TaskExecutors.BLOCKING)
public class TaskSignalController {
    private static final long DEFAULT_TIMEOUT_MS = 5_000;
    private static final long MAX_TIMEOUT_MS = 60_000;
    private final TaskGateway gateway;
    private final SignalResponder responder;

    public TaskSignalController(TaskGateway gateway) {
        this.gateway = gateway;
        this.responder = new SignalResponder(gateway::workflow);
    }

    /** Updates the blocking task if there is one; 200 either way (as Conductor), 404 for an unknown workflow. */
    @Post("/{workflowId}/{status}/signal")
    @Consumes(MediaType.ALL)
    public HttpResponse<?> signal(
            @PathVariable String workflowId, @PathVariable String status, @Nullable @Body String body) {
        gateway.signal(workflowId, status, TaskUpdate.outputBody(body));
        return HttpResponse.ok();
    }

    /**
     * Updates the blocking task, then answers Conductor's SignalResponse for {@code returnStrategy}
     * (default TARGET_WORKFLOW) once the workflow has ended or blocks again, or after
     * {@code timeoutMillis} (default 5000) with {@code signalTimeout} true. 404 when nothing blocks.
     */
    @Post("/{workflowId}/{status}/signal/sync")
    @Consumes(MediaType.ALL)
    public HttpResponse<?> signalSync(
            @PathVariable String workflowId,
            @PathVariable String status,
            @Nullable @QueryValue String returnStrategy,
            @Nullable @QueryValue String timeoutMillis,
            @Nullable @Body String body) {
        SignalResponder.Strategy strategy = SignalResponder.Strategy.parse(returnStrategy);
        long timeout = timeout(timeoutMillis);
        Optional<BlockingTasks.Found> signalled = gateway.signal(workflowId, status, TaskUpdate.outputBody(body));
        if (signalled.isEmpty()) {
            throw ApiException.notFound("Found no blocked task in workflow " + workflowId + " to signal");
        }
        ObjectNode response =
                responder.await(workflowId, strategy, UUID.randomUUID().toString(), timeout);
        return response == null ? HttpResponse.ok() : HttpResponse.ok(response);
    }

    private static long timeout(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_TIMEOUT_MS;
        }
        try {
            long ms = Long.parseLong(text.trim());
            if (ms >= 0 && ms <= MAX_TIMEOUT_MS) {
                return ms;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badField(
                "timeoutMillis", "must be a number of milliseconds from 0 to " + MAX_TIMEOUT_MS, text);
    }
}

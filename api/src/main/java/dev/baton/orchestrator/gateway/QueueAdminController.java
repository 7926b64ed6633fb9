package dev.baton.orchestrator.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.orchestrator.error.ApiException;
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
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Conductor's queue admin API ({@code /api/queue}). Conductor completes WAIT tasks (and others)
 * through its default event queues; Baton has no such queues, so an update is applied to the task
 * directly, as a worker's update is, and the queue listings are empty.
 */
@Controller("/api/queue")
@Requires(beans = TaskGateway.class)
@ExecuteOn(TaskExecutors.BLOCKING)
@Consumes(MediaType.ALL)
@Produces(MediaType.APPLICATION_JSON)
public class QueueAdminController {
    private static final ObjectMapper JSON = dev.baton.orchestrator.api.RequestJson.MAPPER;
    private final TaskGateway gateway;

    public QueueAdminController(TaskGateway gateway) {
        this.gateway = gateway;
    }

    /** Messages waiting in the default event queues: none, Baton has none. */
    @Get("/size")
    public Map<String, Long> size() {
        return Map.of();
    }

    /** The default event queues by status: none, Baton has none. */
    @Get("/")
    public Map<String, String> names() {
        return Map.of();
    }

    /** Updates the workflow's pending task with this reference name (a WAIT task, typically); the body is its output. */
    @Post("/update/{workflowId}/{taskRefName}/{status}")
    public HttpResponse<?> updateByRef(
            @PathVariable String workflowId,
            @PathVariable String taskRefName,
            @PathVariable String status,
            @Nullable @Body String body) {
        gateway.updateByRef(workflowId, taskRefName, status, null, output(body));
        return HttpResponse.ok();
    }

    /** Updates the workflow's task with this id; the body is its output. */
    @Post("/update/{workflowId}/task/{taskId}/{status}")
    public HttpResponse<?> updateByTaskId(
            @PathVariable String workflowId,
            @PathVariable String taskId,
            @PathVariable String status,
            @Nullable @Body String body) {
        gateway.update(new TaskUpdate(
                workflowId,
                taskId,
                TaskUpdate.status(status, "status"),
                output(body),
                null,
                0,
                List.of(),
                null,
                false));
        return HttpResponse.ok();
    }

    /** A body that is a task's output: a JSON object; empty when there is no body. */
    static ObjectNode output(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            ObjectNode o = TaskUpdate.object(JSON.readTree(body), "body");
            return o == null ? JSON.createObjectNode() : o;
        } catch (IOException e) {
            throw ApiException.badField("body", "is not valid JSON", null);
        }
    }
}

package dev.baton.orchestrator.gateway;

import dev.baton.orchestrator.api.model.PollData;
import dev.baton.orchestrator.api.model.Task;
import dev.baton.orchestrator.api.model.TaskExecLog;
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
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conductor's task API at {@code /api/tasks}: what Conductor's SDK workers call (poll, batch poll,
 * update, update by reference, logs, task lookup, queue sizes and poll data).
 */
@Controller("/api/tasks")
@Requires(beans = TaskGateway.class)
@ExecuteOn(TaskExecutors.BLOCKING)
public class TaskController {
    private final TaskGateway gateway;

    public TaskController(TaskGateway gateway) {
        this.gateway = gateway;
    }

    /** One task of the type, or 204 when there is none now. */
    @Get("/poll/{taskType}")
    public HttpResponse<?> poll(
            @PathVariable String taskType, @Nullable @QueryValue String workerid, @Nullable @QueryValue String domain) {
        List<Task> tasks = gateway.poll(taskType, workerid, domain, 1, 0);
        return tasks.isEmpty() ? HttpResponse.noContent() : HttpResponse.ok(tasks.get(0));
    }

    /** Up to {@code count} tasks (default 1), waiting up to {@code timeout} ms (default 100) for the first. */
    @Get("/poll/batch/{taskType}")
    public List<Task> batchPoll(
            @PathVariable String taskType,
            @Nullable @QueryValue String workerid,
            @Nullable @QueryValue String domain,
            @Nullable @QueryValue Integer count,
            @Nullable @QueryValue Integer timeout) {
        return gateway.poll(taskType, workerid, domain, count == null ? 1 : count, timeout == null ? 100 : timeout);
    }

    /** Conductor's TaskResult; answers the task id as text. */
    @Post
    @Consumes(MediaType.ALL)
    public HttpResponse<String> update(@Nullable @Body String body) {
        return text(gateway.update(TaskUpdate.parse(body)));
    }

    /** Update, then the next task of the same type if one is ready (204 otherwise). */
    @Post("/update-v2")
    @Consumes(MediaType.ALL)
    public HttpResponse<?> updateV2(@Nullable @Body String body) {
        return gateway.updateAndPoll(TaskUpdate.parse(body))
                .<HttpResponse<?>>map(HttpResponse::ok)
                .orElseGet(HttpResponse::noContent);
    }

    /** Updates the pending task with this reference name; the body is its output. Answers the task id. */
    @Post("/{workflowId}/{taskRefName}/{status}")
    @Consumes(MediaType.ALL)
    public HttpResponse<String> updateByRef(
            @PathVariable String workflowId,
            @PathVariable String taskRefName,
            @PathVariable String status,
            @Nullable @QueryValue String workerid,
            @Nullable @Body String body) {
        return text(gateway.updateByRef(workflowId, taskRefName, status, workerid, TaskUpdate.outputBody(body)));
    }

    @Get("/{taskId}")
    public Task task(@PathVariable String taskId) {
        return gateway.task(taskId);
    }

    /** Adds the body (plain text) to the task's logs. */
    @Post("/{taskId}/log")
    @Consumes(MediaType.ALL)
    public HttpResponse<?> log(@PathVariable String taskId, @Nullable @Body String body) {
        gateway.log(taskId, body == null ? "" : body);
        return HttpResponse.ok();
    }

    /** The task's logs, oldest first; 204 when it has none (as Conductor). */
    @Get("/{taskId}/log")
    public HttpResponse<List<TaskExecLog>> logs(@PathVariable String taskId) {
        List<TaskExecLog> logs = gateway.logs(taskId);
        return logs.isEmpty() ? HttpResponse.noContent() : HttpResponse.ok(logs);
    }

    /** Commands of the type waiting in Kafka (approximate). */
    @Get("/queue/size")
    public long queueSize(@QueryValue String taskType, @Nullable @QueryValue String domain) {
        return gateway.queueSize(taskType, domain);
    }

    /** Queue sizes of several types (Conductor's older endpoint). */
    @Get("/queue/sizes")
    public Map<String, Long> queueSizes(@QueryValue List<String> taskType) {
        Map<String, Long> out = new LinkedHashMap<>();
        taskType.forEach(t -> out.put(t, gateway.queueSize(t)));
        return out;
    }

    @Get("/queue/polldata")
    public List<PollData> pollData(@QueryValue String taskType) {
        return gateway.pollData(taskType);
    }

    @Get("/queue/polldata/all")
    public List<PollData> allPollData() {
        return gateway.allPollData();
    }

    private static HttpResponse<String> text(String s) {
        return HttpResponse.ok(s).contentType(MediaType.TEXT_PLAIN_TYPE);
    }
}

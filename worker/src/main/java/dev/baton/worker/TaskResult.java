package dev.baton.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;

/**
 * What a handler returns for a command: a status, an output JSON object, and for failures a
 * reason. The output becomes the reply value; failures carry {@code {"reason": ...}} in it.
 */
public final class TaskResult {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final TaskStatus status;
    private final ObjectNode output;
    private final String reason;
    private final long callbackAfterSeconds;

    private TaskResult(TaskStatus status, ObjectNode output, String reason, long callbackAfterSeconds) {
        this.status = status;
        this.output = output;
        this.reason = reason;
        this.callbackAfterSeconds = callbackAfterSeconds;
    }

    /** The task completed with an empty output. */
    public static TaskResult completed() {
        return completed(JsonNodeFactory.instance.objectNode());
    }

    /** The task completed with this output. */
    public static TaskResult completed(ObjectNode output) {
        return new TaskResult(TaskStatus.COMPLETED, Objects.requireNonNull(output, "output"), null, 0);
    }

    /** The task completed with this output, converted to a JSON object with Jackson. */
    public static TaskResult completed(Map<String, ?> output) {
        ObjectNode node = MAPPER.valueToTree(Objects.requireNonNull(output, "output"));
        return completed(node);
    }

    /** The attempt failed (retryable). */
    public static TaskResult failed(String reason) {
        return failed(reason, JsonNodeFactory.instance.objectNode());
    }

    /** The attempt failed (retryable), with extra output; {@code reason} is added to it. */
    public static TaskResult failed(String reason, ObjectNode output) {
        return failure(TaskStatus.FAILED, reason, output);
    }

    /** The task failed and must not be retried. */
    public static TaskResult failedTerminal(String reason) {
        return failedTerminal(reason, JsonNodeFactory.instance.objectNode());
    }

    /** The task failed and must not be retried, with extra output; {@code reason} is added to it. */
    public static TaskResult failedTerminal(String reason, ObjectNode output) {
        return failure(TaskStatus.FAILED_WITH_TERMINAL_ERROR, reason, output);
    }

    /**
     * The attempt failed (retryable) with this output exactly as given: the reason travels beside it
     * only, as Conductor's system tasks report their failures.
     */
    public static TaskResult failedWithOutput(String reason, ObjectNode output) {
        return new TaskResult(
                TaskStatus.FAILED,
                Objects.requireNonNull(output, "output"),
                reasonOrDefault(TaskStatus.FAILED, reason),
                0);
    }

    /** As {@link #failedWithOutput} for a failure that must not be retried. */
    public static TaskResult failedTerminalWithOutput(String reason, ObjectNode output) {
        TaskStatus status = TaskStatus.FAILED_WITH_TERMINAL_ERROR;
        return new TaskResult(status, Objects.requireNonNull(output, "output"), reasonOrDefault(status, reason), 0);
    }

    /** The task is still running; call again after this many seconds. */
    public static TaskResult inProgress(long callbackAfterSeconds) {
        return inProgress(callbackAfterSeconds, JsonNodeFactory.instance.objectNode());
    }

    /** The task is still running, with partial output; call again after this many seconds. */
    public static TaskResult inProgress(long callbackAfterSeconds, ObjectNode output) {
        if (callbackAfterSeconds < 0) {
            throw new IllegalArgumentException("callbackAfterSeconds must be >= 0");
        }
        return new TaskResult(
                TaskStatus.IN_PROGRESS, Objects.requireNonNull(output, "output"), null, callbackAfterSeconds);
    }

    private static TaskResult failure(TaskStatus status, String reason, ObjectNode output) {
        String r = reasonOrDefault(status, reason);
        ObjectNode out = Objects.requireNonNull(output, "output").deepCopy();
        out.put("reason", r);
        return new TaskResult(status, out, r, 0);
    }

    private static String reasonOrDefault(TaskStatus status, String reason) {
        return reason == null || reason.isBlank() ? status.name().toLowerCase(java.util.Locale.ROOT) : reason;
    }

    public TaskStatus status() {
        return status;
    }

    /** The reply value (a copy is not made; do not mutate after returning the result). */
    public ObjectNode output() {
        return output;
    }

    /** Failure reason, or null unless the status is FAILED or FAILED_WITH_TERMINAL_ERROR. */
    public String reason() {
        return reason;
    }

    /** For IN_PROGRESS: seconds until the task wants to be called again; otherwise 0. */
    public long callbackAfterSeconds() {
        return callbackAfterSeconds;
    }

    @Override
    public String toString() {
        return "TaskResult[" + status + (reason != null ? ", reason=" + reason : "")
                + (status == TaskStatus.IN_PROGRESS ? ", callbackAfterSeconds=" + callbackAfterSeconds : "")
                + ", output=" + output + "]";
    }
}

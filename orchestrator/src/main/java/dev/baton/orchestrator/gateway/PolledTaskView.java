package dev.baton.orchestrator.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.worker.BatonHeaders;

/**
 * A handed-out command in the shape of Conductor's {@code Task} JSON, as a polling worker reads
 * it: what the command carries (ids, reference name, type, attempt as retryCount, input), status
 * IN_PROGRESS. The workflow's name and the task's position are not in the command and are left out.
 */
final class PolledTaskView {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PolledTaskView() {
    }

    static ObjectNode of(CommandRecord c, ObjectNode input, HandedOut h, Long responseTimeoutSeconds) {
        ObjectNode n = JSON.createObjectNode();
        n.put("taskId", c.taskId());
        n.put("taskType", c.taskType());
        n.put("taskDefName", c.taskType());
        n.put("referenceTaskName", c.taskRef());
        n.put("status", "IN_PROGRESS");
        n.set("inputData", input);
        n.set("outputData", JSON.createObjectNode());
        n.put("retryCount", c.attempt());
        n.put("pollCount", h.pollCount());
        n.put("callbackAfterSeconds", 0);
        n.put("workerId", h.workerId());
        n.put("scheduledTime", c.timestamp());
        n.put("startTime", h.polledAt());
        n.put("updateTime", h.polledAt());
        n.put("endTime", 0);
        n.put("workflowInstanceId", c.workflowId());
        n.put("correlationId", c.header(BatonHeaders.CORRELATION_ID));
        n.put("callbackFromWorker", true);
        n.put("retried", false);
        n.put("executed", false);
        n.put("workflowPriority", 0);
        if (responseTimeoutSeconds != null) {
            n.put("responseTimeoutSeconds", responseTimeoutSeconds);
        }
        return n;
    }
}

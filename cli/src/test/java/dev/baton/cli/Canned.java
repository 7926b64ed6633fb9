package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Conductor-shaped JSON for the fake server's answers. */
final class Canned {
    static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00.000Z

    private Canned() {}

    static ObjectNode workflow(String id, String status, ObjectNode... tasks) {
        ObjectNode wf = Json.MAPPER.createObjectNode();
        wf.put("workflowId", id)
                .put("workflowName", "order")
                .put("workflowVersion", 2)
                .put("status", status)
                .put("correlationId", "corr-1")
                .put("startTime", T0)
                .put("createTime", T0)
                .put("updateTime", T0 + 5_000)
                .put("endTime", status.equals("RUNNING") || status.equals("PAUSED") ? 0 : T0 + 9_000);
        wf.putObject("input").put("orderId", "o-1");
        wf.putObject("output");
        ArrayNode ts = wf.putArray("tasks");
        for (ObjectNode t : tasks) {
            ts.add(t);
        }
        return wf;
    }

    static ObjectNode task(
            String taskId,
            String ref,
            String type,
            String status,
            int retryCount,
            int seq,
            long scheduled,
            long started,
            long ended) {
        ObjectNode t = Json.MAPPER.createObjectNode();
        t.put("taskId", taskId)
                .put("referenceTaskName", ref)
                .put("taskType", type)
                .put("taskDefName", type)
                .put("status", status)
                .put("retryCount", retryCount)
                .put("seq", seq)
                .put("scheduledTime", scheduled)
                .put("startTime", started)
                .put("endTime", ended)
                .put("updateTime", Math.max(ended, Math.max(started, scheduled)));
        return t;
    }

    static String error(int status, String code, String message) {
        return "{\"status\":" + status + ",\"code\":\"" + code + "\",\"message\":\"" + message
                + "\",\"retryable\":false}";
    }
}

package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns successive snapshots of one workflow (Conductor's Workflow JSON with tasks) into the
 * changes between them: the workflow's status, and each task's (one task id per attempt). Only
 * what the snapshots show is reported; a status that came and went between two polls is not seen.
 */
final class HistoryTracker {
    static final Set<String> TERMINAL = Set.of("COMPLETED", "FAILED", "TERMINATED", "TIMED_OUT");

    /** One observed change. For the workflow, ref/type/attempt/taskId are null. */
    record Change(
            long time,
            boolean workflow,
            String status,
            String name,
            String ref,
            String type,
            Integer attempt,
            String taskId,
            String reason) {

        /** {@code <time>  task      COMPLETED    ref  type  attempt 0}, or the workflow's line. */
        String line(String workflowId) {
            StringBuilder sb = new StringBuilder();
            sb.append(Times.format(time))
                    .append("  ")
                    .append(workflow ? "workflow" : "task    ")
                    .append("  ");
            sb.append(String.format("%-11s", status)).append("  ");
            if (workflow) {
                sb.append(name).append("  ").append(workflowId);
            } else {
                sb.append(ref).append("  ").append(type).append("  attempt ").append(attempt);
            }
            if (reason != null && !reason.isBlank()) {
                sb.append("  reason: ").append(reason.replace('\n', ' '));
            }
            return sb.toString();
        }

        ObjectNode toJson(String workflowId) {
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("time", time)
                    .put("kind", workflow ? "workflow" : "task")
                    .put("workflowId", workflowId)
                    .put("status", status);
            if (workflow) {
                n.put("name", name);
            } else {
                n.put("ref", ref).put("type", type).put("attempt", attempt).put("taskId", taskId);
            }
            if (reason != null && !reason.isBlank()) {
                n.put("reason", reason);
            }
            return n;
        }
    }

    private String workflowStatus;
    private final Map<String, String> taskStatus = new HashMap<>();

    /** The changes since the previous snapshot (all of the current state on the first call), in order. */
    List<Change> observe(JsonNode wf) {
        List<Change> before = new ArrayList<>();
        List<Change> tasks = new ArrayList<>();
        List<Change> after = new ArrayList<>();
        String status = Json.text(wf, "status");
        boolean firstSeen = workflowStatus == null;
        if (status != null && !status.equals(workflowStatus)) {
            String name = Json.text(wf, "workflowName");
            JsonNode version = wf.get("workflowVersion");
            if (version != null && !version.isNull()) {
                name = name + " v" + version.asText();
            }
            boolean terminal = TERMINAL.contains(status);
            Change c = new Change(
                    TaskTimes.reachedWorkflow(wf, status, firstSeen),
                    true,
                    status,
                    name,
                    null,
                    null,
                    null,
                    null,
                    terminal ? Json.text(wf, "reasonForIncompletion") : null);
            // a workflow that starts or resumes comes before its tasks' changes; one that ends, after them
            (terminal || "PAUSED".equals(status) ? after : before).add(c);
            workflowStatus = status;
        }
        int i = 0;
        for (JsonNode t : wf.path("tasks")) {
            String id = Json.text(t, "taskId");
            String key = id != null
                    ? id
                    : Json.text(t, "referenceTaskName") + "#"
                            + t.path("retryCount").asInt() + "#" + i;
            i++;
            String ts = Json.text(t, "status");
            if (ts == null || Objects.equals(taskStatus.put(key, ts), ts)) {
                continue;
            }
            String reason = ts.startsWith("FAILED")
                            || "TIMED_OUT".equals(ts)
                            || "CANCELED".equals(ts)
                            || "COMPLETED_WITH_ERRORS".equals(ts)
                    ? Json.text(t, "reasonForIncompletion")
                    : null;
            tasks.add(new Change(
                    TaskTimes.reached(t, ts),
                    false,
                    ts,
                    null,
                    Json.text(t, "referenceTaskName"),
                    Json.text(t, "taskType"),
                    t.path("retryCount").asInt(),
                    id,
                    reason));
        }
        tasks.sort((a, b) -> Long.compare(a.time(), b.time()));
        List<Change> all = new ArrayList<>(before);
        all.addAll(tasks);
        all.addAll(after);
        return all;
    }

    /** The workflow status last seen, or null. */
    String workflowStatus() {
        return workflowStatus;
    }
}

package dev.baton.engine.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowInstance;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Baton's model seen the way Conductor reports it, as JSON the expectations are matched
 * against: the task list entries ({@code TaskExpect} names), the task a worker received
 * ({@code polledTask} names) and the workflow's fields.
 */
final class Views {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Views() {}

    /** The task at {@code index} under the names a TaskExpect uses. */
    static ObjectNode task(WorkflowInstance wf, int index) {
        TaskState t = wf.tasks.get(index);
        ObjectNode v = F.objectNode();
        v.put("taskId", t.taskId);
        v.put("type", t.conductorType());
        v.put("ref", t.referenceTaskName);
        v.put("status", t.status == null ? null : t.status.name());
        v.set("input", t.inputData == null ? F.objectNode() : t.inputData);
        v.set("output", t.outputData == null ? F.objectNode() : t.outputData);
        v.put("retryCount", t.retryCount);
        v.put("retried", t.retried);
        Integer from = null;
        if (t.retriedTaskId != null) {
            for (int i = 0; i < wf.tasks.size(); i++) {
                if (t.retriedTaskId.equals(wf.tasks.get(i).taskId)) {
                    from = i;
                }
            }
        }
        v.put("retriedFromIndex", from);
        v.put("iteration", t.iteration);
        v.put("seq", t.seq);
        v.put("callbackAfterSeconds", t.callbackAfterSeconds);
        v.put("reasonForIncompletion", t.reasonForIncompletion);
        return v;
    }

    /** The task a worker received, under Conductor's Task field names. */
    static ObjectNode polled(String workflowId, TaskState t) {
        ObjectNode v = F.objectNode();
        v.put("taskId", t.taskId);
        v.put("taskType", t.conductorType());
        v.put("taskDefName", t.taskDefName);
        v.put("status", t.status == null ? null : t.status.name());
        v.put("referenceTaskName", t.referenceTaskName);
        v.put("iteration", t.iteration);
        v.put("seq", t.seq);
        v.put("retryCount", t.retryCount);
        v.put("pollCount", t.pollCount);
        v.put("callbackAfterSeconds", t.callbackAfterSeconds);
        v.put("workflowInstanceId", workflowId);
        v.set("inputData", t.inputData == null ? F.objectNode() : t.inputData);
        return v;
    }

    /** The workflow's fields that expectations read. Absent objects read as empty ones, as Conductor reports them. */
    static ObjectNode workflow(WorkflowInstance wf) {
        ObjectNode v = F.objectNode();
        v.put("workflowId", wf.workflowId);
        v.put("workflowName", wf.workflowName);
        v.put("workflowVersion", wf.workflowVersion);
        v.put("status", wf.status == null ? null : wf.status.name());
        v.put("correlationId", wf.correlationId);
        v.put("reasonForIncompletion", wf.reasonForIncompletion);
        v.put("lastRetriedTime", wf.lastRetriedTime);
        v.set("input", wf.input == null ? F.objectNode() : wf.input);
        v.set("output", wf.output == null ? F.objectNode() : wf.output);
        v.set("variables", wf.variables == null ? F.objectNode() : wf.variables);
        return v;
    }

    /**
     * Conductor's failedReferenceTaskNames ({@code byRef}) or failedTaskNames: taken from the
     * instance when the model carries the field, otherwise derived as Conductor builds it — every
     * task that ended FAILED or FAILED_WITH_TERMINAL_ERROR, never removed by a later retry.
     */
    static Set<String> failedNames(WorkflowInstance wf, boolean byRef) {
        JsonNode own = Corpus.JSON.valueToTree(wf).get(byRef ? "failedReferenceTaskNames" : "failedTaskNames");
        Set<String> names = new LinkedHashSet<>();
        if (own != null && own.isArray()) {
            own.forEach(n -> names.add(n.asText()));
            return names;
        }
        List<TaskState> tasks = wf.tasks;
        for (TaskState t : tasks) {
            if (t.status == TaskStatus.FAILED || t.status == TaskStatus.FAILED_WITH_TERMINAL_ERROR) {
                names.add(byRef ? t.referenceTaskName : t.taskDefName);
            }
        }
        return names;
    }
}

package dev.baton.orchestrator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowInstance;

/**
 * Baton's instances in Conductor's JSON shapes: {@code Workflow}, {@code Task} and
 * {@code WorkflowSummary}, with the field names Conductor's clients read.
 */
public final class ConductorViews {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConductorViews() {
    }

    /** Conductor's Workflow; tasks only when asked for. */
    public static ObjectNode workflow(WorkflowInstance wf, boolean includeTasks) {
        ObjectNode n = JSON.createObjectNode();
        n.put("workflowId", wf.workflowId);
        n.put("workflowName", wf.workflowName);
        n.put("workflowVersion", wf.workflowVersion);
        n.put("status", String.valueOf(wf.status));
        n.put("correlationId", wf.correlationId);
        n.set("input", wf.input == null ? JSON.createObjectNode() : wf.input);
        n.set("output", wf.output == null ? JSON.createObjectNode() : wf.output);
        n.set("variables", wf.variables == null ? JSON.createObjectNode() : wf.variables);
        n.put("reasonForIncompletion", wf.reasonForIncompletion);
        n.put("createTime", wf.startTime);
        n.put("startTime", wf.startTime);
        n.put("updateTime", wf.updateTime);
        n.put("endTime", wf.endTime);
        n.put("lastRetriedTime", wf.lastRetriedTime);
        n.put("parentWorkflowId", wf.parentWorkflowId);
        n.put("parentWorkflowTaskId", wf.parentTaskId);
        n.put("priority", 0);
        n.set("taskToDomain", JSON.createObjectNode());
        ArrayNode failed = n.putArray("failedReferenceTaskNames");
        ArrayNode failedNames = n.putArray("failedTaskNames");
        for (TaskState t : wf.tasks) {
            if (t.status == TaskStatus.FAILED || t.status == TaskStatus.FAILED_WITH_TERMINAL_ERROR
                    || t.status == TaskStatus.TIMED_OUT) {
                failed.add(t.referenceTaskName);
                failedNames.add(t.taskDefName);
            }
        }
        ArrayNode tasks = n.putArray("tasks");
        if (includeTasks) {
            wf.tasks.forEach(t -> tasks.add(task(wf, t)));
        }
        if (wf.definition != null) {
            n.set("workflowDefinition", JSON.valueToTree(wf.definition));
        }
        return n;
    }

    /**
     * Conductor's Workflow with a {@code workflowDefinition} even for a registered definition
     * (Conductor's client reads the workflow's name from it): the instance's inline definition, else
     * {@code registered}, else just its name and version.
     */
    public static ObjectNode workflow(WorkflowInstance wf, boolean includeTasks, dev.baton.dsl.WorkflowDef registered) {
        ObjectNode n = workflow(wf, includeTasks);
        if (!n.has("workflowDefinition")) {
            n.set("workflowDefinition", registered != null ? JSON.valueToTree(registered)
                    : JSON.createObjectNode().put("name", wf.workflowName).put("version", wf.workflowVersion));
        }
        return n;
    }

    /** The state a synchronous execution returns (Orkes' WorkflowRun): status, output, variables and tasks. */
    public static ObjectNode workflowRun(WorkflowInstance wf, String requestId) {
        ObjectNode n = JSON.createObjectNode();
        n.put("workflowId", wf.workflowId);
        n.put("requestId", requestId);
        n.put("correlationId", wf.correlationId);
        n.set("input", wf.input == null ? JSON.createObjectNode() : wf.input);
        n.set("output", wf.output == null ? JSON.createObjectNode() : wf.output);
        n.set("variables", wf.variables == null ? JSON.createObjectNode() : wf.variables);
        n.put("status", String.valueOf(wf.status));
        n.put("priority", 0);
        n.put("createTime", wf.startTime);
        n.put("updateTime", wf.updateTime);
        ArrayNode tasks = n.putArray("tasks");
        wf.tasks.forEach(t -> tasks.add(task(wf, t)));
        return n;
    }

    /** Conductor's Task. */
    public static ObjectNode task(WorkflowInstance wf, TaskState t) {
        ObjectNode n = JSON.createObjectNode();
        n.put("taskId", t.taskId);
        n.put("taskType", "SIMPLE".equals(t.taskType) ? t.taskDefName : t.taskType);
        n.put("taskDefName", t.taskDefName);
        n.put("referenceTaskName", t.referenceTaskName);
        n.put("status", String.valueOf(t.status));
        n.set("inputData", t.inputData == null ? JSON.createObjectNode() : t.inputData);
        n.set("outputData", t.outputData == null ? JSON.createObjectNode() : t.outputData);
        n.put("reasonForIncompletion", t.reasonForIncompletion);
        n.put("retryCount", t.retryCount);
        n.put("seq", t.seq);
        n.put("pollCount", t.pollCount);
        n.put("callbackAfterSeconds", t.callbackAfterSeconds);
        n.put("scheduledTime", t.scheduledTime);
        n.put("startTime", t.startTime);
        n.put("endTime", t.endTime);
        n.put("updateTime", Math.max(t.endTime, Math.max(t.startTime, t.scheduledTime)));
        n.put("retried", t.retried);
        n.put("retriedTaskId", t.retriedTaskId);
        n.put("executed", t.executed);
        n.put("iteration", t.iteration);
        n.put("subWorkflowId", t.subWorkflowId);
        n.put("workflowInstanceId", wf.workflowId);
        n.put("workflowType", wf.workflowName);
        n.put("correlationId", wf.correlationId);
        n.put("workflowPriority", 0);
        return n;
    }

    /** Conductor's WorkflowSummary (search results): input and output as JSON text. */
    public static ObjectNode summary(WorkflowInstance wf) {
        ObjectNode n = JSON.createObjectNode();
        n.put("workflowId", wf.workflowId);
        n.put("workflowType", wf.workflowName);
        n.put("version", wf.workflowVersion);
        n.put("correlationId", wf.correlationId);
        n.put("status", String.valueOf(wf.status));
        n.put("startTime", Long.toString(wf.startTime));
        n.put("updateTime", Long.toString(wf.updateTime));
        n.put("endTime", wf.endTime == 0 ? null : Long.toString(wf.endTime));
        n.put("executionTime", wf.endTime == 0 ? 0 : wf.endTime - wf.startTime);
        n.put("input", wf.input == null ? "{}" : wf.input.toString());
        n.put("output", wf.output == null ? "{}" : wf.output.toString());
        n.put("reasonForIncompletion", wf.reasonForIncompletion);
        n.put("priority", 0);
        StringBuilder failed = new StringBuilder();
        for (TaskState t : wf.tasks) {
            if (t.status == TaskStatus.FAILED || t.status == TaskStatus.FAILED_WITH_TERMINAL_ERROR) {
                failed.append(failed.isEmpty() ? "" : ",").append(t.referenceTaskName);
            }
        }
        n.put("failedReferenceTaskNames", failed.toString());
        return n;
    }
}

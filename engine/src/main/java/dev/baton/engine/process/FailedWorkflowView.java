package dev.baton.engine.process;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.TaskKind;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowInstance;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The failed workflow as a failure workflow's input {@code failedWorkflow} shows it: Conductor's workflow fields
 * (with the names of its failed tasks and the failed task's id) and its tasks as Conductor's task fields, not Baton's
 * stored instance.
 */
final class FailedWorkflowView {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FailedWorkflowView() {}

    static ObjectNode of(WorkflowInstance wf, TaskState failedTask) {
        ObjectNode w = NODES.objectNode();
        w.put("workflowId", wf.workflowId);
        w.put("workflowName", wf.workflowName);
        w.put("workflowVersion", wf.workflowVersion);
        w.put("status", wf.status.name());
        w.put("createTime", wf.startTime);
        w.put("startTime", wf.startTime);
        w.put("endTime", wf.endTime);
        w.put("parentWorkflowId", wf.parentWorkflowId);
        w.put("parentWorkflowTaskId", wf.parentTaskId);
        w.put("correlationId", wf.correlationId);
        w.put("reasonForIncompletion", wf.reasonForIncompletion);
        w.set("input", wf.input == null ? NODES.objectNode() : wf.input.deepCopy());
        w.set("output", wf.output == null ? NODES.objectNode() : wf.output.deepCopy());
        w.set("variables", wf.variables == null ? NODES.objectNode() : wf.variables.deepCopy());
        ObjectNode domains = w.putObject("taskToDomain");
        if (wf.taskToDomain != null) {
            wf.taskToDomain.forEach(domains::put);
        }
        Set<String> refs = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        ArrayNode tasks = w.putArray("tasks");
        for (TaskState t : wf.tasks) {
            if (t.status == TaskStatus.FAILED || t.status == TaskStatus.FAILED_WITH_TERMINAL_ERROR) {
                refs.add(t.referenceTaskName);
                names.add(defName(t));
            }
            tasks.add(task(wf, t));
        }
        refs.forEach(w.putArray("failedReferenceTaskNames")::add);
        names.forEach(w.putArray("failedTaskNames")::add);
        w.put("failedTaskId", failedTask == null ? null : failedTask.taskId);
        w.put("priority", 0);
        w.put("lastRetriedTime", wf.lastRetriedTime);
        return w;
    }

    private static ObjectNode task(WorkflowInstance wf, TaskState t) {
        ObjectNode n = NODES.objectNode();
        n.put("taskType", t.conductorType());
        n.put("status", t.status.name());
        n.set("inputData", t.inputData == null ? NODES.objectNode() : t.inputData.deepCopy());
        n.put("referenceTaskName", t.referenceTaskName);
        n.put("retryCount", t.retryCount);
        n.put("seq", t.seq);
        n.put("pollCount", t.pollCount);
        n.put("taskDefName", defName(t));
        n.put("scheduledTime", t.scheduledTime);
        n.put("startTime", t.startTime);
        n.put("endTime", t.endTime);
        n.put("workflowInstanceId", wf.workflowId);
        n.put("workflowType", wf.workflowName);
        n.put("taskId", t.taskId);
        n.put("reasonForIncompletion", t.reasonForIncompletion);
        n.put("callbackAfterSeconds", t.callbackAfterSeconds);
        n.put("retried", t.retried);
        n.put("executed", t.executed);
        n.set("outputData", t.outputData == null ? NODES.objectNode() : t.outputData.deepCopy());
        n.put("iteration", t.iteration);
        if (t.subWorkflowId != null) {
            n.put("subWorkflowId", t.subWorkflowId);
        }
        return n;
    }

    /** As Conductor names tasks: switches, forks and joins by their type. */
    private static String defName(TaskState t) {
        TaskKind kind = t.kind();
        return kind.isSwitch() || kind.isFork() || kind.isJoin() ? t.conductorType() : t.taskDefName;
    }
}

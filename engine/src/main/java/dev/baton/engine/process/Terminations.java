package dev.baton.engine.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.engine.effect.EventType;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;

/**
 * TERMINATE: ends the workflow at once with {@code terminationStatus} (COMPLETED, FAILED or
 * TERMINATED). An object {@code workflowOutput} becomes the workflow's output; any other value is
 * wrapped as {@code {"output": value}}. Tasks after it never run.
 */
final class Terminations {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Terminations() {}

    static void terminate(Step s, TaskState t) {
        String statusText = SystemTasks.text(t.inputData, "terminationStatus");
        WorkflowStatus status;
        try {
            status = statusText == null ? WorkflowStatus.COMPLETED : WorkflowStatus.valueOf(statusText);
        } catch (IllegalArgumentException e) {
            status = null;
        }
        if (status != WorkflowStatus.COMPLETED
                && status != WorkflowStatus.FAILED
                && status != WorkflowStatus.TERMINATED) {
            Decider.finishTask(
                    s,
                    t,
                    TaskStatus.FAILED_WITH_TERMINAL_ERROR,
                    null,
                    "terminationStatus must be COMPLETED, FAILED or TERMINATED, not " + statusText);
            return;
        }
        JsonNode given = t.inputData.get("workflowOutput");
        ObjectNode output;
        if (given == null || given.isNull()) {
            output = NODES.objectNode();
        } else if (given.isObject()) {
            output = (ObjectNode) given.deepCopy();
        } else {
            output = NODES.objectNode();
            output.set("output", given.deepCopy());
        }
        String reason = SystemTasks.text(t.inputData, "terminationReason");
        if (reason == null || reason.isBlank()) {
            reason = "Workflow is " + status + " by TERMINATE task: " + t.taskId;
        }
        Decider.finishTask(s, t, TaskStatus.COMPLETED, output.deepCopy(), null);
        t.executed = true;
        s.wf.output = output;
        if (status == WorkflowStatus.COMPLETED) {
            s.wf.status = WorkflowStatus.COMPLETED;
            s.wf.endTime = s.now;
            s.wf.reasonForIncompletion = reason;
            Decider.cancelOpenTasks(s, "workflow completed by TERMINATE task");
            s.cancelAllTimers();
            s.event(EventType.WORKFLOW_COMPLETED, null, output, reason);
            Decider.notifyParent(s);
        } else {
            Decider.end(
                    s,
                    status,
                    reason,
                    status == WorkflowStatus.FAILED ? EventType.WORKFLOW_FAILED : EventType.WORKFLOW_TERMINATED,
                    true); // as Conductor: the TERMINATE's workflowOutput, or nothing
        }
    }
}

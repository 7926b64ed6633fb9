package dev.baton.engine.expr;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowInstance;

/** Builds the document that parameter expressions are evaluated against. */
public final class ExpressionContext {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ExpressionContext() {
    }

    /**
     * {@code workflow.*} holds the instance's fields; each task reference holds its newest
     * execution ({@code input}, {@code output}, {@code status}, {@code taskId}, ...); inside a
     * DO_WHILE the reference without its {@code __N} suffix names the latest pass.
     */
    public static ObjectNode of(WorkflowInstance wf) {
        ObjectNode root = NODES.objectNode();
        ObjectNode w = root.putObject("workflow");
        w.set("input", wf.input == null ? NODES.objectNode() : wf.input);
        w.set("output", wf.output == null ? NODES.objectNode() : wf.output);
        w.set("variables", wf.variables == null ? NODES.objectNode() : wf.variables);
        w.put("workflowId", wf.workflowId);
        w.put("workflowType", wf.workflowName);
        w.put("name", wf.workflowName);
        w.put("version", wf.workflowVersion);
        w.put("correlationId", wf.correlationId);
        w.put("status", wf.status == null ? null : wf.status.name());
        w.put("parentWorkflowId", wf.parentWorkflowId);
        w.put("parentWorkflowTaskId", wf.parentTaskId);
        w.put("reasonForIncompletion", wf.reasonForIncompletion);
        w.put("startTime", wf.startTime);
        for (TaskState t : wf.tasks) {
            ObjectNode n = root.putObject(t.referenceTaskName);
            if (t.defRef != null && !t.defRef.equals(t.referenceTaskName)) {
                root.set(t.defRef, n); // inside a loop, the plain reference reads the latest pass
            }
            n.set("input", t.inputData == null ? NODES.objectNode() : t.inputData);
            n.set("output", t.outputData == null ? NODES.objectNode() : t.outputData);
            n.put("status", t.status.name());
            n.put("taskId", t.taskId);
            n.put("retryCount", t.retryCount);
            n.put("reasonForIncompletion", t.reasonForIncompletion);
        }
        return root;
    }
}

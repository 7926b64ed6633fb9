package dev.baton.engine.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.engine.model.TaskIndex;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowInstance;
import java.util.HashSet;
import java.util.Set;

/** Builds the document that parameter expressions are evaluated against. */
public final class ExpressionContext {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ExpressionContext() {}

    /**
     * {@code workflow.*} holds the instance's fields; each task reference holds its newest
     * execution ({@code input}, {@code output}, {@code status}, {@code taskId}, ...); inside a
     * DO_WHILE the reference without its {@code __N} suffix names the latest pass.
     */
    public static ObjectNode of(WorkflowInstance wf) {
        ObjectNode root = workflowOnly(wf);
        for (TaskState t : wf.tasks) {
            ObjectNode n = root.putObject(t.referenceTaskName);
            if (t.defRef != null && !t.defRef.equals(t.referenceTaskName)) {
                root.set(t.defRef, n); // inside a loop, the plain reference reads the latest pass
            }
            fill(n, t, wf);
        }
        return root;
    }

    /**
     * The same document as {@link #of}, but holding only what the expressions in {@code template}
     * can reach: {@code workflow} and the task references they start with. Its cost does not grow
     * with the number of tasks in the instance. A template whose expressions do not all start with
     * a plain name (a wildcard or deep scan at the root) gets the whole document.
     */
    public static ObjectNode forTemplate(WorkflowInstance wf, JsonNode template) {
        Set<String> roots = new HashSet<>();
        if (!ExpressionRoots.collect(template, roots)) {
            return of(wf);
        }
        ObjectNode root = workflowOnly(wf);
        TaskIndex index = wf.index();
        for (String name : roots) {
            if ("workflow".equals(name)) {
                continue;
            }
            TaskState byRef = index.latestByRef(name);
            TaskState byDef = index.latestByDefRef(name);
            // as in of(): the later of the task with this reference and the latest pass of a loop task
            TaskState t = byRef == null ? byDef : byDef == null || byRef.pos >= byDef.pos ? byRef : byDef;
            if (t != null) {
                fill(root.putObject(name), t, wf);
            }
        }
        return root;
    }

    /** What Conductor's {@code ${ref.field}} reaches of a task (its ParametersUtils). */
    private static void fill(ObjectNode n, TaskState t, WorkflowInstance wf) {
        n.set("input", t.inputData == null ? NODES.objectNode() : t.inputData);
        n.set("output", t.outputData == null ? NODES.objectNode() : t.outputData);
        n.put("taskType", t.conductorType());
        n.put("status", t.status.name());
        n.put("referenceTaskName", t.referenceTaskName);
        n.put("retryCount", t.retryCount);
        n.put("correlationId", wf.correlationId);
        n.put("pollCount", t.pollCount);
        n.put(
                "taskDefName",
                t.kind().isSwitch() || t.kind().isFork() || t.kind().isJoin() ? t.conductorType() : t.taskDefName);
        n.put("scheduledTime", t.scheduledTime);
        n.put("startTime", t.startTime);
        n.put("endTime", t.endTime);
        n.put("workflowInstanceId", wf.workflowId);
        n.put("taskId", t.taskId);
        n.put("reasonForIncompletion", t.reasonForIncompletion);
        n.put("callbackAfterSeconds", t.callbackAfterSeconds);
        n.putNull("workerId"); // the worker is known to the node that handed the task out, not to the engine
        n.put("iteration", t.iteration);
    }

    private static ObjectNode workflowOnly(WorkflowInstance wf) {
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
        w.put("schemaVersion", 2); // the only one Baton (and Conductor 3) runs
        return root;
    }
}

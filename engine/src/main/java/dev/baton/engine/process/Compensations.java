package dev.baton.engine.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.TaskKind;
import dev.baton.dsl.WorkflowTask;
import dev.baton.engine.effect.EventType;
import dev.baton.engine.expr.ExpressionContext;
import dev.baton.engine.expr.ParameterResolver;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Saga compensation, beyond Conductor: when a workflow fails, the steps that had completed and
 * name a {@code compensation} are undone one by one, newest first, each compensation retried like
 * any task; then the workflow ends FAILED with the original reason. The history records
 * COMPENSATION_STARTED, each compensation task, and COMPENSATION_COMPLETED (or _FAILED).
 *
 * <p>A step whose outcome is uncertain when it fails (a payment call that timed out may still have
 * charged) can ask to be undone then too: {@code "compensation": {"name": ..., "whenFailed": true}}.
 *
 * <p>A compensation is a task name — its input is then {@code {"input": <the step's input>,
 * "output": <the step's output>}} — or a task object whose inputParameters are resolved as usual
 * (so {@code ${charge.output.paymentId}} reads the compensated step's output).
 */
final class Compensations {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final String SUFFIX = "__compensation";

    private Compensations() {}

    /** Starts compensating instead of failing at once; false when nothing needs undoing. */
    static boolean begin(Step s, String reason) {
        if (s.wf.compensationQueue != null) {
            return false;
        }
        List<String> queue = new ArrayList<>();
        for (int i = s.wf.tasks.size() - 1; i >= 0; i--) {
            TaskState t = s.wf.tasks.get(i);
            WorkflowTask wt = s.workflowTask(t);
            if (t.retried
                    || t.compensationOf != null
                    || wt == null
                    || wt.compensation() == null
                    || wt.compensation().isNull()) {
                continue;
            }
            boolean failed = t.status == TaskStatus.FAILED
                    || t.status == TaskStatus.FAILED_WITH_TERMINAL_ERROR
                    || t.status == TaskStatus.TIMED_OUT;
            if (t.status == TaskStatus.COMPLETED
                    || (failed && wt.compensation().path("whenFailed").asBoolean(false))) {
                queue.add(t.taskId);
            }
        }
        if (queue.isEmpty()) {
            return false;
        }
        Decider.cancelOpenTasks(s, "workflow compensating");
        s.cancelAllTimers();
        s.wf.compensationReason = reason;
        s.wf.compensationQueue = queue;
        ObjectNode payload = NODES.objectNode();
        queue.forEach(payload.putArray("compensating")::add);
        s.event(EventType.COMPENSATION_STARTED, null, payload, reason);
        next(s);
        return true;
    }

    /** A compensation task ended: on to the next one, or the end of the workflow. */
    static void afterCompensation(Step s, TaskState t) {
        if (!t.status.isSuccessful()) {
            s.event(EventType.COMPENSATION_FAILED, t, null, t.reasonForIncompletion);
            finish(
                    s,
                    s.wf.compensationReason + "; compensation " + t.referenceTaskName + " failed: "
                            + t.reasonForIncompletion);
            return;
        }
        next(s);
    }

    private static void next(Step s) {
        if (s.wf.compensationQueue.isEmpty()) {
            s.event(EventType.COMPENSATION_COMPLETED, null, null, s.wf.compensationReason);
            finish(s, s.wf.compensationReason);
            return;
        }
        String taskId = s.wf.compensationQueue.remove(0);
        TaskState original = s.wf.task(taskId).orElseThrow();
        WorkflowTask wt = s.workflowTask(original);
        JsonNode spec = wt.compensation();
        TaskState c = new TaskState();
        c.taskId = s.newId("task");
        c.compensationOf = original.taskId;
        c.defRef = original.defRef + SUFFIX;
        c.referenceTaskName = original.referenceTaskName + SUFFIX;
        c.iteration = original.iteration;
        c.taskType = TaskKind.SIMPLE.typeName();
        c.status = TaskStatus.SCHEDULED;
        c.scheduledTime = s.now;
        if (spec.isTextual()) {
            c.taskDefName = spec.asText();
            ObjectNode input = NODES.objectNode();
            input.set("input", original.inputData == null ? NODES.objectNode() : original.inputData.deepCopy());
            input.set("output", original.outputData == null ? NODES.objectNode() : original.outputData.deepCopy());
            c.inputData = input;
        } else {
            c.taskDefName = spec.path("name").asText();
            JsonNode params = spec.get("inputParameters");
            ObjectNode context = ExpressionContext.of(s.wf);
            c.inputData = params != null && params.isObject()
                    ? ParameterResolver.resolve((ObjectNode) params, context)
                    : NODES.objectNode();
        }
        Decider.add(s, c);
        s.event(EventType.TASK_SCHEDULED, c, c.inputData, "compensates " + original.referenceTaskName);
        s.dispatch(c);
    }

    private static void finish(Step s, String reason) {
        s.wf.compensationQueue = List.of();
        Decider.end(s, WorkflowStatus.FAILED, reason, EventType.WORKFLOW_FAILED);
    }
}

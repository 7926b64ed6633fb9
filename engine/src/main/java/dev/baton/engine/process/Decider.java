package dev.baton.engine.process;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.TaskDef;
import dev.baton.dsl.WorkflowTask;
import dev.baton.engine.effect.EventType;
import dev.baton.engine.expr.ExpressionContext;
import dev.baton.engine.expr.ParameterResolver;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;
import java.util.Iterator;
import java.util.Map;

/**
 * Decides what happens next in a running workflow: schedule the next task, complete the
 * workflow, or fail it. This is where one saga step is decided.
 */
final class Decider {
    private Decider() {
    }

    /** Moves the workflow forward as far as it can go now. */
    static void advance(Step s) {
        if (s.wf.status != WorkflowStatus.RUNNING) {
            return;
        }
        TaskState last = current(s);
        if (last == null) {
            schedule(s, 0);
            return;
        }
        if (!last.status.isTerminal()) {
            return;
        }
        if (last.status.isSuccessful()) {
            int next = last.defIndex + 1;
            if (next < s.def.tasks().size()) {
                schedule(s, next);
            } else {
                complete(s);
            }
        } else {
            fail(s, last.reasonForIncompletion == null
                    ? "task " + last.referenceTaskName + " ended " + last.status
                    : last.reasonForIncompletion);
        }
    }

    /** The newest execution that was not replaced by a retry. */
    static TaskState current(Step s) {
        for (int i = s.wf.tasks.size() - 1; i >= 0; i--) {
            TaskState t = s.wf.tasks.get(i);
            if (!t.retried) {
                return t;
            }
        }
        return null;
    }

    /** Creates the task for position {@code defIndex} of the definition and sends its command. */
    static TaskState schedule(Step s, int defIndex) {
        WorkflowTask wt = s.def.tasks().get(defIndex);
        TaskState t = new TaskState();
        t.taskId = s.newId("task");
        t.referenceTaskName = wt.taskReferenceName();
        t.taskDefName = wt.name();
        t.taskType = wt.typeOrDefault();
        t.status = TaskStatus.SCHEDULED;
        t.defIndex = defIndex;
        t.scheduledTime = s.now;
        t.inputData = taskInput(s, wt, t.taskId);
        s.wf.tasks.add(t);
        s.event(EventType.TASK_SCHEDULED, t, t.inputData, null);
        s.dispatch(t);
        return t;
    }

    static ObjectNode taskInput(Step s, WorkflowTask wt, String taskId) {
        ObjectNode context = ExpressionContext.of(s.wf);
        context.put("CPEWF_TASK_ID", taskId);
        ObjectNode input = ParameterResolver.resolve(wt.inputParameters(), context);
        TaskDef td = wt.taskDefinition() != null ? wt.taskDefinition() : s.taskDef(wt.name());
        if (td.inputTemplate() != null) {
            Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = td.inputTemplate().fields();
            while (it.hasNext()) {
                var e = it.next();
                if (!input.has(e.getKey())) {
                    input.set(e.getKey(), e.getValue().deepCopy());
                }
            }
        }
        return input;
    }

    static void complete(Step s) {
        s.wf.status = WorkflowStatus.COMPLETED;
        s.wf.endTime = s.now;
        s.wf.output = workflowOutput(s);
        s.cancelAllTimers();
        s.event(EventType.WORKFLOW_COMPLETED, null, s.wf.output, null);
    }

    private static ObjectNode workflowOutput(Step s) {
        if (s.def.outputParameters() != null && !s.def.outputParameters().isEmpty()) {
            return ParameterResolver.resolve(s.def.outputParameters(), ExpressionContext.of(s.wf));
        }
        TaskState last = current(s);
        return last != null && last.outputData != null ? last.outputData.deepCopy()
                : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    }

    static void fail(Step s, String reason) {
        s.wf.status = WorkflowStatus.FAILED;
        s.wf.endTime = s.now;
        s.wf.reasonForIncompletion = reason;
        cancelOpenTasks(s, "workflow failed");
        s.cancelAllTimers();
        s.event(EventType.WORKFLOW_FAILED, null, null, reason);
    }

    /** Marks every task still scheduled or running CANCELED. */
    static void cancelOpenTasks(Step s, String reason) {
        for (TaskState t : s.wf.tasks) {
            if (!t.status.isTerminal()) {
                t.status = TaskStatus.CANCELED;
                t.endTime = s.now;
                t.reasonForIncompletion = reason;
                t.awaitingDispatch = false;
                s.event(EventType.TASK_CANCELED, t, null, reason);
            }
        }
    }
}

package dev.baton.engine.process;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.baton.dsl.TaskKind;
import dev.baton.dsl.WorkflowDef;
import dev.baton.engine.RejectedInputException;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.effect.EventType;
import dev.baton.engine.input.EngineInput;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;
import java.util.List;

/** Operator actions that rewind a workflow: restart, retry, rerun, and skipping a task ahead of time. */
final class OperatorProcessor {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OperatorProcessor() {}

    /**
     * Same id, same input, from the first task; the definition's latest version on request. A
     * restarted child's parents run again (see {@link ParentResumption}).
     */
    static Step restart(Step s, EngineInput.Restart r) {
        if (!s.wf.isTerminal()) {
            throw new RejectedInputException("cannot restart a workflow that is " + s.wf.status);
        }
        if (s.wf.status == WorkflowStatus.COMPLETED && Boolean.FALSE.equals(s.def.restartable())) {
            throw new RejectedInputException("workflow " + s.wf.workflowName + " is not restartable");
        }
        Step step = s;
        if (r.useLatestDefinition()) {
            WorkflowDef latest = s.definitions.workflow(s.wf.workflowName, null).orElse(s.def);
            s.wf.workflowVersion = latest.versionOrDefault();
            step = new Step(s.wf, latest, s.definitions, s.scripts, s.settings, s.now, s.effects);
        }
        rewind(step, 0);
        step.wf.variables = step.def.variables() == null
                ? NODES.objectNode()
                : step.def.variables().deepCopy();
        step.event(EventType.WORKFLOW_RESTARTED, null, null, null);
        Timeouts.armWorkflow(step);
        ParentResumption.tellParent(step);
        return step;
    }

    /**
     * Every failed, timed-out or canceled task (the newest of each reference) gets a new attempt; a
     * join or loop waits again. With {@code resumeSubworkflowTasks}, a failed SUB_WORKFLOW task keeps
     * its child, which is retried the same way (down to the deepest failed workflow), and the task
     * waits for it. A retried child's parents run again (see {@link ParentResumption}).
     */
    static void retry(Step s, EngineInput.Retry r) {
        if (s.wf.status != WorkflowStatus.FAILED
                && s.wf.status != WorkflowStatus.TIMED_OUT
                && s.wf.status != WorkflowStatus.TERMINATED) {
            throw new RejectedInputException("cannot retry a workflow that is " + s.wf.status);
        }
        List<TaskState> toRetry =
                s.wf.tasks.stream().filter(Reopen::unsuccessful).toList();
        if (toRetry.isEmpty()) {
            throw new RejectedInputException("workflow " + s.wf.workflowId + " has no failed task to retry");
        }
        Reopen.workflowRunsAgain(s);
        s.wf.lastRetriedTime = s.now;
        s.event(EventType.WORKFLOW_RETRIED, null, null, null);
        for (TaskState failed : toRetry) {
            if (failed.kind().waitsOnTasks()) {
                Reopen.waitAgain(s, failed, "reopened by a retry"); // as in Conductor: not a new attempt
            } else if (r.resumeSubworkflowTasks()
                    && failed.kind() == TaskKind.SUB_WORKFLOW
                    && failed.subWorkflowId != null) {
                ParentResumption.waitForChild(s, failed, "sub-workflow " + failed.subWorkflowId + " retried");
                s.effects.add(new Effect.RetryWorkflow(failed.subWorkflowId, true));
            } else {
                TaskResultProcessor.newAttempt(s, failed, 0);
            }
        }
        s.wf.tasksRestructured(); // settled tasks were reopened or replaced
        Timeouts.armWorkflow(s);
        ParentResumption.tellParent(s);
    }

    /**
     * Runs an ended workflow again from a task (by reference; null = from the beginning) with the
     * same id, as Conductor does: that task and everything after it are dropped and the flow goes on
     * from there, with new task input and workflow input when given. A failed SUB_WORKFLOW task is
     * rerun in place instead (see {@link SubWorkflowRerun}). The workflow's parents run again too.
     */
    static void rerun(Step s, EngineInput.Rerun r) {
        if (!s.wf.isTerminal()) {
            throw new RejectedInputException("cannot rerun a workflow that is " + s.wf.status);
        }
        if (r.workflowInput() != null) {
            s.wf.input = r.workflowInput().deepCopy();
        }
        if (r.correlationId() != null) {
            s.wf.correlationId = r.correlationId(); // as Conductor's RerunWorkflowRequest.correlationId
        }
        if (r.fromTaskRef() == null) {
            rewind(s, 0);
            s.event(EventType.WORKFLOW_RERUN, null, null, null);
            Timeouts.armWorkflow(s);
            ParentResumption.tellParent(s);
            return;
        }
        int from = -1;
        for (int i = 0; i < s.wf.tasks.size(); i++) {
            if (r.fromTaskRef().equals(s.wf.tasks.get(i).referenceTaskName)) {
                from = i;
                break;
            }
        }
        if (from < 0) {
            throw new RejectedInputException("workflow " + s.wf.workflowId + " has no task " + r.fromTaskRef());
        }
        TaskState origin = s.wf.tasks.get(from);
        Graph.Node node = s.graph.node(origin.defRef);
        if (node == null) {
            throw new RejectedInputException("task " + r.fromTaskRef() + " cannot be rerun");
        }
        TaskState newest = s.wf.latest(r.fromTaskRef()).orElse(origin);
        if (SubWorkflowRerun.applies(newest)) {
            SubWorkflowRerun.rerun(s, newest);
        } else {
            rewind(s, from);
            s.event(EventType.WORKFLOW_RERUN, null, null, "from " + r.fromTaskRef());
            TaskState again = Decider.newTask(s, node.task(), origin.iteration);
            if (r.taskInput() != null) {
                again.inputData = r.taskInput().deepCopy();
            }
            s.event(EventType.TASK_SCHEDULED, again, again.inputData, null);
            SystemTasks.start(s, node.task(), again);
        }
        Timeouts.armWorkflow(s);
        ParentResumption.tellParent(s);
    }

    /**
     * Skips a task that has not run yet: as in Conductor, a SKIPPED record goes to the front of
     * the task list at once, and when the flow reaches the task it moves past it.
     */
    static void skip(Step s, EngineInput.SkipTask k) {
        if (s.wf.status != WorkflowStatus.RUNNING) { // as Conductor: a paused workflow's tasks cannot be skipped
            throw new RejectedInputException("cannot skip a task of a workflow that is " + s.wf.status);
        }
        Graph.Node node = s.graph.node(k.taskRef());
        if (node == null) {
            throw new RejectedInputException("workflow " + s.wf.workflowName + " has no task " + k.taskRef());
        }
        if (Decider.latestByDefRef(s, k.taskRef()) != null) {
            throw new RejectedInputException("task " + k.taskRef() + " has already been scheduled");
        }
        TaskState t = new TaskState();
        t.taskId = s.newId("task");
        t.defRef = k.taskRef();
        t.referenceTaskName = k.taskRef();
        t.taskType = node.task().typeOrDefault();
        t.taskDefName = node.task().name() == null ? t.taskType : node.task().name();
        t.inputData = k.taskInput() == null ? NODES.objectNode() : k.taskInput().deepCopy();
        t.scheduledTime = s.now;
        t.executed = true;
        s.wf.tasks.add(0, t);
        s.wf.tasksRestructured();
        Decider.finishTask(
                s,
                t,
                TaskStatus.SKIPPED,
                k.taskOutput() == null ? NODES.objectNode() : k.taskOutput().deepCopy(),
                null); // as Conductor: a skipped task has no reasonForIncompletion
    }

    /** Removes tasks from position {@code from} on, and makes the workflow RUNNING again. */
    private static void rewind(Step s, int from) {
        s.cancelAllTimers();
        while (s.wf.tasks.size() > from) {
            s.wf.tasks.remove(s.wf.tasks.size() - 1);
        }
        s.wf.tasksRestructured();
        if (from == 0) {
            s.wf.output = null;
        }
        Reopen.workflowRunsAgain(s);
    }
}

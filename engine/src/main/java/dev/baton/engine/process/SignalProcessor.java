package dev.baton.engine.process;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.TaskKind;
import dev.baton.engine.RejectedInputException;
import dev.baton.engine.effect.EventType;
import dev.baton.engine.input.EngineInput;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import java.util.List;

/** External updates of tasks that wait on the outside world: signals, and the end of a child workflow. */
final class SignalProcessor {
    private SignalProcessor() {}

    /** Completes (or fails) a waiting task: the one named, or the one the workflow is blocked on. */
    static void signal(Step s, EngineInput.Signal signal) {
        TaskState t = signal.taskRef() == null ? blocking(s) : latestByRef(s, signal.taskRef());
        if (t == null || t.status.isTerminal()) {
            throw new RejectedInputException(
                    signal.taskRef() == null
                            ? "no task of workflow " + s.wf.workflowId + " is waiting for a signal"
                            : "task " + signal.taskRef() + " of workflow " + s.wf.workflowId + " is not waiting");
        }
        if (s.wf.isTerminal()) {
            throw new RejectedInputException("workflow " + s.wf.workflowId + " is already " + s.wf.status);
        }
        s.event(EventType.SIGNAL_RECEIVED, t, signal.output(), signal.reason());
        s.cancelTimer(Waits.TIMER + t.taskId);
        var output = signal.replaceOutput()
                ? (signal.output() == null
                        ? JsonNodeFactory.instance.objectNode()
                        : signal.output().deepCopy())
                : signal.output() == null ? t.outputData : TaskResultProcessor.merge(t.outputData, signal.output());
        switch (signal.status()) {
            case COMPLETED ->
                Decider.finishTask(
                        s,
                        t,
                        TaskStatus.COMPLETED,
                        output == null ? JsonNodeFactory.instance.objectNode() : output,
                        null);
            case IN_PROGRESS -> t.outputData = output;
            case FAILED, FAILED_WITH_TERMINAL_ERROR -> {
                Decider.finishTask(
                        s,
                        t,
                        signal.status() == EngineInput.ReplyStatus.FAILED
                                ? TaskStatus.FAILED
                                : TaskStatus.FAILED_WITH_TERMINAL_ERROR,
                        output,
                        signal.reason());
                TaskResultProcessor.afterFailure(s, t);
            }
            case CANCELED -> Decider.finishTask(s, t, TaskStatus.CANCELED, output, signal.reason());
        }
    }

    /** A SUB_WORKFLOW's child ended: the task ends the same way. */
    static void childFinished(Step s, EngineInput.ChildFinished done) {
        TaskState t = s.wf.task(done.parentTaskId()).orElse(null);
        if (done.status() == dev.baton.engine.model.WorkflowStatus.RUNNING) {
            ParentResumption.childRunning(s, done);
            return;
        }
        if (t != null
                && t.status == TaskStatus.COMPLETED_WITH_ERRORS
                && done.status() == dev.baton.engine.model.WorkflowStatus.COMPLETED
                && done.childWorkflowId().equals(t.subWorkflowId)) {
            // an optional child that failed ran again and completed: as Conductor, which syncs the task with its child
            // whatever the parent's state, the task completes; the parent, which went on without it, stays as it is
            ObjectNode output = childOutput(t, done);
            s.wf.touched(t); // a settled task changes
            Decider.finishTask(s, t, TaskStatus.COMPLETED, output, null);
            return;
        }
        if (t == null || t.status.isTerminal() || s.wf.isTerminal()) {
            TaskResultProcessor.ignored(
                    s,
                    t,
                    "CHILD_" + done.status(),
                    null,
                    t == null ? "no task " + done.parentTaskId() : "task already " + t.status);
            return;
        }
        ObjectNode output = childOutput(t, done);
        switch (done.status()) {
            case COMPLETED -> Decider.finishTask(s, t, TaskStatus.COMPLETED, output, null);
            case TERMINATED -> Decider.finishTask(s, t, TaskStatus.CANCELED, output, done.reason());
            default -> {
                Decider.finishTask(
                        s,
                        t,
                        done.status() == dev.baton.engine.model.WorkflowStatus.TIMED_OUT
                                ? TaskStatus.TIMED_OUT
                                : TaskStatus.FAILED,
                        output,
                        done.reason());
                TaskResultProcessor.afterFailure(s, t);
            }
        }
    }

    /**
     * As Conductor's SUB_WORKFLOW: the task's output (its child's id) with the child's output added over it, so that a
     * child's own {@code subWorkflowId} (its child's) wins.
     */
    private static ObjectNode childOutput(TaskState t, EngineInput.ChildFinished done) {
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        if (t.outputData != null) {
            output.setAll(t.outputData.deepCopy());
        }
        output.put("subWorkflowId", done.childWorkflowId());
        if (done.output() != null) {
            output.setAll(done.output().deepCopy());
        }
        return output;
    }

    private static TaskState blocking(Step s) {
        List<TaskState> open = s.wf.index().open();
        for (int i = open.size() - 1; i >= 0; i--) {
            TaskState t = open.get(i);
            if (!t.status.isTerminal()
                    && (t.kind().waitsForSignal()
                            || (t.kind() == TaskKind.EVENT && t.status == TaskStatus.IN_PROGRESS))) {
                return t;
            }
        }
        return null;
    }

    private static TaskState latestByRef(Step s, String ref) {
        return s.wf.index().latestByRef(ref);
    }
}

package dev.baton.engine.process;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.baton.engine.effect.EventType;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;

/**
 * Settled tasks made to run again with the same task id, as Conductor repairs a workflow that runs
 * again (a retry, a rerun, a child that runs again): a join or loop waits again; any other task is
 * scheduled again. The caller reports the change with {@code tasksRestructured()}.
 */
final class Reopen {
    private Reopen() {}

    /** A task that ended badly (FAILED, TIMED_OUT, CANCELED, ...) and was not replaced by a newer attempt. */
    static boolean unsuccessful(TaskState t) {
        return t.status != null && t.status.isTerminal() && !t.status.isSuccessful() && !t.retried;
    }

    /** A join, exclusive join or loop waits again for its tasks. */
    static void waitAgain(Step s, TaskState t, String why) {
        t.status = TaskStatus.IN_PROGRESS;
        t.endTime = 0;
        t.reasonForIncompletion = null;
        t.executed = false;
        s.event(EventType.TASK_STARTED, t, null, why);
    }

    /**
     * The task is scheduled again under its own id: a worker task is sent again (held back while the
     * workflow is paused), a system task starts again. With {@code nextAttempt} its retryCount goes up.
     */
    static void reschedule(Step s, TaskState t, boolean nextAttempt, String why) {
        if (nextAttempt) {
            t.retryCount++;
        }
        t.status = TaskStatus.SCHEDULED;
        t.scheduledTime = s.now;
        t.startTime = 0;
        t.endTime = 0;
        t.reasonForIncompletion = null;
        t.executed = false;
        t.retried = false;
        t.pollCount = 0;
        t.callbackAfterSeconds = 0;
        t.awaitingDispatch = false;
        t.subWorkflowId = null;
        t.outputData = JsonNodeFactory.instance.objectNode();
        s.event(EventType.TASK_SCHEDULED, t, t.inputData, why);
        TotalTimeouts.arm(s, t);
        if (!t.kind().isSentToWorker()) {
            SystemTasks.start(s, s.workflowTask(t), t);
        } else if (s.wf.status == WorkflowStatus.RUNNING) {
            s.dispatch(t);
        } else {
            t.awaitingDispatch = true;
        }
    }

    /** A workflow that ended runs again. */
    static void workflowRunsAgain(Step s) {
        s.wf.status = WorkflowStatus.RUNNING;
        s.wf.reasonForIncompletion = null;
        s.wf.endTime = 0;
    }
}

package dev.baton.engine.process;

import dev.baton.dsl.TaskDef;
import dev.baton.dsl.TimeoutPolicy;
import dev.baton.engine.effect.EventType;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;

/**
 * A task definition's totalTimeoutSeconds, as Conductor enforces it: the time all attempts of a
 * task may take together, retry delays included, counted from the first attempt's scheduling.
 * When it runs out, the attempt in hand times out under the definition's timeoutPolicy (ALERT_ONLY
 * only records it; RETRY and TIME_OUT_WF time the task out, TIME_OUT_WF the workflow too); and a
 * failed attempt is not retried once it has run out: the workflow ends.
 */
final class TotalTimeouts {
    static final String TIMER = "total-timeout/";

    private TotalTimeouts() {}

    private static long budgetSeconds(TaskDef def) {
        return def.totalTimeoutSeconds() == null ? 0 : def.totalTimeoutSeconds();
    }

    /** A task (or its next attempt) was scheduled: its budget's end is a timer, one per reference. */
    static void arm(Step s, TaskState t) {
        long budget = budgetSeconds(s.taskDefFor(t));
        if (budget > 0 && t.firstScheduledTime > 0 && !s.wf.timers.containsKey(TIMER + t.referenceTaskName)) {
            s.setTimer(TIMER + t.referenceTaskName, t.firstScheduledTime + budget * 1000);
        }
    }

    /** The task has been acted on for good: its budget no longer matters. */
    static void disarm(Step s, TaskState t) {
        s.cancelTimer(TIMER + t.referenceTaskName);
    }

    private static long elapsedSeconds(Step s, TaskState t) {
        return (s.now - t.firstScheduledTime) / 1000;
    }

    /** The budget of the newest attempt of {@code ref} ran out. */
    static void fired(Step s, String ref) {
        TaskState t = s.wf.latest(ref).orElse(null);
        if (t == null || t.status.isTerminal() || s.wf.isTerminal() || t.firstScheduledTime <= 0) {
            return;
        }
        TaskDef def = s.taskDefFor(t);
        TimeoutPolicy policy =
                def.timeoutPolicy() == null ? TimeoutPolicy.TIME_OUT_WF : TimeoutPolicy.valueOf(def.timeoutPolicy());
        String reason = "Task " + t.taskDefName + "/" + t.taskId + " exceeded total timeout of " + budgetSeconds(def)
                + " seconds (elapsed " + elapsedSeconds(s, t) + " seconds across all attempts including retry delays)."
                + " Timeout policy: " + policy;
        if (policy == TimeoutPolicy.ALERT_ONLY) {
            s.event(EventType.TASK_TIMED_OUT, t, null, reason + " (alert only)");
            return;
        }
        if (t.awaitingDispatch) {
            t.awaitingDispatch = false;
            s.cancelTimer(TimerProcessor.retryTimerId(t.taskId));
        }
        Decider.finishTask(s, t, TaskStatus.TIMED_OUT, t.outputData, reason);
        if (policy == TimeoutPolicy.TIME_OUT_WF) {
            t.executed = true;
            Decider.end(s, WorkflowStatus.TIMED_OUT, reason, EventType.WORKFLOW_TIMED_OUT);
        } else {
            TaskResultProcessor.afterFailure(s, t);
        }
    }

    /**
     * A failed attempt that its definition would retry: when the budget has run out, the workflow
     * ends instead (TIMED_OUT after a timeout, FAILED otherwise). True when it did.
     */
    static boolean exhausted(Step s, TaskState t, TaskDef def) {
        long budget = budgetSeconds(def);
        if (budget <= 0 || t.firstScheduledTime <= 0 || elapsedSeconds(s, t) < budget) {
            return false;
        }
        String reason = "Task " + t.taskId + "/" + t.taskDefName + " exceeded total timeout of " + budget
                + " seconds (elapsed " + elapsedSeconds(s, t) + " seconds across all attempts)."
                + " No further retries will be attempted.";
        t.executed = true;
        if (t.status == TaskStatus.TIMED_OUT) {
            Decider.end(s, WorkflowStatus.TIMED_OUT, reason, EventType.WORKFLOW_TIMED_OUT);
        } else {
            Decider.fail(s, reason);
        }
        return true;
    }
}

package dev.baton.engine.process;

import dev.baton.dsl.TaskDef;
import dev.baton.dsl.TimeoutPolicy;
import dev.baton.engine.effect.EventType;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;

/**
 * Timeouts are timers: a worker task's response timeout (re-armed by every sign of life from the
 * worker), its overall timeout (with the task definition's timeoutPolicy), and the workflow's
 * timeout (with the workflow's timeoutPolicy, re-armed when the workflow is retried).
 */
final class Timeouts {
    static final String RESPONSE = "response/";
    static final String TASK = "task-timeout/";
    static final String POLL = "poll-timeout/";
    static final String WORKFLOW = "workflow-timeout";

    private Timeouts() {}

    /**
     * A worker showed it has the task (a poll, or an IN_PROGRESS reply): as in Conductor, its
     * clocks run from then — the overall timeout from the first sign, the response timeout from
     * the latest. A task that no worker has taken does not time out.
     */
    static void armOnSignOfLife(Step s, TaskState t, TaskDef def) {
        if (def.timeoutSeconds() != null && def.timeoutSeconds() > 0 && !s.wf.timers.containsKey(TASK + t.taskId)) {
            s.setTimer(TASK + t.taskId, s.now + def.timeoutSeconds() * 1000);
        }
        armResponse(s, t, def);
    }

    /**
     * An IN_PROGRESS update: as in Conductor, the task waits SCHEDULED for the worker's next poll, so only its overall
     * timeout runs (the response timeout applies to a task a worker holds).
     */
    static void armOnProgress(Step s, TaskState t, TaskDef def) {
        if (def.timeoutSeconds() != null && def.timeoutSeconds() > 0 && !s.wf.timers.containsKey(TASK + t.taskId)) {
            s.setTimer(TASK + t.taskId, s.now + def.timeoutSeconds() * 1000);
        }
        s.cancelTimer(RESPONSE + t.taskId);
    }

    /** A worker task sent to its workers: Conductor's pollTimeoutSeconds runs until one takes it. */
    static void armPoll(Step s, TaskState t, TaskDef def) {
        if (def.pollTimeoutSeconds() != null
                && def.pollTimeoutSeconds() > 0
                && t.kind().isWorkerTask()) {
            s.setTimer(
                    POLL + t.taskId, s.now + (def.pollTimeoutSeconds() + Math.max(0, t.callbackAfterSeconds)) * 1000L);
        }
    }

    /** A worker took the task: its poll timeout is over. */
    static void polled(Step s, TaskState t) {
        s.cancelTimer(POLL + t.taskId);
    }

    private static void armResponse(Step s, TaskState t, TaskDef def) {
        if (def.responseTimeoutSeconds() != null && def.responseTimeoutSeconds() > 0) {
            s.setTimer(RESPONSE + t.taskId, s.now + def.responseTimeoutSeconds() * 1000);
        }
    }

    /** The task ended: its clocks stop. */
    static void disarmTask(Step s, TaskState t) {
        s.cancelTimer(RESPONSE + t.taskId);
        s.cancelTimer(TASK + t.taskId);
        s.cancelTimer(POLL + t.taskId);
        s.cancelTimer(Slas.TIMER + t.taskId);
    }

    static void armWorkflow(Step s) {
        Long seconds = s.def.timeoutSeconds();
        if (seconds != null && seconds > 0) {
            long from = Math.max(s.wf.startTime, s.wf.lastRetriedTime);
            s.setTimer(WORKFLOW, from + seconds * 1000);
        }
    }

    /** Handles a due timeout timer; false when the id is not a timeout. */
    static boolean fired(Step s, String timerId) {
        if (timerId.equals(WORKFLOW)) {
            workflowTimedOut(s);
            return true;
        }
        String prefix = timerId.startsWith(RESPONSE)
                ? RESPONSE
                : timerId.startsWith(TASK) ? TASK : timerId.startsWith(POLL) ? POLL : null;
        if (prefix == null) {
            return false;
        }
        TaskState t = s.wf.task(timerId.substring(prefix.length())).orElse(null);
        if (t == null || t.status.isTerminal() || s.wf.isTerminal()) {
            return true;
        }
        if (prefix.equals(POLL) && t.status != TaskStatus.SCHEDULED) {
            return true;
        }
        Long taskDue = s.wf.timers.get(TASK + t.taskId);
        if (prefix.equals(RESPONSE) && taskDue != null && taskDue <= s.now) {
            // as Conductor's decider, which checks the task's timeout before its response timeout
            s.cancelTimer(TASK + t.taskId);
            prefix = TASK;
        }
        TaskDef def = s.taskDefFor(t);
        TimeoutPolicy policy =
                def.timeoutPolicy() == null ? TimeoutPolicy.TIME_OUT_WF : TimeoutPolicy.valueOf(def.timeoutPolicy());
        if (prefix.equals(RESPONSE)) {
            Decider.finishTask(
                    s,
                    t,
                    TaskStatus.TIMED_OUT,
                    t.outputData,
                    "responseTimeout: " + def.responseTimeoutSeconds() + " exceeded for the taskId: " + t.taskId
                            + " with Task Definition: " + t.taskDefName);
            TaskResultProcessor.afterFailure(s, t);
            return true;
        }
        String reason = prefix.equals(TASK)
                ? "Task timed out after " + def.timeoutSeconds() + " seconds. Timeout configured as "
                        + def.timeoutSeconds() + " seconds. Timeout policy configured to " + policy
                : "Task poll timed out after " + Math.max(0, (s.now - t.scheduledTime) / 1000)
                        + " seconds. Poll timeout configured as " + def.pollTimeoutSeconds()
                        + " seconds. Timeout policy configured to " + policy;
        switch (policy) {
            case ALERT_ONLY -> s.event(EventType.TASK_TIMED_OUT, t, null, reason + " (alert only)");
            case RETRY -> {
                Decider.finishTask(s, t, TaskStatus.TIMED_OUT, t.outputData, reason);
                TaskResultProcessor.afterFailure(s, t);
            }
            case TIME_OUT_WF -> {
                // as Conductor: the workflow times out with the task's reason as its own
                Decider.finishTask(s, t, TaskStatus.TIMED_OUT, t.outputData, reason);
                t.executed = true;
                Decider.end(s, WorkflowStatus.TIMED_OUT, reason, EventType.WORKFLOW_TIMED_OUT);
            }
        }
        return true;
    }

    private static void workflowTimedOut(Step s) {
        if (s.wf.isTerminal()) {
            return;
        }
        String policy = s.def.timeoutPolicy() == null ? TimeoutPolicy.ALERT_ONLY.name() : s.def.timeoutPolicy();
        String reason = "Workflow timed out after " + s.def.timeoutSeconds() + " seconds. Timeout configured as "
                + s.def.timeoutSeconds() + " seconds. Timeout policy configured to " + policy;
        if (TimeoutPolicy.ALERT_ONLY.name().equals(policy)) {
            s.event(EventType.WORKFLOW_TIMED_OUT, null, null, reason + " (alert only)");
            return;
        }
        Decider.end(s, WorkflowStatus.TIMED_OUT, reason, EventType.WORKFLOW_TIMED_OUT);
    }
}

package dev.baton.orchestrator.gateway;

import dev.baton.engine.model.TaskLog;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowInstance;

/**
 * Conditions on an instance that hold once a signal the gateway sent is applied by the stream thread: what reads on
 * this node wait for after a poll, an update or a log line ({@link TaskLocator#sent}), and what an update waits for
 * before it answers. Each also holds once the task or its workflow has ended, or the task is gone, since nothing
 * more will come of the signal then.
 */
final class AppliedWhen {
    private AppliedWhen() {}

    /** Whether the workflow shows the task polled more than {@code pollsBefore} times, or ended, or no longer has it. */
    static boolean polledSince(WorkflowInstance wf, String taskId, int pollsBefore) {
        return wf.isTerminal()
                || wf.task(taskId)
                        .map(t -> t.pollCount > pollsBefore || t.status.isTerminal())
                        .orElse(true);
    }

    /** Whether the workflow shows the task ended (or no longer has it), or has ended itself. */
    static boolean ended(WorkflowInstance wf, String taskId) {
        return wf.isTerminal()
                || wf.task(taskId).map(x -> x.status.isTerminal()).orElse(true);
    }

    /**
     * Whether the workflow shows a worker's IN_PROGRESS update applied: the task waits SCHEDULED with the update's
     * callback, or was polled again since ({@code pollsBefore}: its poll count once the poll that handed it out is
     * applied), or has ended.
     */
    static boolean backInQueue(WorkflowInstance wf, String taskId, long callbackAfterSeconds, int pollsBefore) {
        return wf.isTerminal()
                || wf.task(taskId)
                        .map(t -> t.status.isTerminal()
                                || t.pollCount > pollsBefore
                                || (t.status == TaskStatus.SCHEDULED && t.callbackAfterSeconds == callbackAfterSeconds))
                        .orElse(true);
    }

    /** Whether the workflow shows the log line with the task (its text perhaps cut short), or no longer has the task. */
    static boolean logged(WorkflowInstance wf, String taskId, TaskLog line) {
        return wf.task(taskId)
                .map(t -> t.logs != null
                        && t.logs.stream()
                                .anyMatch(l -> l.createdTime() == line.createdTime()
                                        && l.log() != null
                                        && line.log().startsWith(l.log())))
                .orElse(true);
    }
}

package dev.baton.engine.process;

import dev.baton.engine.input.EngineInput;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowStatus;

/** Handles a due timer: the end of a retry delay, or of a WAIT. */
final class TimerProcessor {
    static final String RETRY = "retry/";

    private TimerProcessor() {}

    static String retryTimerId(String taskId) {
        return RETRY + taskId;
    }

    /** Returns false when the timer is unknown (cancelled or already fired): nothing changes then. */
    static boolean process(Step s, EngineInput.TimerFired fired) {
        if (s.wf.timers.remove(fired.timerId()) == null) {
            return false;
        }
        String id = fired.timerId();
        if (id.startsWith(RETRY)) {
            s.wf.task(id.substring(RETRY.length())).ifPresent(t -> dispatchIfRunning(s, t));
        } else if (id.startsWith(Slas.TIMER)) {
            s.wf.task(id.substring(Slas.TIMER.length())).ifPresent(t -> Slas.breached(s, t));
        } else if (id.startsWith(TotalTimeouts.TIMER)) {
            TotalTimeouts.fired(s, id.substring(TotalTimeouts.TIMER.length()));
        } else if (id.startsWith(Waits.TIMER)) {
            s.wf.task(id.substring(Waits.TIMER.length())).ifPresent(t -> Waits.timerFired(s, t));
        } else {
            Timeouts.fired(s, id);
        }
        return true;
    }

    /** Sends a held-back attempt once its delay is over, unless the workflow is paused. */
    static void dispatchIfRunning(Step s, TaskState t) {
        if (t.awaitingDispatch
                && !s.wf.timers.containsKey(retryTimerId(t.taskId))
                && s.wf.status == WorkflowStatus.RUNNING) {
            t.awaitingDispatch = false;
            s.dispatch(t);
        }
    }
}

package dev.baton.engine.process;

import dev.baton.engine.input.EngineInput;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowStatus;

/** Handles a due timer: today, the end of a retry delay. */
final class TimerProcessor {
    static final String RETRY = "retry/";

    private TimerProcessor() {
    }

    static String retryTimerId(String taskId) {
        return RETRY + taskId;
    }

    /** Returns false when the timer is unknown (cancelled or already fired): nothing changes then. */
    static boolean process(Step s, EngineInput.TimerFired fired) {
        if (s.wf.timers.remove(fired.timerId()) == null) {
            return false;
        }
        if (fired.timerId().startsWith(RETRY)) {
            s.wf.task(fired.timerId().substring(RETRY.length()))
                    .ifPresent(t -> dispatchIfRunning(s, t));
        }
        return true;
    }

    /** Sends a held-back attempt once its delay is over, unless the workflow is paused. */
    static void dispatchIfRunning(Step s, TaskState t) {
        if (t.awaitingDispatch && !s.wf.timers.containsKey(retryTimerId(t.taskId))
                && s.wf.status == WorkflowStatus.RUNNING) {
            t.awaitingDispatch = false;
            s.dispatch(t);
        }
    }
}

package dev.baton.engine.process;

import dev.baton.dsl.TaskKind;
import dev.baton.engine.effect.EventType;
import dev.baton.engine.input.EngineInput;
import dev.baton.engine.input.EngineInput.ReplyStatus;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;

/**
 * Conductor's {@code asyncComplete} for an HTTP task: the call's success leaves the task IN_PROGRESS with the
 * response as its output, until an update by id or by reference ends it; no response timeout applies meanwhile.
 * As in Conductor, the flag is read from the task's input, where the mapping put it.
 */
final class AsyncCompletion {
    private AsyncCompletion() {}

    /** Applies a result the async completion rules cover; false when the usual rules apply. */
    static boolean applies(Step s, TaskState t, EngineInput.TaskResult r, boolean firstSignOfLife) {
        if (t.kind() != TaskKind.HTTP || !asked(t)) {
            return false;
        }
        if (t.status == TaskStatus.SCHEDULED && r.status() == ReplyStatus.COMPLETED) {
            // the built-in worker's call succeeded: the task now waits for the outside world
            t.status = TaskStatus.IN_PROGRESS;
            t.outputData = TaskResultProcessor.reported(r);
            t.reasonForIncompletion = null;
            s.cancelTimer(Timeouts.RESPONSE + t.taskId);
            if (firstSignOfLife) {
                s.event(EventType.TASK_STARTED, t, t.outputData, null);
            }
            return true;
        }
        if (t.status == TaskStatus.IN_PROGRESS && r.status() == ReplyStatus.IN_PROGRESS) {
            // a progress update: the task keeps waiting, with the output given
            t.outputData = TaskResultProcessor.reported(r);
            t.reasonForIncompletion = r.reason();
            return true;
        }
        return false;
    }

    /** Whether the task's input asks for an async completion. */
    static boolean asked(TaskState t) {
        return t.inputData != null && t.inputData.path("asyncComplete").asBoolean(false);
    }
}

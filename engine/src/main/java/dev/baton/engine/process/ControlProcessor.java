package dev.baton.engine.process;

import dev.baton.dsl.WorkflowDef;
import dev.baton.engine.RejectedInputException;
import dev.baton.engine.Transition;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.effect.EventType;
import dev.baton.engine.input.EngineInput;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.model.WorkflowStatus;
import java.util.ArrayList;
import java.util.List;

/** Operator actions on an instance: pause, resume, terminate, fail, delete. */
final class ControlProcessor {
    private ControlProcessor() {}

    static void pause(Step s, EngineInput.Pause p) {
        if (s.wf.status != WorkflowStatus.RUNNING) {
            throw new RejectedInputException("cannot pause a workflow that is " + s.wf.status);
        }
        s.wf.status = WorkflowStatus.PAUSED;
        s.event(EventType.WORKFLOW_PAUSED, null, null, p.reason());
    }

    static void resume(Step s, EngineInput.Resume r) {
        if (s.wf.status != WorkflowStatus.PAUSED) {
            throw new RejectedInputException("cannot resume a workflow that is " + s.wf.status);
        }
        s.wf.status = WorkflowStatus.RUNNING;
        s.event(EventType.WORKFLOW_RESUMED, null, null, r.reason());
        // held-back attempts are dispatched by Decider.decide, after failures that arrived while paused
    }

    /** DELETE: the instance goes, whatever its status; WORKFLOW_DELETED (with the status it had) records it. */
    static Transition delete(WorkflowInstance wf, WorkflowDef defOrNull, EngineInput.Delete d, long now) {
        wf.seq++;
        List<Effect> effects = new ArrayList<>();
        effects.add(new Effect.HistoryEvent(
                wf.seq, now, EventType.WORKFLOW_DELETED, null, null, null, null, wf.status.name(), null, d.reason()));
        BusinessKeys.unbind(wf, defOrNull).ifPresent(effects::add);
        effects.add(new Effect.RemoveInstance());
        return new Transition(wf, effects);
    }

    static void fail(Step s, EngineInput.Fail f) {
        if (s.wf.isTerminal()) {
            throw new RejectedInputException("cannot fail a workflow that is " + s.wf.status);
        }
        Decider.end(s, WorkflowStatus.FAILED, f.reason(), EventType.WORKFLOW_FAILED);
    }

    /**
     * As Conductor's terminate: a running or paused workflow, and one that failed or timed out,
     * becomes TERMINATED with the reason given. A COMPLETED one is refused, and so is one
     * TERMINATED already, which stays as it is (the API answers that case without a command).
     */
    static void terminate(Step s, EngineInput.Terminate t) {
        if (s.wf.status == WorkflowStatus.COMPLETED || s.wf.status == WorkflowStatus.TERMINATED) {
            throw new RejectedInputException("cannot terminate a workflow that is " + s.wf.status);
        }
        Decider.end(s, WorkflowStatus.TERMINATED, t.reason(), EventType.WORKFLOW_TERMINATED);
    }

    /**
     * Conductor's resetcallbacks: every worker task waiting out a callback ({@link TaskState#waitsForCallback()})
     * shows 0; whether any did.
     */
    static boolean resetCallbacks(Step s) {
        boolean changed = false;
        for (TaskState t : s.wf.tasks) {
            if (t.waitsForCallback()) {
                t.callbackAfterSeconds = 0;
                changed = true;
            }
        }
        return changed;
    }
}

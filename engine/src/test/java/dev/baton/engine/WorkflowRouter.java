package dev.baton.engine;

import dev.baton.dsl.WorkflowDef;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.input.EngineInput;
import dev.baton.engine.model.WorkflowStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Carries the effects that reach other workflows — a child's start, a child's end or return to
 * running reported to its parent, a termination, a retry — to their targets, as the runtime does
 * over its commands topic: after the step that caused them, in the order they were made. An input
 * its target rejects is noted, as the runtime dead-letters it.
 */
final class WorkflowRouter {
    private final Deque<Effect> pending = new ArrayDeque<>();
    private final List<String> notes = new ArrayList<>();
    private boolean draining;

    /** Takes an effect that reaches another workflow; false for any other effect. */
    boolean offer(Effect e) {
        if (e instanceof Effect.StartWorkflow
                || e instanceof Effect.NotifyParent
                || e instanceof Effect.TerminateWorkflow
                || e instanceof Effect.RetryWorkflow) {
            pending.add(e);
            return true;
        }
        return false;
    }

    /** Delivers everything pending, including what the deliveries cause. */
    void drain(EngineHarness h) {
        if (draining) {
            return; // an outer drain delivers what this step added
        }
        draining = true;
        try {
            Effect e;
            while ((e = pending.poll()) != null) {
                deliver(h, e);
            }
        } finally {
            draining = false;
        }
    }

    List<String> notes() {
        return notes;
    }

    private void deliver(EngineHarness h, Effect e) {
        try {
            if (e instanceof Effect.StartWorkflow s) {
                WorkflowDef def = s.definition() != null
                        ? s.definition()
                        : h.definitions().workflow(s.name(), s.version()).orElse(null);
                if (def == null) {
                    String reason = "unknown workflow definition " + s.name();
                    notes.add(reason);
                    if (s.parentWorkflowId() != null) {
                        h.apply(
                                s.parentWorkflowId(),
                                new EngineInput.ChildFinished(
                                        s.parentTaskId(), s.workflowId(), WorkflowStatus.FAILED, null, reason));
                    }
                    return;
                }
                h.startWith(new EngineInput.Start(
                        s.workflowId(), def, s.input(), s.correlationId(), s.parentWorkflowId(), s.parentTaskId()));
            } else if (e instanceof Effect.NotifyParent n) {
                h.apply(
                        n.parentWorkflowId(),
                        new EngineInput.ChildFinished(
                                n.parentTaskId(), n.childWorkflowId(), n.status(), n.output(), n.reason()));
            } else if (e instanceof Effect.TerminateWorkflow t) {
                h.apply(t.workflowId(), new EngineInput.Terminate(t.reason()));
            } else if (e instanceof Effect.RetryWorkflow r) {
                h.apply(r.workflowId(), new EngineInput.Retry(r.resumeSubworkflowTasks()));
            }
        } catch (RejectedInputException ex) {
            notes.add(e.getClass().getSimpleName() + " rejected: " + ex.getMessage());
        }
    }
}

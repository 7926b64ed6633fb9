package dev.baton.engine.process;

import dev.baton.dsl.WorkflowDef;
import dev.baton.engine.Transition;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.model.WorkflowInstance;
import java.util.ArrayList;
import java.util.List;

/**
 * A finished instance is kept for the retention time, then removed. The step that ends it sets its retention timer
 * ({@link WorkflowEngine#RETENTION_TIMER}, due at its end time plus the retention); when the timer fires, the instance
 * goes if it is still finished and ended at least the retention time ago. One restarted or retried since stays, and
 * its new end sets a new timer.
 *
 * <p>The retention timer is not one of the instance's own timers ({@link WorkflowInstance#timers}): a finished
 * instance holds none, nothing cancels it, and it outlives the instance (one that was deleted meanwhile is not found
 * when it fires).
 */
final class Retention {
    private Retention() {}

    /** The end of a step whose instance was {@code wasTerminal} since {@code endedBefore}: the timer, if it ended. */
    static void arm(Step s, boolean wasTerminal, long endedBefore) {
        if (s.wf.isTerminal() && s.wf.endTime == s.now && !(wasTerminal && endedBefore == s.now)) {
            s.effects.add(
                    new Effect.SetTimer(WorkflowEngine.RETENTION_TIMER, s.wf.endTime + s.settings.retentionMillis()));
        }
    }

    /**
     * Retention over: a finished instance that ended at least {@code retentionMillis} ago goes, without a history event
     * (its history has ended); one that runs again, or ended later, stays as it is.
     */
    static Transition expire(WorkflowInstance wf, WorkflowDef defOrNull, long retentionMillis, long now) {
        if (!wf.isTerminal() || now < wf.endTime + retentionMillis) {
            return new Transition(wf, List.of());
        }
        List<Effect> effects = new ArrayList<>();
        BusinessKeys.unbind(wf, defOrNull).ifPresent(effects::add);
        effects.add(new Effect.RemoveInstance());
        return new Transition(wf, effects);
    }
}

package dev.baton.engine;

import dev.baton.engine.effect.Effect;
import dev.baton.engine.model.WorkflowInstance;
import java.util.List;

/**
 * The outcome of one engine step: the instance as it now is, and the effects to carry out in order.
 * {@code changed} says whether the instance must be stored: true whenever there are effects, and also
 * for a step that changed the instance without any (a task's logs).
 */
public record Transition(WorkflowInstance instance, List<Effect> effects, boolean changed) {
    public Transition {
        effects = List.copyOf(effects);
        changed = changed || !effects.isEmpty();
    }

    /** A step whose effects say whether it changed anything. */
    public Transition(WorkflowInstance instance, List<Effect> effects) {
        this(instance, effects, false);
    }
}

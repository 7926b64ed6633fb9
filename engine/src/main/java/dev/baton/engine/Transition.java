package dev.baton.engine;

import dev.baton.engine.effect.Effect;
import dev.baton.engine.model.WorkflowInstance;
import java.util.List;

/** The outcome of one engine step: the instance as it now is, and the effects to carry out in order. */
public record Transition(WorkflowInstance instance, List<Effect> effects) {
    public Transition {
        effects = List.copyOf(effects);
    }
}

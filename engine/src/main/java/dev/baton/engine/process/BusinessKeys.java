package dev.baton.engine.process;

import dev.baton.dsl.WorkflowDef;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.model.WorkflowInstance;
import java.util.Optional;

/**
 * The bridge's correlation index: an instance with a business key (its correlation id) whose definition binds domain
 * events is bound to that key while it exists, so that the key's events go to it.
 */
final class BusinessKeys {
    private BusinessKeys() {}

    /** A new instance: bound, when it has a business key and its definition binds domain events. */
    static Optional<Effect> bind(WorkflowInstance wf, WorkflowDef def) {
        if (!keyed(wf) || !def.hasEventBindings()) {
            return Optional.empty();
        }
        return Optional.of(new Effect.BusinessKeyBinding(wf.workflowName, wf.correlationId, true));
    }

    /** An instance that goes: unbound, unless its definition is known to bind no events. */
    static Optional<Effect> unbind(WorkflowInstance wf, WorkflowDef defOrNull) {
        if (!keyed(wf) || (defOrNull != null && !defOrNull.hasEventBindings())) {
            return Optional.empty();
        }
        return Optional.of(new Effect.BusinessKeyBinding(wf.workflowName, wf.correlationId, false));
    }

    private static boolean keyed(WorkflowInstance wf) {
        return wf.correlationId != null && !wf.correlationId.isBlank() && wf.workflowName != null;
    }
}

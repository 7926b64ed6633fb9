package dev.baton.orchestrator.gateway;

import dev.baton.dsl.TaskDef;
import dev.baton.engine.Definitions;
import dev.baton.orchestrator.api.views.DefinitionLookup;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * Task definitions as the gateway needs them: a task type's command topic (the definition's
 * {@code commandTopic}, default {@code <type>.commands}) and response timeout. Read from the
 * runtime's definitions global store; without a runtime every type has the defaults.
 */
final class TaskDefinitions {
    private final Supplier<Definitions> store;
    private volatile Definitions view;

    /** @param store the definitions store, or null when this node runs no runtime; may throw while it is not ready */
    TaskDefinitions(Supplier<Definitions> store) {
        this.store = store;
    }

    /** The registered definitions for a view (task and workflow definitions); none without a runtime. */
    DefinitionLookup lookup() {
        if (store == null) {
            return DefinitionLookup.NONE;
        }
        return DefinitionLookup.of(
                name -> definitions().flatMap(d -> d.task(name)),
                (name, version) -> definitions().flatMap(d -> d.workflow(name, version)));
    }

    private Optional<Definitions> definitions() {
        try {
            Definitions v = view;
            if (v == null) {
                v = store.get();
                view = v;
            }
            return Optional.of(v);
        } catch (InvalidStateStoreException e) {
            view = null;
            return Optional.empty();
        }
    }

    /** The command topic of a task type; empty while the definitions cannot be read yet. */
    Optional<String> commandTopic(String taskType) {
        if (store == null) {
            return Optional.of(TaskDef.defaultsFor(taskType).commandTopicOrDefault());
        }
        return definition(taskType).map(TaskDef::commandTopicOrDefault);
    }

    /** The definition of a task type (Conductor's defaults when none is registered); empty while unreadable. */
    Optional<TaskDef> definition(String taskType) {
        if (store == null) {
            return Optional.of(TaskDef.defaultsFor(taskType));
        }
        return definitions().map(v -> v.task(taskType).orElseGet(() -> TaskDef.defaultsFor(taskType)));
    }
}

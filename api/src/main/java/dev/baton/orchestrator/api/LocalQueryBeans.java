package dev.baton.orchestrator.api;

import dev.baton.orchestrator.query.InstanceQueries;
import dev.baton.orchestrator.query.LocalInstanceQueries;
import dev.baton.orchestrator.runtime.StreamsRuntime;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;

/**
 * The fallback {@link InstanceQueries}: this node's own stores. Any other InstanceQueries bean
 * (the routing one that asks the owning node) takes precedence.
 */
@Factory
public class LocalQueryBeans {

    @Singleton
    @Secondary
    @Requires(property = "baton.runtime.enabled", notEquals = "false")
    InstanceQueries localInstanceQueries(StreamsRuntime runtime) {
        return new LocalInstanceQueries(runtime);
    }
}

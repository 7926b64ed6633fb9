package dev.baton.orchestrator.gateway;

import dev.baton.orchestrator.query.InstanceQueries;
import dev.baton.orchestrator.query.LocalInstanceQueries;
import dev.baton.orchestrator.runtime.StreamsRuntime;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** Until the application binds a routing {@link InstanceQueries}, tests answer from this node's stores. */
@Factory
public class LocalQueriesForTests {

    @Singleton
    @Requires(missingBeans = InstanceQueries.class)
    InstanceQueries localInstanceQueries(StreamsRuntime runtime) {
        return new LocalInstanceQueries(runtime);
    }
}

package dev.baton.orchestrator.events;

import dev.baton.orchestrator.client.WorkflowClient;
import dev.baton.orchestrator.config.BatonConfig;
import dev.baton.orchestrator.kafka.KafkaConnection;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Wires event handling: the handler store (created with the runner, or on the first API call) and
 * the runner, started with the application unless {@code baton.events.enabled=false} or
 * {@code baton.runtime.enabled=false} (tools and wiring tests).
 */
@Factory
public class EventBeans {

    @Singleton
    @Bean(preDestroy = "close")
    EventHandlerStore eventHandlerStore(KafkaConnection kafka, BatonConfig config, EventsConfig events) {
        return kafka.closeBeforeMe(
                new EventHandlerStore(kafka.clientProperties(), config, Duration.ofMillis(events.getWriteTimeoutMs())));
    }

    @Singleton
    EventMetrics eventMetrics() {
        return new EventMetrics();
    }

    /** Conditions checked when handlers are registered (the runner has its own evaluator). */
    @Singleton
    Conditions conditions() {
        return new Conditions();
    }

    @Context
    @Requires(property = "baton.events.enabled", notEquals = "false")
    @Requires(property = "baton.runtime.enabled", notEquals = "false")
    @Bean(preDestroy = "close")
    EventRunner eventRunner(
            KafkaConnection kafka,
            BatonConfig config,
            EventsConfig events,
            EventHandlerStore store,
            WorkflowClient client,
            EventMetrics metrics) {
        String group = events.getGroupId() == null || events.getGroupId().isBlank()
                ? config.getApplicationId() + "-event-handlers"
                : events.getGroupId();
        return kafka.closeBeforeMe(new EventRunner(kafka.clientProperties(), group, events, store, client, metrics));
    }
}

package dev.baton.orchestrator.bridge;

import dev.baton.dsl.EventSource;

/**
 * One event source bound to a workflow, as the ingest applies it.
 *
 * @param workflowName the workflow the events feed
 * @param source       the event source (from the latest definition of that workflow, or a stand-alone resource)
 * @param registeredAt when the definition or resource that declares it was written (record timestamp)
 */
public record Binding(String workflowName, EventSource source, long registeredAt) {

    public String topic() {
        return source.topic();
    }
}

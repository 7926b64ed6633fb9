/**
 * Conductor's task API ({@code /api/tasks}) as a gateway to Baton's Kafka command and reply
 * topics, so that HTTP workers (Conductor SDK workers) and Kafka workers can serve the same task
 * type. For each task type polled over HTTP, a {@link dev.baton.orchestrator.gateway.TaskQueue}
 * reads the type's command topic in the Kafka workers' consumer group and hands commands out as
 * Conductor tasks; updates become reply records, and a poll becomes a {@code POLLED} signal on the
 * reply topic (the engine marks the task IN_PROGRESS and starts its response timeout).
 */
package dev.baton.orchestrator.gateway;

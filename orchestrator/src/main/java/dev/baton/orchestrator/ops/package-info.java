/**
 * Operations: Prometheus metrics of the runtime (workflows, task latency, timers, DLQ, Kafka
 * Streams client metrics including consumer lag), health indicators for the Kafka Streams
 * runtime (readiness and liveness), the paths left open to probes and scrapers, and the
 * OpenAPI description of the HTTP API. The runtime reaches this package only through
 * {@link dev.baton.orchestrator.runtime.RuntimeMetrics.Listener} and the Streams runtime bean.
 */
package dev.baton.orchestrator.ops;

package dev.baton.orchestrator.ops;

import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;
import dev.baton.orchestrator.runtime.RuntimeMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Baton's own meters, fed by the runtime's observations. In Prometheus form:
 * <ul>
 *   <li>{@code baton_workflows_started_total{workflow}}, and {@code _completed_total},
 *       {@code _failed_total}, {@code _terminated_total}, {@code _timed_out_total}</li>
 *   <li>{@code baton_task_latency_seconds{task_type,outcome}}: a histogram (buckets, sum, count)
 *       of the time from a task's scheduling to its end; the outcome is its final status</li>
 *   <li>{@code baton_dlq_records_total{source,reason}}: records sent to baton.dlq, by source topic
 *       and reason kind ({@code poison}, {@code rejected}, {@code error})</li>
 *   <li>{@code baton_instances_expired_total}: finished instances removed after their retention</li>
 *   <li>{@code baton_sla_breaches_total{workflow,step}}: steps that outlived their expected duration
 *       (the bridge's SLA; the flow itself is not touched)</li>
 * </ul>
 * Tags hold names and types only (never ids), bounded by {@code baton.ops.max-tag-values}.
 */
@Singleton
public class BatonMeters implements RuntimeMetrics.Listener {
    static final String STARTED = "baton.workflows.started";
    static final String TASK_LATENCY = "baton.task.latency";
    static final String DLQ = "baton.dlq.records";
    static final String EXPIRED = "baton.instances.expired";
    static final String SLA_BREACHES = "baton.sla.breaches";
    static final String FAILED_INTERNAL = "baton.workflows.failed.internal";
    static final String STORE_BYTES = "baton.state.bytes.written";

    private final MeterRegistry registry;
    private final Duration[] buckets;
    private final TagValues workflows;
    private final TagValues taskTypes;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Counter expired;
    private final Counter failedInternal;
    private final Counter storeBytes;

    public BatonMeters(MeterRegistry registry, OpsConfig config) {
        this.registry = registry;
        this.buckets = config.getTaskLatencyBuckets().toArray(Duration[]::new);
        this.workflows = new TagValues(config.getMaxTagValues());
        this.taskTypes = new TagValues(config.getMaxTagValues());
        this.expired = Counter.builder(EXPIRED)
                .description("Finished instances removed after their retention")
                .register(registry);
        this.failedInternal = Counter.builder(FAILED_INTERNAL)
                .description("Workflows failed because one of their steps could not be carried out")
                .register(registry);
        this.storeBytes = Counter.builder(STORE_BYTES)
                .baseUnit("bytes")
                .description("Bytes the steps wrote to the state stores (and so to their changelogs)")
                .register(registry);
    }

    @Override
    public void internalFailure() {
        failedInternal.increment();
    }

    @Override
    public void stored(int entries, long bytes) {
        storeBytes.increment(bytes);
    }

    @Override
    public void workflowStarted(String workflowName) {
        workflowCounter(STARTED, "Workflow instances started", workflowName).increment();
    }

    @Override
    public void workflowFinished(String workflowName, WorkflowStatus status) {
        String name = switch (status) {
            case COMPLETED -> "baton.workflows.completed";
            case FAILED -> "baton.workflows.failed";
            case TERMINATED -> "baton.workflows.terminated";
            case TIMED_OUT -> "baton.workflows.timed.out";
            default -> null;
        };
        if (name != null) {
            workflowCounter(name, "Workflow instances that ended " + status, workflowName)
                    .increment();
        }
    }

    @Override
    public void taskFinished(String taskType, TaskStatus status, long latencyMillis) {
        String type = taskTypes.of(taskType);
        timers.computeIfAbsent(
                        type + '\u0000' + status,
                        k -> Timer.builder(TASK_LATENCY)
                                .description("Time from a task's scheduling to its end, by task type and final status")
                                .tag("task_type", type)
                                .tag("outcome", status.name())
                                .serviceLevelObjectives(buckets)
                                .register(registry))
                .record(latencyMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void deadLettered(String sourceTopic, String reasonKind) {
        counters.computeIfAbsent(
                        DLQ + '\u0000' + sourceTopic + '\u0000' + reasonKind,
                        k -> Counter.builder(DLQ)
                                .description("Records sent to baton.dlq, by source topic and reason kind")
                                .tag("source", sourceTopic)
                                .tag("reason", reasonKind)
                                .register(registry))
                .increment();
    }

    @Override
    public void expired() {
        expired.increment();
    }

    @Override
    public void slaBreached(String workflowName, String step) {
        String workflow = workflows.of(workflowName);
        String ref = taskTypes.of(step);
        counters.computeIfAbsent(
                        SLA_BREACHES + '\u0000' + workflow + '\u0000' + ref,
                        k -> Counter.builder(SLA_BREACHES)
                                .description("Steps that ran longer than their expected duration, by workflow and step")
                                .tag("workflow", workflow)
                                .tag("step", ref)
                                .register(registry))
                .increment();
    }

    private Counter workflowCounter(String name, String description, String workflowName) {
        String workflow = workflows.of(workflowName);
        return counters.computeIfAbsent(
                name + '\u0000' + workflow,
                k -> Counter.builder(name)
                        .description(description)
                        .tag("workflow", workflow)
                        .register(registry));
    }
}

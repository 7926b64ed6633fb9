package dev.baton.orchestrator.gateway;

import io.micronaut.context.annotation.ConfigurationProperties;

/** Settings of the task gateway (Conductor's task API for HTTP workers), under {@code baton.task-gateway.*}. */
@ConfigurationProperties("baton.task-gateway")
public class TaskGatewayConfig {
    /** Whether {@code /api/tasks} is served. */
    private boolean enabled = true;
    /** Commands read ahead per task type and not yet handed out (the rest wait in Kafka). */
    private int bufferSize = 32;
    /** A task type's consumer leaves the group after this long without a poll. */
    private long idleCloseMs = 30_000;
    /** Longest a batch poll waits for tasks, whatever its {@code timeout} asks. */
    private long maxPollTimeoutMs = 10_000;
    /** Most tasks one batch poll returns. */
    private int maxBatchSize = 100;
    /** Consumer group of a task type: this prefix + the type (the Kafka worker library's default). */
    private String groupPrefix = "baton-worker-";
    /** How many handed-out commands are remembered (for updates, task lookups and re-polls). */
    private long handedOutCacheSize = 100_000;
    /** How long a handed-out command is remembered. */
    private long handedOutTtlMs = 24L * 3600 * 1000;
    /** How long an update of a WAIT, HUMAN or other signalled task waits until the instance shows it. */
    private long signalWaitMs = 5_000;
    /**
     * How long a worker's final update (COMPLETED, FAILED...) waits until the workflow shows it, as
     * Conductor's does; 0 answers as soon as Kafka holds the update.
     */
    private long updateWaitMs = 2_000;

    public long getUpdateWaitMs() {
        return updateWaitMs;
    }

    public void setUpdateWaitMs(long updateWaitMs) {
        this.updateWaitMs = Math.max(0, updateWaitMs);
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getBufferSize() {
        return bufferSize;
    }

    public void setBufferSize(int bufferSize) {
        this.bufferSize = Math.max(1, bufferSize);
    }

    public long getIdleCloseMs() {
        return idleCloseMs;
    }

    public void setIdleCloseMs(long idleCloseMs) {
        this.idleCloseMs = idleCloseMs;
    }

    public long getMaxPollTimeoutMs() {
        return maxPollTimeoutMs;
    }

    public void setMaxPollTimeoutMs(long maxPollTimeoutMs) {
        this.maxPollTimeoutMs = maxPollTimeoutMs;
    }

    public int getMaxBatchSize() {
        return maxBatchSize;
    }

    public void setMaxBatchSize(int maxBatchSize) {
        this.maxBatchSize = Math.max(1, maxBatchSize);
    }

    public String getGroupPrefix() {
        return groupPrefix;
    }

    public void setGroupPrefix(String groupPrefix) {
        this.groupPrefix = groupPrefix;
    }

    public long getHandedOutCacheSize() {
        return handedOutCacheSize;
    }

    public void setHandedOutCacheSize(long size) {
        this.handedOutCacheSize = size;
    }

    public long getHandedOutTtlMs() {
        return handedOutTtlMs;
    }

    public void setHandedOutTtlMs(long ttl) {
        this.handedOutTtlMs = ttl;
    }

    public long getSignalWaitMs() {
        return signalWaitMs;
    }

    public void setSignalWaitMs(long signalWaitMs) {
        this.signalWaitMs = Math.max(0, signalWaitMs);
    }

    /** The consumer group shared with the Kafka workers of a task type. */
    public String groupFor(String taskType) {
        return groupPrefix + taskType;
    }
}

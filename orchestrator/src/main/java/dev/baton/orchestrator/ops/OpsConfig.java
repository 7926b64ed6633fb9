package dev.baton.orchestrator.ops;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.List;

/**
 * Settings of the operations layer ({@code baton.ops.*}): the task latency buckets, the cap on
 * distinct workflow names and task types used as metric tags, and the paths that stay open
 * without credentials (probes and the Prometheus scrape).
 */
@ConfigurationProperties("baton.ops")
public class OpsConfig {
    /** The default buckets of {@code baton_task_latency_seconds}: 5 ms to 1 h. */
    public static final List<Duration> DEFAULT_BUCKETS = List.of(
            Duration.ofMillis(5),
            Duration.ofMillis(10),
            Duration.ofMillis(25),
            Duration.ofMillis(50),
            Duration.ofMillis(100),
            Duration.ofMillis(250),
            Duration.ofMillis(500),
            Duration.ofSeconds(1),
            Duration.ofMillis(2500),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Duration.ofSeconds(30),
            Duration.ofMinutes(1),
            Duration.ofMinutes(5),
            Duration.ofMinutes(15),
            Duration.ofHours(1));

    private List<Duration> taskLatencyBuckets = DEFAULT_BUCKETS;
    private int maxTagValues = 500;

    public List<Duration> getTaskLatencyBuckets() {
        return taskLatencyBuckets;
    }

    /** @param taskLatencyBuckets the upper bounds of the task latency histogram's buckets */
    public void setTaskLatencyBuckets(List<Duration> taskLatencyBuckets) {
        this.taskLatencyBuckets = List.copyOf(taskLatencyBuckets);
    }

    public int getMaxTagValues() {
        return maxTagValues;
    }

    /** @param maxTagValues distinct workflow names (and task types) tagged; later ones count as {@code _other} */
    public void setMaxTagValues(int maxTagValues) {
        this.maxTagValues = maxTagValues;
    }
}

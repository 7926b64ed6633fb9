package dev.baton.orchestrator.http;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** Settings of the built-in HTTP task worker, under {@code baton.http-worker.*}. */
@ConfigurationProperties("baton.http-worker")
public class HttpWorkerConfig {
    /** Whether the orchestrator runs the built-in HTTP worker. */
    private boolean enabled = true;
    /** Worker threads: HTTP calls block, so this many run at once (bounded by the topic's partitions). */
    private int threads = HttpTaskWorker.DEFAULT_THREADS;
    /** Largest response body read; a larger one fails the task. */
    private int maxResponseBytes = HttpTaskLimits.DEFAULTS.maxResponseBytes();
    /** Connect timeout when a request names none. */
    private long connectTimeoutMs =
            HttpTaskLimits.DEFAULTS.defaultConnectTimeout().toMillis();
    /** Read timeout when a request names none. */
    private long readTimeoutMs = HttpTaskLimits.DEFAULTS.defaultReadTimeout().toMillis();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getThreads() {
        return threads;
    }

    public void setThreads(int threads) {
        this.threads = threads;
    }

    public int getMaxResponseBytes() {
        return maxResponseBytes;
    }

    public void setMaxResponseBytes(int maxResponseBytes) {
        this.maxResponseBytes = maxResponseBytes;
    }

    public long getConnectTimeoutMs() {
        return connectTimeoutMs;
    }

    public void setConnectTimeoutMs(long connectTimeoutMs) {
        this.connectTimeoutMs = connectTimeoutMs;
    }

    public long getReadTimeoutMs() {
        return readTimeoutMs;
    }

    public void setReadTimeoutMs(long readTimeoutMs) {
        this.readTimeoutMs = readTimeoutMs;
    }

    /** The limits these settings describe (maxima as in {@link HttpTaskLimits#DEFAULTS}). */
    public HttpTaskLimits limits() {
        HttpTaskLimits d = HttpTaskLimits.DEFAULTS;
        Duration connect = Duration.ofMillis(
                Math.min(connectTimeoutMs, d.maxConnectTimeout().toMillis()));
        Duration read =
                Duration.ofMillis(Math.min(readTimeoutMs, d.maxReadTimeout().toMillis()));
        return d.withDefaultTimeouts(connect, read).withMaxResponseBytes(maxResponseBytes);
    }
}

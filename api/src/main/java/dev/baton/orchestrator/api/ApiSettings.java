package dev.baton.orchestrator.api;

import dev.baton.orchestrator.error.ApiError;
import dev.baton.orchestrator.error.ApiException;
import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Settings of the Conductor-compatible REST API, under {@code baton.api.*}: how long a request
 * waits for its (asynchronous) change to become visible, and the limits of searches and
 * synchronous executions.
 */
@ConfigurationProperties("baton.api")
public class ApiSettings {
    /** How long a workflow command (start, pause, terminate...) waits until its effect is visible. */
    private long commandWaitMs = 5000;
    /** How long a definition change waits until the definitions store shows it. */
    private long definitionWaitMs = 10000;
    /** The largest page a search returns. */
    private int maxSearchSize = 1000;
    /** Searches sorted by anything but startTime sort at most this many hits in memory. */
    private int maxSortWindow = 10000;
    /** The longest {@code waitForSeconds} a synchronous execution accepts. */
    private int maxExecuteWaitSeconds = 300;
    /**
     * The largest workflow or task input (and output given by an operator) and the largest
     * definition, as JSON bytes: they travel in Kafka records, which the broker limits (1 MiB by default).
     */
    private int maxPayloadBytes = 512 * 1024;

    public long getCommandWaitMs() {
        return commandWaitMs;
    }

    public void setCommandWaitMs(long commandWaitMs) {
        this.commandWaitMs = commandWaitMs;
    }

    public long getDefinitionWaitMs() {
        return definitionWaitMs;
    }

    public void setDefinitionWaitMs(long definitionWaitMs) {
        this.definitionWaitMs = definitionWaitMs;
    }

    public int getMaxSearchSize() {
        return maxSearchSize;
    }

    public void setMaxSearchSize(int maxSearchSize) {
        this.maxSearchSize = maxSearchSize;
    }

    public int getMaxSortWindow() {
        return maxSortWindow;
    }

    public void setMaxSortWindow(int maxSortWindow) {
        this.maxSortWindow = maxSortWindow;
    }

    public int getMaxExecuteWaitSeconds() {
        return maxExecuteWaitSeconds;
    }

    public void setMaxExecuteWaitSeconds(int maxExecuteWaitSeconds) {
        this.maxExecuteWaitSeconds = maxExecuteWaitSeconds;
    }

    public int getMaxPayloadBytes() {
        return maxPayloadBytes;
    }

    public void setMaxPayloadBytes(int maxPayloadBytes) {
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** Refuses (413, naming the field) a JSON value larger than {@link #getMaxPayloadBytes()}. */
    void checkSize(Object json, String path) {
        if (json == null) {
            return;
        }
        int bytes = (json instanceof String text ? text : json.toString())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)
                .length;
        if (bytes > maxPayloadBytes) {
            throw new ApiException(
                    io.micronaut.http.HttpStatus.REQUEST_ENTITY_TOO_LARGE,
                    path + " is " + bytes + " bytes of JSON; at most " + maxPayloadBytes
                            + " are accepted (baton.api.max-payload-bytes)",
                    java.util.List.of(
                            new ApiError.FieldError(path, "larger than " + maxPayloadBytes + " bytes", null)));
        }
    }
}

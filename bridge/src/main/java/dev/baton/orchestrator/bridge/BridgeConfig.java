package dev.baton.orchestrator.bridge;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.Locale;

/** The bridge's settings, under {@code baton.bridge.*}. */
@ConfigurationProperties("baton.bridge")
public class BridgeConfig {
    /** Whether the ingest service runs (reads the bound topics); the topology part always runs. */
    private boolean enabled = true;
    /** How long an event for a business key with no instance waits for one before it is parked. */
    private long bufferTtlMs = 60_000;
    /** How often waiting events are checked for expiry. */
    private long expiryScanMs = 1_000;
    /** How often the ingest service re-reads the bindings (definitions and event-source resources). */
    private long refreshMs = 2_000;
    /**
     * Where the ingest starts reading a partition it has no committed offset for:
     * {@code registration} (default: the first event at or after the time its binding was registered,
     * so that neither old history is replayed nor events after the registration are missed),
     * {@code earliest} or {@code latest}.
     */
    private String startPosition = "registration";
    /** Wall-time limit of one condition evaluation. */
    private long conditionTimeoutMs = 100;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public long getBufferTtlMs() {
        return bufferTtlMs;
    }

    public void setBufferTtlMs(long bufferTtlMs) {
        this.bufferTtlMs = bufferTtlMs;
    }

    public long getExpiryScanMs() {
        return expiryScanMs;
    }

    public void setExpiryScanMs(long expiryScanMs) {
        this.expiryScanMs = expiryScanMs;
    }

    public long getRefreshMs() {
        return refreshMs;
    }

    public void setRefreshMs(long refreshMs) {
        this.refreshMs = refreshMs;
    }

    public String getStartPosition() {
        return startPosition;
    }

    public void setStartPosition(String startPosition) {
        this.startPosition = startPosition;
    }

    public long getConditionTimeoutMs() {
        return conditionTimeoutMs;
    }

    public void setConditionTimeoutMs(long conditionTimeoutMs) {
        this.conditionTimeoutMs = conditionTimeoutMs;
    }

    /** The start position as an enum; an unknown value is refused at start. */
    public StartPosition startPositionOrDefault() {
        try {
            return StartPosition.valueOf(startPosition.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "baton.bridge.start-position must be registration, earliest or latest, not '" + startPosition
                            + "'");
        }
    }

    /** See {@link #startPosition}. */
    public enum StartPosition {
        REGISTRATION,
        EARLIEST,
        LATEST
    }
}

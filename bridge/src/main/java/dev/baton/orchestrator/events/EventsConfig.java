package dev.baton.orchestrator.events;

import io.micronaut.context.annotation.ConfigurationProperties;

/** Settings of event handling, under {@code baton.events.*}. */
@ConfigurationProperties("baton.events")
public class EventsConfig {
    /** Whether this node runs the event runner (the API and the handler store are always there). */
    private boolean enabled = true;
    /** Consumer group of the runners; empty means {@code <baton.application-id>-event-handlers}. */
    private String groupId = "";
    /** How long a write through the API waits until this node sees it (read-your-writes). */
    private long writeTimeoutMs = 10_000;
    /** How often the runner looks for new topics matching its handlers (e.g. a new baton.event.conductor.* topic). */
    private long metadataMaxAgeMs = 5_000;
    /** Longest wait of one poll; bounds how fast the runner notices handler changes. */
    private long pollMs = 100;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getGroupId() {
        return groupId;
    }

    public void setGroupId(String groupId) {
        this.groupId = groupId;
    }

    public long getWriteTimeoutMs() {
        return writeTimeoutMs;
    }

    public void setWriteTimeoutMs(long writeTimeoutMs) {
        this.writeTimeoutMs = writeTimeoutMs;
    }

    public long getMetadataMaxAgeMs() {
        return metadataMaxAgeMs;
    }

    public void setMetadataMaxAgeMs(long metadataMaxAgeMs) {
        this.metadataMaxAgeMs = metadataMaxAgeMs;
    }

    public long getPollMs() {
        return pollMs;
    }

    public void setPollMs(long pollMs) {
        this.pollMs = pollMs;
    }
}

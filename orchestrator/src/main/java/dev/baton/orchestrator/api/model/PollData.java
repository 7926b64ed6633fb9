package dev.baton.orchestrator.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Conductor's {@code PollData}: who last polled a task type (in a domain), and when. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PollData(String queueName, String domain, String workerId, long lastPollTime) {
}

package dev.baton.orchestrator.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;

/** Conductor's {@code PollData}: who last polled a task type (in a domain), and when. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PollData(
        String queueName, @Nullable String domain, @Nullable String workerId, long lastPollTime) {}

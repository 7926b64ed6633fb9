package dev.baton.engine.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A domain event kept in its instance until the step it ends is scheduled (events can overtake each other). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PendingEvent(
        String eventId,
        String source,
        String taskRef,
        String status,
        ObjectNode payload,
        String reason,
        long receivedAt) {}

package dev.baton.dsl;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Baton bridge: a domain event on an existing topic that ends a step ({@code completeOn},
 * {@code failOn} of a task), and how it finds its instance.
 *
 * @param topic             the topic the event is on
 * @param format            {@code JSON} (default) or {@code AVRO} (Confluent wire format, decoded through the registry)
 * @param correlationKey    JSONPath into the payload giving the business key (e.g. {@code $.bookingId})
 * @param correlationHeader or: the record header holding the business key (the record key when both are absent)
 * @param condition         optional JavaScript condition over the payload ({@code $}), e.g. {@code $.type == 'SeatReserved'}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventMatch(
        String topic, String format, String correlationKey, String correlationHeader, String condition) {

    public String formatOrDefault() {
        return format == null || format.isBlank()
                ? PayloadFormat.JSON.name()
                : format.toUpperCase(java.util.Locale.ROOT);
    }
}

package dev.baton.orchestrator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;

/** Responses serialized by Baton's own Jackson mapper, so that the JSON is exactly Conductor's shape. */
final class JsonResponses {
    private JsonResponses() {}

    static HttpResponse<String> ok(Object value) {
        try {
            return HttpResponse.ok(JsonBodies.JSON.writeValueAsString(value))
                    .contentType(MediaType.APPLICATION_JSON_TYPE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the response as JSON", e);
        }
    }

    /** A plain-text body, as Conductor answers a start with the workflow id. */
    static HttpResponse<String> text(String value) {
        return HttpResponse.ok(value).contentType(MediaType.TEXT_PLAIN_TYPE);
    }
}

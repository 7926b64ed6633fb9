package dev.baton.orchestrator.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON reader of request bodies. A body is bounded by {@code micronaut.server.max-request-size}
 * (64 MB), so Jackson's own default limits (a string of at most 20 million characters) must not
 * refuse what the server accepted: a task output beyond the payload limit is answered as Conductor
 * answers it (the task fails with the size and the limit), not with a parse error.
 */
public final class RequestJson {
    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxStringLength(Integer.MAX_VALUE)
                            .build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private RequestJson() {}
}

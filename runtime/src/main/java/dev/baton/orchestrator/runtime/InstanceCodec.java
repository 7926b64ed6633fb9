package dev.baton.orchestrator.runtime;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.baton.engine.model.WorkflowInstance;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Encodes engine instances for the instance store (JSON; the store's changelog holds the same bytes). */
public final class InstanceCodec {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private InstanceCodec() {}

    public static byte[] encode(WorkflowInstance wf) {
        try {
            return MAPPER.writeValueAsBytes(wf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static WorkflowInstance decode(byte[] bytes) {
        try {
            return MAPPER.readValue(bytes, WorkflowInstance.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

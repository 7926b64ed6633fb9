package dev.baton.orchestrator.query;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** JSON of the internal query protocol between nodes: searches, partial answers and reads by key (instances as in the store). */
final class QueryJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private QueryJson() {}

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InstanceSearch readSearch(byte[] json) throws IOException {
        return MAPPER.readValue(json, InstanceSearch.class);
    }

    static PartialSearch readPartial(byte[] json) throws IOException {
        return MAPPER.readValue(json, PartialSearch.class);
    }

    static List<PartialSearch.Key> readKeys(byte[] json) throws IOException {
        return MAPPER.readValue(json, new TypeReference<List<PartialSearch.Key>>() {});
    }

    static InstanceReads readReads(byte[] json) throws IOException {
        return MAPPER.readValue(json, InstanceReads.class);
    }
}

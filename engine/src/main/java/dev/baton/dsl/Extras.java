package dev.baton.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of a definition that Baton does not read (Conductor's audit times, {@code workflowStatusListenerEnabled},
 * {@code rateLimitConfig}, schemas, a task's {@code metadata}, …): kept as written, so a definition reads back as it was
 * registered and runs unchanged on a server that does read them.
 */
public final class Extras {
    private Extras() {}

    /** An unmodifiable copy, in the document's order; empty for null. */
    public static Map<String, JsonNode> copy(Map<String, JsonNode> extra) {
        return extra == null || extra.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** A copy with {@code name} set to {@code value} (removed when the value is null). */
    public static Map<String, JsonNode> with(Map<String, JsonNode> extra, String name, JsonNode value) {
        Map<String, JsonNode> out = new LinkedHashMap<>(extra);
        if (value == null) {
            out.remove(name);
        } else {
            out.put(name, value);
        }
        return Collections.unmodifiableMap(out);
    }
}

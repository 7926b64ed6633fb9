package dev.baton.orchestrator.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Conductor's {@code expandInlineJSON}: text values that hold a JSON object or array (an event
 * that embeds a document as a string) become that document, at any depth of objects and arrays.
 * Text that only looks like JSON stays text. The input is not changed.
 */
final class InlineJson {
    private InlineJson() {}

    static JsonNode expand(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return parsed(node);
        }
        JsonNode copy = node.deepCopy();
        expandIn(copy);
        return copy;
    }

    private static void expandIn(JsonNode node) {
        if (node instanceof ObjectNode o) {
            for (String key : fieldNames(o)) {
                JsonNode v = o.get(key);
                if (v.isTextual()) {
                    o.set(key, parsed(v));
                } else {
                    expandIn(v);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isTextual()) {
                    a.set(i, parsed(a.get(i)));
                } else {
                    expandIn(a.get(i));
                }
            }
        }
    }

    private static java.util.List<String> fieldNames(ObjectNode o) {
        java.util.List<String> names = new java.util.ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode parsed(JsonNode text) {
        String s = text.asText().strip();
        if (!s.startsWith("{") && !s.startsWith("[")) {
            return text;
        }
        try {
            JsonNode n = EventHandlerJson.MAPPER.readTree(s);
            return n == null ? text : n;
        } catch (IOException e) {
            return text;
        }
    }
}

package dev.baton.engine.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of RFC 6902 JSON Patch the corpus uses: {@code add}, {@code replace} and
 * {@code remove} with RFC 6901 pointers (including {@code -} for appending to an array).
 * Other operations are refused with an exception naming them.
 */
final class JsonPatch {
    private JsonPatch() {}

    /** Applies the operations in order to a copy of {@code doc} and returns the copy. */
    static JsonNode apply(JsonNode doc, JsonNode operations) {
        JsonNode result = doc.deepCopy();
        for (JsonNode op : operations) {
            String kind = op.path("op").asText();
            List<String> path = pointer(op.path("path").asText());
            if (path.isEmpty()) {
                if (kind.equals("add") || kind.equals("replace")) {
                    result = op.get("value").deepCopy();
                    continue;
                }
                throw new IllegalArgumentException("cannot " + kind + " the whole document");
            }
            JsonNode parent = navigate(result, path.subList(0, path.size() - 1));
            String last = path.get(path.size() - 1);
            switch (kind) {
                case "add" -> add(parent, last, op.get("value").deepCopy());
                case "replace" -> {
                    remove(parent, last);
                    add(parent, last, op.get("value").deepCopy());
                }
                case "remove" -> remove(parent, last);
                default -> throw new IllegalArgumentException("unsupported JSON Patch op: " + kind);
            }
        }
        return result;
    }

    private static void add(JsonNode parent, String key, JsonNode value) {
        if (parent instanceof ObjectNode o) {
            o.set(key, value);
        } else if (parent instanceof ArrayNode a) {
            if (key.equals("-")) {
                a.add(value);
            } else {
                int i = index(key, a.size() + 1);
                a.insert(i, value);
            }
        } else {
            throw new IllegalArgumentException("cannot add '" + key + "' to a " + parent.getNodeType());
        }
    }

    private static void remove(JsonNode parent, String key) {
        if (parent instanceof ObjectNode o) {
            if (!o.has(key)) {
                throw new IllegalArgumentException("no member '" + key + "'");
            }
            o.remove(key);
        } else if (parent instanceof ArrayNode a) {
            a.remove(index(key, a.size()));
        } else {
            throw new IllegalArgumentException("cannot remove '" + key + "' from a " + parent.getNodeType());
        }
    }

    private static JsonNode navigate(JsonNode doc, List<String> path) {
        JsonNode n = doc;
        for (String key : path) {
            JsonNode next = n.isArray() ? n.get(index(key, n.size())) : n.get(key);
            if (next == null) {
                throw new IllegalArgumentException("path element '" + key + "' does not exist");
            }
            n = next;
        }
        return n;
    }

    private static int index(String key, int limit) {
        int i;
        try {
            i = Integer.parseInt(key);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an array index: " + key);
        }
        if (i < 0 || i >= limit) {
            throw new IllegalArgumentException("array index out of range: " + key);
        }
        return i;
    }

    private static List<String> pointer(String p) {
        List<String> parts = new ArrayList<>();
        if (p.isEmpty()) {
            return parts;
        }
        if (!p.startsWith("/")) {
            throw new IllegalArgumentException("not a JSON pointer: " + p);
        }
        for (String s : p.substring(1).split("/", -1)) {
            parts.add(s.replace("~1", "/").replace("~0", "~"));
        }
        return parts;
    }
}

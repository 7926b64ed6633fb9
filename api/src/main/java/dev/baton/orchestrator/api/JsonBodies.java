package dev.baton.orchestrator.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.orchestrator.error.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads request bodies strictly: JSON only (no trailing garbage), and typed field reads that
 * answer a wrong type with a 400 naming the field's JSON path ({@code $.input}).
 */
final class JsonBodies {
    static final ObjectMapper JSON = RequestJson.MAPPER;

    private JsonBodies() {}

    /** The body as JSON; a missing or blank body is refused. */
    static JsonNode required(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badField("$", "a JSON request body is required", null);
        }
        return parse(body);
    }

    /** The body as JSON, or null when there is none. */
    static JsonNode optional(String body) {
        return body == null || body.isBlank() ? null : parse(body);
    }

    /** The body, which must be a JSON object. */
    static ObjectNode requiredObject(String body) {
        return object(required(body), "$");
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw ApiException.badField("$", "not valid JSON: " + e.getOriginalMessage() + where, null);
        }
    }

    /** The node as an object, or a 400 saying what it is instead. */
    static ObjectNode object(JsonNode node, String path) {
        if (node instanceof ObjectNode o) {
            return o;
        }
        throw ApiException.badField(path, "expected a JSON object but got " + kind(node), abbreviate(node));
    }

    /** An optional string field (null when absent or null). */
    static String text(ObjectNode o, String field, String path) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.badField(path + "." + field, "expected a string but got " + kind(v), abbreviate(v));
        }
        return v.textValue();
    }

    /** An optional integer field within bounds (null when absent or null). */
    static Integer integer(ObjectNode o, String field, String path, int min, int max) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        String at = path + "." + field;
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw ApiException.badField(
                    at,
                    "expected a whole number between " + min + " and " + max + " but got " + kind(v),
                    abbreviate(v));
        }
        int n = v.intValue();
        if (n < min || n > max) {
            throw ApiException.badField(at, "must be between " + min + " and " + max, n);
        }
        return n;
    }

    /** An optional object field (null when absent or null). */
    static ObjectNode optionalObject(ObjectNode o, String field, String path) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return object(v, path + "." + field);
    }

    /** An optional map of strings to strings (Conductor's taskToDomain). */
    static Map<String, String> stringMap(ObjectNode o, String field, String path) {
        ObjectNode m = optionalObject(o, field, path);
        if (m == null) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : m.properties()) {
            if (!e.getValue().isTextual()) {
                throw ApiException.badField(
                        path + "." + field + "." + e.getKey(),
                        "expected a string but got " + kind(e.getValue()),
                        abbreviate(e.getValue()));
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    /** What a JSON value is, in words ("a string", "an array"...). */
    static String kind(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        return switch (v.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> v.isIntegralNumber() ? "a whole number" : "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "a " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** A value short enough for an error body. */
    static String abbreviate(JsonNode v) {
        if (v == null) {
            return null;
        }
        String s = v.isTextual() ? v.textValue() : v.toString();
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}

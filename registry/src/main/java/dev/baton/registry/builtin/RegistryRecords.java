package dev.baton.registry.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.registry.client.CompatibilityLevel;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON encoding of the log records. Keys are deterministic so that compaction keeps the last
 * record per entity:
 * <ul>
 *   <li>{@code {"keytype":"SCHEMA","magic":1,"id":7}} → {@code {"id":7,"schemaType":"AVRO","schema":"..."}}
 *       (never deleted, so ids stay resolvable and are never reused)</li>
 *   <li>{@code {"keytype":"SUBJECT_VERSION","magic":1,"subject":"s","version":3}} →
 *       {@code {"subject":"s","version":3,"id":7,"deleted":false}}; tombstone = permanently deleted</li>
 *   <li>{@code {"keytype":"CONFIG","magic":1[,"subject":"s"]}} → {@code {"compatibilityLevel":"FULL"}};
 *       tombstone = subject level removed</li>
 * </ul>
 */
final class RegistryRecords {

    static final String SCHEMA = "SCHEMA";
    static final String SUBJECT_VERSION = "SUBJECT_VERSION";
    static final String CONFIG = "CONFIG";

    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryRecords() {}

    static LogRecord schema(int id, String schema) {
        ObjectNode key = key(SCHEMA).put("id", id);
        ObjectNode value =
                JSON.createObjectNode().put("id", id).put("schemaType", "AVRO").put("schema", schema);
        return new LogRecord(key.toString(), value.toString());
    }

    static LogRecord version(String subject, int version, int id, boolean deleted) {
        ObjectNode value = JSON.createObjectNode()
                .put("subject", subject)
                .put("version", version)
                .put("id", id)
                .put("deleted", deleted);
        return new LogRecord(versionKey(subject, version), value.toString());
    }

    static LogRecord versionTombstone(String subject, int version) {
        return new LogRecord(versionKey(subject, version), null);
    }

    static LogRecord config(String subject, CompatibilityLevel level) {
        ObjectNode key = key(CONFIG);
        if (subject != null) {
            key.put("subject", subject);
        }
        String value = level == null
                ? null
                : JSON.createObjectNode()
                        .put("compatibilityLevel", level.name())
                        .toString();
        return new LogRecord(key.toString(), value);
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String versionKey(String subject, int version) {
        return key(SUBJECT_VERSION)
                .put("subject", subject)
                .put("version", version)
                .toString();
    }

    private static ObjectNode key(String type) {
        return JSON.createObjectNode().put("keytype", type).put("magic", 1);
    }
}

package dev.baton.registry.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.registry.client.CompatibilityLevel;
import dev.baton.registry.client.RegisteredSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The registry's in-memory state, rebuilt from the log by {@link #apply(LogRecord)}. Thread-safe. */
final class RegistryState {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryState.class);

    record StoredSchema(int id, Schema schema, String canonical) {}

    record VersionEntry(int version, int id, boolean deleted) {}

    private final Map<Integer, StoredSchema> byId = new HashMap<>();
    private final Map<String, Integer> idByCanonical = new HashMap<>();
    private final Map<String, TreeMap<Integer, VersionEntry>> subjects = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private final CompatibilityLevel defaultLevel;
    private CompatibilityLevel globalLevel;
    private int maxId;

    RegistryState(CompatibilityLevel defaultLevel) {
        this.defaultLevel = defaultLevel;
    }

    /** Applies one log record; malformed or unknown records are skipped with a warning. */
    synchronized void apply(LogRecord record) {
        try {
            JsonNode key = RegistryRecords.parse(record.key());
            JsonNode value = record.value() == null ? null : RegistryRecords.parse(record.value());
            switch (key.path("keytype").asText()) {
                case RegistryRecords.SCHEMA -> applySchema(key, value);
                case RegistryRecords.SUBJECT_VERSION -> applyVersion(key, value);
                case RegistryRecords.CONFIG -> applyConfig(key, value);
                default -> LOG.warn("Skipping registry record of unknown type: {}", record.key());
            }
        } catch (RuntimeException e) {
            LOG.warn("Skipping malformed registry record {}: {}", record.key(), e.toString());
        }
    }

    private void applySchema(JsonNode key, JsonNode value) {
        if (value == null) {
            return; // schema records are never deleted
        }
        int id = key.path("id").asInt();
        Schema schema = new Schema.Parser().parse(value.path("schema").asText());
        String canonical = schema.toString();
        byId.put(id, new StoredSchema(id, schema, canonical));
        idByCanonical.putIfAbsent(canonical, id);
        maxId = Math.max(maxId, id);
    }

    private void applyVersion(JsonNode key, JsonNode value) {
        String subject = key.path("subject").asText();
        int version = key.path("version").asInt();
        if (value == null) {
            TreeMap<Integer, VersionEntry> versions = subjects.get(subject);
            if (versions != null) {
                versions.remove(version);
                if (versions.isEmpty()) {
                    subjects.remove(subject);
                }
            }
            return;
        }
        subjects.computeIfAbsent(subject, s -> new TreeMap<>())
                .put(
                        version,
                        new VersionEntry(
                                version,
                                value.path("id").asInt(),
                                value.path("deleted").asBoolean(false)));
    }

    private void applyConfig(JsonNode key, JsonNode value) {
        CompatibilityLevel level = value == null
                ? null
                : CompatibilityLevel.parse(value.path("compatibilityLevel").asText());
        if (!key.hasNonNull("subject")) {
            globalLevel = level;
        } else if (level == null) {
            subjectLevels.remove(key.get("subject").asText());
        } else {
            subjectLevels.put(key.get("subject").asText(), level);
        }
    }

    synchronized StoredSchema schema(int id) {
        return byId.get(id);
    }

    synchronized Integer idOf(String canonical) {
        return idByCanonical.get(canonical);
    }

    synchronized int maxId() {
        return maxId;
    }

    /** @return highest version number the subject ever had (soft-deleted included), 0 if none */
    synchronized int maxVersion(String subject) {
        TreeMap<Integer, VersionEntry> versions = subjects.get(subject);
        return versions == null || versions.isEmpty() ? 0 : versions.lastKey();
    }

    /** @return all version entries of the subject (soft-deleted included), ascending; empty if unknown */
    synchronized List<VersionEntry> entries(String subject) {
        TreeMap<Integer, VersionEntry> versions = subjects.get(subject);
        return versions == null ? List.of() : List.copyOf(versions.values());
    }

    /** @return the subject's versions as schemas, ascending */
    synchronized List<RegisteredSchema> versions(String subject, boolean includeDeleted) {
        List<RegisteredSchema> out = new ArrayList<>();
        for (VersionEntry e : entries(subject)) {
            if (includeDeleted || !e.deleted()) {
                RegisteredSchema r = resolve(subject, e);
                if (r != null) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    /** @return the highest version of the subject holding this schema, or null */
    synchronized RegisteredSchema find(String subject, String canonical, boolean includeDeleted) {
        Integer id = idByCanonical.get(canonical);
        if (id == null) {
            return null;
        }
        RegisteredSchema found = null;
        for (VersionEntry e : entries(subject)) {
            if (e.id() == id && (includeDeleted || !e.deleted())) {
                found = resolve(subject, e);
            }
        }
        return found;
    }

    synchronized List<String> subjects(boolean includeDeleted) {
        List<String> out = new ArrayList<>();
        subjects.forEach((subject, versions) -> {
            if (includeDeleted || versions.values().stream().anyMatch(v -> !v.deleted())) {
                out.add(subject);
            }
        });
        return out;
    }

    synchronized CompatibilityLevel globalLevel() {
        return globalLevel != null ? globalLevel : defaultLevel;
    }

    synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    synchronized CompatibilityLevel effectiveLevel(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel());
    }

    private RegisteredSchema resolve(String subject, VersionEntry e) {
        StoredSchema s = byId.get(e.id());
        if (s == null) {
            LOG.warn("Subject {} version {} refers to unknown schema id {}", subject, e.version(), e.id());
            return null;
        }
        return new RegisteredSchema(subject, e.id(), e.version(), s.schema());
    }
}

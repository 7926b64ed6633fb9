package dev.baton.registry.builtin;

import dev.baton.registry.client.AvroSchemas;
import dev.baton.registry.client.CompatibilityLevel;
import dev.baton.registry.client.RegisteredSchema;
import dev.baton.registry.client.SchemaRegistryClient;
import dev.baton.registry.client.SchemaRegistryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.avro.Schema;

/**
 * Baton's built-in schema registry (Avro only), with the semantics of the Confluent Schema
 * Registry: global schema ids (the same schema under another subject reuses its id), versions
 * per subject, compatibility levels (global default BACKWARD, settable globally or per subject),
 * soft and permanent deletes. Its state lives in a compacted Kafka topic ({@code baton.schemas})
 * shared by every orchestrator instance: a write on one instance is visible to the others as
 * soon as their reader thread applies it, and every write returns only once applied locally.
 * Also usable in process as a {@link SchemaRegistryClient}. Thread-safe.
 *
 * <pre>{@code
 * try (BuiltInSchemaRegistry registry = BuiltInSchemaRegistry.start(
 *         BuiltInRegistryConfig.builder("127.0.0.1:9092").build())) {
 *     int id = registry.register("orders-value", schemaJson);
 * }
 * }</pre>
 */
public final class BuiltInSchemaRegistry implements SchemaRegistryClient {

    private final RegistryLog log;
    private final RegistryState state;
    private volatile boolean started;

    /**
     * A registry over the given log; call {@link #start()} before use.
     *
     * @param log the log holding the state
     * @param defaultCompatibility level used while no global level is set
     */
    public BuiltInSchemaRegistry(RegistryLog log, CompatibilityLevel defaultCompatibility) {
        this.log = Objects.requireNonNull(log);
        this.state = new RegistryState(Objects.requireNonNull(defaultCompatibility));
    }

    /**
     * Starts a registry on Kafka: creates the topic if missing (compacted, one partition), reads
     * it to the end, and keeps following it.
     *
     * @param config Kafka settings
     * @return the started registry
     */
    public static BuiltInSchemaRegistry start(BuiltInRegistryConfig config) {
        BuiltInSchemaRegistry registry =
                new BuiltInSchemaRegistry(new KafkaRegistryLog(config), config.defaultCompatibility());
        try {
            registry.start();
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    /** @return a started registry held in memory only (tests, tools) */
    public static BuiltInSchemaRegistry inMemory() {
        BuiltInSchemaRegistry registry =
                new BuiltInSchemaRegistry(new InMemoryRegistryLog(), CompatibilityLevel.BACKWARD);
        registry.start();
        return registry;
    }

    /** Replays the log and begins following it; returns once caught up. */
    public void start() {
        log.start(state::apply);
        started = true;
    }

    /** @return true once {@link #start()} has completed */
    public boolean isStarted() {
        return started;
    }

    // ---------------------------------------------------------------- registration

    @Override
    public int register(String subject, String schema) {
        return registerAndGet(subject, schema).id();
    }

    /**
     * Registers a schema under a subject (or finds it there) after checking compatibility.
     *
     * @param subject subject
     * @param schemaText Avro schema JSON
     * @return the subject version holding the schema
     * @throws SchemaRegistryException 42201 invalid schema, 409 incompatible
     */
    public RegisteredSchema registerAndGet(String subject, String schemaText) {
        checkSubject(subject);
        Schema schema = AvroSchemas.parse(schemaText);
        String canonical = schema.toString();
        RegisteredSchema existing = state.find(subject, canonical, false);
        if (existing != null) {
            return existing;
        }
        AtomicReference<RegisteredSchema> result = new AtomicReference<>();
        log.appendExclusive(() -> {
            RegisteredSchema again = state.find(subject, canonical, false);
            if (again != null) {
                result.set(again);
                return List.of();
            }
            CompatibilityResult check =
                    CompatibilityChecker.check(state.effectiveLevel(subject), schema, state.versions(subject, false));
            if (!check.compatible()) {
                throw SchemaRegistryException.incompatible(String.join("; ", check.messages()));
            }
            List<LogRecord> records = new ArrayList<>();
            Integer id = state.idOf(canonical);
            if (id == null) {
                id = state.maxId() + 1;
                records.add(RegistryRecords.schema(id, canonical));
            }
            int version = state.maxVersion(subject) + 1;
            records.add(RegistryRecords.version(subject, version, id, false));
            result.set(new RegisteredSchema(subject, id, version, schema));
            return records;
        });
        return result.get();
    }

    // ---------------------------------------------------------------- reads

    @Override
    public Schema getById(int id) {
        RegistryState.StoredSchema s = afterCatchUpIfNull(() -> state.schema(id));
        if (s == null) {
            throw SchemaRegistryException.schemaIdNotFound(id);
        }
        return s.schema();
    }

    /**
     * @param id schema id
     * @return the subjects with a live version holding this schema id, sorted
     */
    public List<String> subjectsOf(int id) {
        getById(id);
        List<String> out = new ArrayList<>();
        for (String subject : state.subjects(false)) {
            if (state.versions(subject, false).stream().anyMatch(v -> v.id() == id)) {
                out.add(subject);
            }
        }
        return out;
    }

    @Override
    public RegisteredSchema getLatest(String subject) {
        List<RegisteredSchema> versions = liveVersions(subject);
        return versions.get(versions.size() - 1);
    }

    @Override
    public RegisteredSchema getVersion(String subject, int version) {
        return getVersion(subject, version, false);
    }

    /**
     * @param subject subject
     * @param version version, or -1 for the latest
     * @param includeDeleted also find soft-deleted versions
     * @return that version (40401 / 40402 if missing)
     */
    public RegisteredSchema getVersion(String subject, int version, boolean includeDeleted) {
        if (version == -1) {
            return getLatest(subject);
        }
        if (version <= 0) {
            throw SchemaRegistryException.invalidVersion(Integer.toString(version));
        }
        List<RegisteredSchema> versions = afterCatchUpIfNull(() -> {
            List<RegisteredSchema> v = state.versions(subject, includeDeleted);
            return v.stream().anyMatch(r -> r.version() == version) ? v : null;
        });
        if (versions == null) {
            if (state.versions(subject, includeDeleted).isEmpty()) {
                throw SchemaRegistryException.subjectNotFound(subject);
            }
            throw SchemaRegistryException.versionNotFound(subject, version);
        }
        return versions.stream().filter(r -> r.version() == version).findFirst().orElseThrow();
    }

    @Override
    public RegisteredSchema lookup(String subject, String schema) {
        return lookup(subject, schema, false);
    }

    /**
     * @param subject subject
     * @param schema Avro schema JSON
     * @param includeDeleted also match soft-deleted versions
     * @return the version holding the schema (40401 subject unknown, 40403 not under the subject)
     */
    public RegisteredSchema lookup(String subject, String schema, boolean includeDeleted) {
        String canonical = AvroSchemas.normalize(schema);
        RegisteredSchema found = afterCatchUpIfNull(() -> state.find(subject, canonical, includeDeleted));
        if (found != null) {
            return found;
        }
        if (state.versions(subject, includeDeleted).isEmpty()) {
            throw SchemaRegistryException.subjectNotFound(subject);
        }
        throw SchemaRegistryException.schemaNotFoundInSubject(subject);
    }

    @Override
    public List<String> getSubjects() {
        return getSubjects(false);
    }

    /** @param includeDeleted also list subjects whose versions are all soft deleted @return subjects, sorted */
    public List<String> getSubjects(boolean includeDeleted) {
        return state.subjects(includeDeleted);
    }

    @Override
    public List<Integer> getVersions(String subject) {
        return getVersions(subject, false);
    }

    /**
     * @param subject subject
     * @param includeDeleted include soft-deleted versions
     * @return version numbers ascending (40401 if none)
     */
    public List<Integer> getVersions(String subject, boolean includeDeleted) {
        List<RegisteredSchema> versions = afterCatchUpIfNull(() -> {
            List<RegisteredSchema> v = state.versions(subject, includeDeleted);
            return v.isEmpty() ? null : v;
        });
        if (versions == null) {
            throw SchemaRegistryException.subjectNotFound(subject);
        }
        return versions.stream().map(RegisteredSchema::version).toList();
    }

    // ---------------------------------------------------------------- compatibility

    @Override
    public boolean testCompatibility(String subject, String schema) {
        return checkCompatibility(subject, schema, null).compatible();
    }

    /**
     * Checks a schema without registering it.
     *
     * @param subject subject
     * @param schema Avro schema JSON
     * @param version null to check as a registration would (the latest version, or all of them
     *                for transitive levels); -1 for the latest version only; or a version number.
     *                The direction is the subject's level. A subject without live versions accepts
     *                anything unless a version number is given (40401 / 40402).
     * @return the result with the incompatibilities found
     */
    public CompatibilityResult checkCompatibility(String subject, String schema, Integer version) {
        Schema candidate = AvroSchemas.parse(schema);
        CompatibilityLevel level = state.effectiveLevel(subject);
        List<RegisteredSchema> live = state.versions(subject, false);
        if (version == null) {
            return CompatibilityChecker.check(level, candidate, live);
        }
        if (version == -1) {
            return CompatibilityChecker.check(
                    level, candidate, live.isEmpty() ? live : List.of(live.get(live.size() - 1)));
        }
        return CompatibilityChecker.check(level, candidate, List.of(getVersion(subject, version)));
    }

    @Override
    public CompatibilityLevel getCompatibility(String subject) {
        return subject == null ? state.globalLevel() : state.effectiveLevel(subject);
    }

    /**
     * @param subject subject
     * @return the level configured for this subject itself, if any
     */
    public Optional<CompatibilityLevel> getSubjectCompatibility(String subject) {
        return state.subjectLevel(subject);
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        Objects.requireNonNull(level, "level");
        if (subject != null) {
            checkSubject(subject);
        }
        log.appendExclusive(() -> List.of(RegistryRecords.config(subject, level)));
    }

    /**
     * Removes a subject's own level, so the global one applies again.
     *
     * @param subject subject
     * @return the level it had (40408 if it had none)
     */
    public CompatibilityLevel deleteSubjectCompatibility(String subject) {
        AtomicReference<CompatibilityLevel> previous = new AtomicReference<>();
        log.appendExclusive(() -> {
            CompatibilityLevel level = state.subjectLevel(subject)
                    .orElseThrow(() -> new SchemaRegistryException(
                            404,
                            SchemaRegistryException.SUBJECT_COMPATIBILITY_NOT_CONFIGURED,
                            "Subject '" + subject + "' does not have subject-level compatibility configured"));
            previous.set(level);
            return List.of(RegistryRecords.config(subject, null));
        });
        return previous.get();
    }

    // ---------------------------------------------------------------- deletes

    @Override
    public List<Integer> deleteSubject(String subject, boolean permanent) {
        List<Integer> deleted = new ArrayList<>();
        log.appendExclusive(() -> {
            deleted.clear();
            List<RegistryState.VersionEntry> entries = state.entries(subject);
            if (entries.isEmpty()) {
                throw SchemaRegistryException.subjectNotFound(subject);
            }
            List<LogRecord> records = new ArrayList<>();
            boolean anyLive = entries.stream().anyMatch(e -> !e.deleted());
            if (!permanent) {
                if (!anyLive) {
                    throw new SchemaRegistryException(
                            404,
                            SchemaRegistryException.SUBJECT_SOFT_DELETED,
                            "Subject '" + subject + "' was soft deleted. Set permanent=true to delete permanently");
                }
                for (RegistryState.VersionEntry e : entries) {
                    if (!e.deleted()) {
                        deleted.add(e.version());
                        records.add(RegistryRecords.version(subject, e.version(), e.id(), true));
                    }
                }
                return records;
            }
            if (anyLive) {
                throw new SchemaRegistryException(
                        404,
                        SchemaRegistryException.SUBJECT_NOT_SOFT_DELETED,
                        "Subject '" + subject + "' was not deleted first before being permanently deleted");
            }
            for (RegistryState.VersionEntry e : entries) {
                deleted.add(e.version());
                records.add(RegistryRecords.versionTombstone(subject, e.version()));
            }
            if (state.subjectLevel(subject).isPresent()) {
                records.add(RegistryRecords.config(subject, null));
            }
            return records;
        });
        return List.copyOf(deleted);
    }

    /**
     * Deletes one version: soft, or permanently after a soft delete.
     *
     * @param subject subject
     * @param version version, or -1 for the latest live one
     * @param permanent false for a soft delete
     * @return the deleted version number
     */
    public int deleteVersion(String subject, int version, boolean permanent) {
        AtomicReference<Integer> deleted = new AtomicReference<>();
        log.appendExclusive(() -> {
            List<RegistryState.VersionEntry> entries = state.entries(subject);
            if (entries.isEmpty()) {
                throw SchemaRegistryException.subjectNotFound(subject);
            }
            RegistryState.VersionEntry entry = version == -1
                    ? entries.stream()
                            .filter(e -> !e.deleted())
                            .reduce((a, b) -> b)
                            .orElse(null)
                    : entries.stream()
                            .filter(e -> e.version() == version)
                            .findFirst()
                            .orElse(null);
            if (entry == null || (!permanent && entry.deleted())) {
                throw SchemaRegistryException.versionNotFound(subject, version);
            }
            deleted.set(entry.version());
            if (!permanent) {
                return List.of(RegistryRecords.version(subject, entry.version(), entry.id(), true));
            }
            if (!entry.deleted()) {
                throw new SchemaRegistryException(
                        404,
                        SchemaRegistryException.VERSION_NOT_SOFT_DELETED,
                        "Subject '" + subject + "' Version " + entry.version()
                                + " was not deleted first before being permanently deleted");
            }
            return List.of(RegistryRecords.versionTombstone(subject, entry.version()));
        });
        return deleted.get();
    }

    @Override
    public void close() {
        started = false;
        log.close();
    }

    @Override
    public String toString() {
        return "BuiltInSchemaRegistry[" + log.getClass().getSimpleName() + "]";
    }

    // ---------------------------------------------------------------- helpers

    private List<RegisteredSchema> liveVersions(String subject) {
        List<RegisteredSchema> versions = afterCatchUpIfNull(() -> {
            List<RegisteredSchema> v = state.versions(subject, false);
            return v.isEmpty() ? null : v;
        });
        if (versions == null) {
            throw SchemaRegistryException.subjectNotFound(subject);
        }
        return versions;
    }

    /** A miss may be a write of another instance not yet applied here: catch up once and retry. */
    private <T> T afterCatchUpIfNull(Supplier<T> read) {
        T value = read.get();
        if (value == null && started) {
            log.catchUp();
            value = read.get();
        }
        return value;
    }

    private static void checkSubject(String subject) {
        if (subject == null || subject.isBlank() || subject.chars().anyMatch(Character::isISOControl)) {
            throw new SchemaRegistryException(
                    422, SchemaRegistryException.UNPROCESSABLE_ENTITY, "Invalid subject '" + subject + "'");
        }
    }
}

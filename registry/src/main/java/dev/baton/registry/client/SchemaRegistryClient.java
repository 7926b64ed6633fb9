package dev.baton.registry.client;

import java.util.List;
import org.apache.avro.Schema;

/**
 * A client of a schema registry speaking the Confluent Schema Registry model: subjects with
 * numbered versions, globally unique schema ids. Implementations: {@link HttpSchemaRegistryClient}
 * (Confluent, Apicurio ccompat, Karapace, Redpanda, Baton's built-in registry over HTTP) and
 * {@code dev.baton.registry.builtin.BuiltInSchemaRegistry} (in process).
 * Every method throws {@link SchemaRegistryException} on failure.
 */
public interface SchemaRegistryClient extends AutoCloseable {

    /**
     * Registers a schema under a subject, or returns the id if the subject already has it.
     *
     * @param subject subject, e.g. {@code orders-value}
     * @param schema Avro schema JSON
     * @return the global schema id
     */
    int register(String subject, String schema);

    /**
     * @param subject subject
     * @param schema Avro schema
     * @return the global schema id
     * @see #register(String, String)
     */
    default int register(String subject, Schema schema) {
        return register(subject, schema.toString());
    }

    /**
     * @param id global schema id
     * @return the schema with that id (40403 if unknown)
     */
    Schema getById(int id);

    /**
     * @param subject subject
     * @return the latest version of the subject (40401 if the subject is unknown)
     */
    RegisteredSchema getLatest(String subject);

    /**
     * @param subject subject
     * @param version version number, from 1
     * @return that version (40401 / 40402 if missing)
     */
    RegisteredSchema getVersion(String subject, int version);

    /**
     * Finds the version of a subject holding this schema, without registering anything.
     *
     * @param subject subject
     * @param schema Avro schema JSON
     * @return the matching version (40401 subject unknown, 40403 schema not under the subject)
     */
    RegisteredSchema lookup(String subject, String schema);

    /**
     * Tests a schema against the subject under the subject's compatibility level (over HTTP:
     * against the latest version; in the built-in registry: as a registration would check it).
     *
     * @param subject subject
     * @param schema Avro schema JSON
     * @return true if registering it would pass the compatibility check (true for an unknown subject)
     */
    boolean testCompatibility(String subject, String schema);

    /**
     * @param subject subject
     * @param schema Avro schema
     * @return see {@link #testCompatibility(String, String)}
     */
    default boolean testCompatibility(String subject, Schema schema) {
        return testCompatibility(subject, schema.toString());
    }

    /** @return the names of all subjects that have at least one live version */
    List<String> getSubjects();

    /**
     * @param subject subject
     * @return its live version numbers, ascending (40401 if the subject is unknown)
     */
    List<Integer> getVersions(String subject);

    /**
     * @param subject a subject, or null for the global level
     * @return the effective compatibility level (the subject's own, else the global one)
     */
    CompatibilityLevel getCompatibility(String subject);

    /**
     * @param subject a subject, or null for the global level
     * @param level new level
     */
    void setCompatibility(String subject, CompatibilityLevel level);

    /**
     * Deletes a subject. A soft delete hides its versions; a permanent delete (allowed after a
     * soft delete) removes them.
     *
     * @param subject subject
     * @param permanent false for a soft delete
     * @return the deleted version numbers
     */
    List<Integer> deleteSubject(String subject, boolean permanent);

    /** Releases resources; the default does nothing. */
    @Override
    default void close() {}
}

package dev.baton.registry.client;

import org.apache.avro.Schema;

/**
 * One version of a subject.
 *
 * @param subject subject name, e.g. {@code orders-value}
 * @param id global schema id (the one in the wire format)
 * @param version version within the subject, from 1
 * @param schema the Avro schema
 */
public record RegisteredSchema(String subject, int id, int version, Schema schema) {

    /** @return the schema as JSON text */
    public String schemaString() {
        return schema.toString();
    }
}

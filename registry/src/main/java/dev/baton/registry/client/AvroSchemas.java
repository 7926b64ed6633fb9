package dev.baton.registry.client;

import org.apache.avro.Schema;

/** Parsing helpers for Avro schema text. */
public final class AvroSchemas {

    private AvroSchemas() {}

    /**
     * Parses Avro schema JSON (with default values validated).
     *
     * @param schema schema text
     * @return the schema
     * @throws SchemaRegistryException 42201 if the text is not a valid Avro schema
     */
    public static Schema parse(String schema) {
        if (schema == null || schema.isBlank()) {
            throw SchemaRegistryException.invalidSchema("empty schema");
        }
        try {
            return new Schema.Parser().parse(schema);
        } catch (RuntimeException e) {
            throw SchemaRegistryException.invalidSchema(e.getMessage());
        }
    }

    /**
     * The form under which equal schemas are recognised: the parsed schema printed back as JSON
     * (insensitive to whitespace and attribute order, sensitive to defaults, docs and aliases).
     *
     * @param schema schema text
     * @return normalised JSON text
     * @throws SchemaRegistryException 42201 if the text is not a valid Avro schema
     */
    public static String normalize(String schema) {
        return parse(schema).toString();
    }
}

package dev.baton.dsl;

/** How a task's command and reply values are encoded on the service topics (Baton extension). */
public enum PayloadFormat {
    /** A JSON object (the default). */
    JSON,
    /** Avro in the Confluent wire format, with the schema in the registry. */
    AVRO
}

package dev.baton.orchestrator.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.state.PayloadRef;

/**
 * How the JSON documents of an instance are written to and read from its records: inline text
 * when small, a {@link PayloadRef} to chunks in the payload store when large.
 */
interface JsonFields {
    /**
     * The record value for a document: null, its text, or a reference.
     *
     * @param owner the key of the record that holds it (its payloads live and die with that record)
     */
    Object write(String owner, Object document);

    /** The document a record value stands for (text parsed, references resolved). */
    JsonNode read(String owner, Object value);

    /** {@code value} was made from the document {@code read} returned: it stands for the same stored payload. */
    default void alias(String owner, JsonNode read, Object value) {}
}

package dev.baton.orchestrator.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.dsl.PayloadFormat;
import dev.baton.protocol.json.AvroJson;
import dev.baton.registry.client.SchemaRegistryClient;
import dev.baton.registry.client.SchemaRegistryException;
import dev.baton.registry.serde.AvroWireDeserializer;
import java.io.IOException;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;

/**
 * Decodes a domain event's value into JSON: a JSON document, or Avro in the Confluent wire format
 * (schema fetched from the registry by the id in the record) turned into JSON.
 */
public final class EventDecoder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AvroWireDeserializer<Object> avro;

    /** @param registry for Avro events; may be null when no registry is available */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public EventDecoder(SchemaRegistryClient registry) {
        this.avro = registry == null ? null : new AvroWireDeserializer(registry, GenericRecord.class, false);
    }

    /** The event could not be decoded: it is parked with this reason. */
    public static final class Undecodable extends Exception {
        public Undecodable(String message) {
            super(message);
        }
    }

    /** The registry could not be asked (not: it does not know the schema); the event is retried, not parked. */
    public static final class RegistryUnavailable extends RuntimeException {
        public RegistryUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public JsonNode decode(String format, String topic, byte[] value) throws Undecodable {
        if (PayloadFormat.AVRO.name().equals(format)) {
            return avro(topic, value);
        }
        try {
            JsonNode node = JSON.readTree(value);
            if (node == null || node.isMissingNode()) {
                throw new Undecodable("empty JSON value");
            }
            return node;
        } catch (IOException e) {
            throw new Undecodable("value is not JSON: " + e.getMessage());
        }
    }

    private JsonNode avro(String topic, byte[] value) throws Undecodable {
        if (avro == null) {
            throw new Undecodable("Avro event but no schema registry is configured");
        }
        if (value.length < 5 || value[0] != 0) {
            throw new Undecodable("value is not Avro in the Confluent wire format (magic byte 0 and a schema id)");
        }
        Object datum;
        try {
            datum = avro.deserialize(topic, value);
        } catch (RuntimeException e) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof SchemaRegistryException sre && !sre.isNotFound()) {
                    throw new RegistryUnavailable("schema registry unavailable: " + sre.getMessage(), sre);
                }
            }
            throw new Undecodable("Avro value cannot be decoded: " + e.getMessage());
        }
        if (datum instanceof IndexedRecord record) {
            return AvroJson.toJsonNode(record);
        }
        if (datum instanceof GenericContainer container) {
            return AvroJson.toJsonNode(datum, container.getSchema());
        }
        return JSON.valueToTree(datum instanceof CharSequence cs ? cs.toString() : datum);
    }
}

package dev.baton.orchestrator.runtime;

import dev.baton.engine.effect.Effect;
import dev.baton.protocol.json.AvroJson;
import dev.baton.protocol.json.AvroJsonException;
import dev.baton.registry.client.RegisteredSchema;
import dev.baton.registry.client.SchemaRegistryClient;
import dev.baton.registry.client.SchemaRegistryException;
import dev.baton.registry.serde.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Encodes a task's input as the value of its command record: a JSON object, or Avro in the
 * Confluent wire format when the task definition says {@code payloadFormat: AVRO}.
 */
public final class CommandPayloads {
    private final SchemaRegistryClient registry;

    /** @param registry for Avro payloads; may be null, and then Avro tasks cannot be sent */
    public CommandPayloads(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    /** Thrown when a command can never be written as its definition asks (no schema, input that does not fit). */
    static final class UndeliverableException extends Exception {
        UndeliverableException(String message) {
            super(message);
        }
    }

    byte[] encode(Effect.DispatchTask d) throws UndeliverableException {
        String input = d.task().inputData == null ? "{}" : d.task().inputData.toString();
        if (d.avroSubject() == null) {
            return input.getBytes(StandardCharsets.UTF_8);
        }
        if (registry == null) {
            throw new UndeliverableException(
                    "task " + d.task().taskDefName + " has Avro payloads but no schema registry is configured");
        }
        RegisteredSchema latest;
        try {
            latest = registry.getLatest(d.avroSubject());
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                throw new UndeliverableException("no Avro schema registered under subject " + d.avroSubject());
            }
            throw new InfrastructureException("schema registry unavailable: " + e.getMessage(), e);
        }
        try {
            Object datum = AvroJson.fromJsonNode(d.task().inputData, latest.schema(), GenericData.get());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<>(latest.schema()).write(datum, encoder);
            encoder.flush();
            return WireFormat.frame(latest.id(), out.toByteArray());
        } catch (AvroJsonException | AvroRuntimeException e) {
            throw new UndeliverableException("task input does not fit schema " + d.avroSubject() + " version "
                    + latest.version() + ": " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

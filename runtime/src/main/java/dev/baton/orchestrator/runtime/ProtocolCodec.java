package dev.baton.orchestrator.runtime;

import dev.baton.orchestrator.kafka.Topics;
import dev.baton.protocol.TaskSnapshot;
import dev.baton.protocol.WorkflowControl;
import dev.baton.protocol.WorkflowEvent;
import dev.baton.protocol.WorkflowSnapshot;
import dev.baton.protocol.json.JsonRecordSerde;
import dev.baton.registry.client.SchemaRegistryClient;
import dev.baton.registry.serde.AvroWireSerde;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;

/**
 * Encodes and decodes Baton's own protocol records. By default they are Avro in the Confluent
 * wire format (schemas in the registry); {@code baton.encoding=json} writes plain JSON instead.
 * Reading accepts both, recognised by the first byte, so a switch of setting loses nothing.
 */
public final class ProtocolCodec {
    private final boolean json;
    private final Serde<WorkflowEvent> eventJson = new JsonRecordSerde<>(WorkflowEvent.class);
    private final Serde<WorkflowSnapshot> snapshotJson = new JsonRecordSerde<>(WorkflowSnapshot.class);
    private final Serde<WorkflowControl> controlJson = new JsonRecordSerde<>(WorkflowControl.class);
    private final Serde<TaskSnapshot> taskJson = new JsonRecordSerde<>(TaskSnapshot.class);
    private final Serde<TaskSnapshot> taskAvro;
    private final Serde<WorkflowEvent> eventAvro;
    private final Serde<WorkflowSnapshot> snapshotAvro;
    private final Serde<WorkflowControl> controlAvro;

    private ProtocolCodec(boolean json, SchemaRegistryClient registry) {
        this.json = json;
        this.eventAvro = registry == null ? null : new AvroWireSerde<>(registry, WorkflowEvent.class, false, true);
        this.snapshotAvro =
                registry == null ? null : new AvroWireSerde<>(registry, WorkflowSnapshot.class, false, true);
        this.controlAvro = registry == null ? null : new AvroWireSerde<>(registry, WorkflowControl.class, false, true);
        this.taskAvro = registry == null ? null : new AvroWireSerde<>(registry, TaskSnapshot.class, false, true);
    }

    /** Plain JSON on Baton's topics; Avro input is refused. */
    public static ProtocolCodec json() {
        return new ProtocolCodec(true, null);
    }

    /** Avro in the Confluent wire format; JSON input is accepted too. */
    public static ProtocolCodec avro(SchemaRegistryClient registry) {
        return new ProtocolCodec(false, registry);
    }

    public boolean isJson() {
        return json;
    }

    public byte[] encodeEvent(WorkflowEvent event) {
        return json
                ? eventJson.serializer().serialize(Topics.EVENTS, event)
                : eventAvro.serializer().serialize(Topics.EVENTS, event);
    }

    public byte[] encodeSnapshot(WorkflowSnapshot snapshot) {
        return json
                ? snapshotJson.serializer().serialize(Topics.STATE, snapshot)
                : snapshotAvro.serializer().serialize(Topics.STATE, snapshot);
    }

    public byte[] encodeTaskSnapshot(TaskSnapshot task) {
        return json
                ? taskJson.serializer().serialize(Topics.TASKS, task)
                : taskAvro.serializer().serialize(Topics.TASKS, task);
    }

    public TaskSnapshot decodeTaskSnapshot(byte[] bytes) {
        return decode(bytes, taskJson, taskAvro, Topics.TASKS);
    }

    public byte[] encodeControl(WorkflowControl control) {
        return json
                ? controlJson.serializer().serialize(Topics.COMMANDS, control)
                : controlAvro.serializer().serialize(Topics.COMMANDS, control);
    }

    public WorkflowControl decodeControl(byte[] bytes) {
        return decode(bytes, controlJson, controlAvro, Topics.COMMANDS);
    }

    public WorkflowEvent decodeEvent(byte[] bytes) {
        return decode(bytes, eventJson, eventAvro, Topics.EVENTS);
    }

    public WorkflowSnapshot decodeSnapshot(byte[] bytes) {
        return decode(bytes, snapshotJson, snapshotAvro, Topics.STATE);
    }

    private static <T> T decode(byte[] bytes, Serde<T> jsonSerde, Serde<T> avroSerde, String topic) {
        if (bytes == null || bytes.length == 0) {
            throw new SerializationException("empty record value");
        }
        if (bytes[0] == 0) {
            if (avroSerde == null) {
                throw new SerializationException(
                        "Avro record on " + topic + " but Baton runs with baton.encoding=json");
            }
            return avroSerde.deserializer().deserialize(topic, bytes);
        }
        return jsonSerde.deserializer().deserialize(topic, bytes);
    }
}

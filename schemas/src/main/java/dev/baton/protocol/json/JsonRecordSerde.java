package dev.baton.protocol.json;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a generated Avro record class in plain JSON, e.g.
 * {@code new JsonRecordSerde<>(WorkflowEvent.class)}. Used for Baton's own topics when
 * {@code baton.encoding=json}. Needs no configuration.
 *
 * @param <T> generated Avro record class
 */
public class JsonRecordSerde<T extends SpecificRecord> implements Serde<T> {

    private final Class<T> type;
    private final JsonRecordSerializer<T> serializer;
    private final JsonRecordDeserializer<T> deserializer;

    /** @param type generated Avro record class this serde reads and writes */
    public JsonRecordSerde(Class<T> type) {
        this.type = type;
        this.serializer = new JsonRecordSerializer<>(type);
        this.deserializer = new JsonRecordDeserializer<>(type);
    }

    /** The record class this serde handles. */
    public Class<T> type() {
        return type;
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}

package dev.baton.protocol.json;

import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer reading an Avro record from plain UTF-8 JSON ({@link AvroJson}). A null
 * value (tombstone) reads as null; anything that is not valid JSON for the record's schema
 * throws {@link SerializationException} naming the record type, topic and JSON path.
 *
 * @param <T> generated Avro record class
 */
public class JsonRecordDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private final Class<T> type;

    /** @param type generated Avro record class this deserializer reads */
    public JsonRecordDeserializer(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return AvroJson.fromJson(data, type);
        } catch (AvroJsonException e) {
            throw new SerializationException(
                    "Cannot deserialize " + type.getSimpleName() + " from JSON on topic " + topic + ": "
                            + e.getMessage(),
                    e);
        }
    }
}

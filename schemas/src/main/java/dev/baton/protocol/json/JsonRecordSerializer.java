package dev.baton.protocol.json;

import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer writing an Avro record as plain UTF-8 JSON ({@link AvroJson}). A null record
 * is written as a null value (a tombstone on compacted topics).
 *
 * @param <T> generated Avro record class
 */
public class JsonRecordSerializer<T extends SpecificRecord> implements Serializer<T> {

    private final Class<T> type;

    /** @param type generated Avro record class this serializer writes */
    public JsonRecordSerializer(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        try {
            return AvroJson.toJsonBytes(data);
        } catch (AvroJsonException e) {
            throw new SerializationException(
                    "Cannot serialize " + type.getSimpleName() + " as JSON for topic " + topic + ": " + e.getMessage(),
                    e);
        }
    }
}

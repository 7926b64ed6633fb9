package dev.baton.registry.serde;

import dev.baton.registry.client.SchemaRegistryClient;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka {@link Serde} for Avro records in the Confluent wire format: an
 * {@link AvroWireSerializer} and an {@link AvroWireDeserializer} sharing one registry client.
 * <pre>{@code
 * Serde<Order> serde = new AvroWireSerde<>(client, Order.class, false, true);
 * }</pre>
 *
 * @param <T> record type
 */
public class AvroWireSerde<T> implements Serde<T> {

    private final AvroWireSerializer<T> serializer;
    private final AvroWireDeserializer<T> deserializer;

    /** For Kafka to instantiate by class name; call {@link #configure(Map, boolean)} before use. */
    public AvroWireSerde() {
        this.serializer = new AvroWireSerializer<>();
        this.deserializer = new AvroWireDeserializer<>();
    }

    /**
     * @param client schema registry client
     * @param type generated SpecificRecord class, or GenericRecord.class
     * @param isKey true for record keys
     * @param autoRegister register schemas on first use
     */
    public AvroWireSerde(SchemaRegistryClient client, Class<T> type, boolean isKey, boolean autoRegister) {
        this.serializer = new AvroWireSerializer<>(client, isKey, autoRegister);
        this.deserializer = new AvroWireDeserializer<>(client, type, isKey);
    }

    /**
     * Value serde with auto-registration.
     *
     * @param client schema registry client
     * @param type generated SpecificRecord class, or GenericRecord.class
     */
    public AvroWireSerde(SchemaRegistryClient client, Class<T> type) {
        this(client, type, false, true);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        Map<String, Object> shared = new java.util.HashMap<>(configs);
        shared.put(AvroSerdeConfig.SCHEMA_REGISTRY_CLIENT, serializer.client());
        deserializer.configure(shared, isKey);
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

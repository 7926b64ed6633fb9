package dev.baton.registry.serde;

import dev.baton.registry.client.SchemaRegistryClient;
import dev.baton.registry.client.SchemaRegistryException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for Avro in the Confluent wire format. It fetches the writer schema by the
 * id in the header (cached) and resolves it to the reader schema: the schema of the given
 * {@link SpecificRecord} class, so that data written with an older or newer compatible version
 * reads into the current class; or, for {@link GenericRecord}, the writer schema itself (or a
 * given reader schema). Bytes that are not in the wire format (too short, wrong magic byte),
 * unknown schema ids and undecodable payloads raise {@link SerializationException}. Null bytes
 * deserialize to null. Thread-safe.
 *
 * @param <T> record type
 */
public class AvroWireDeserializer<T> implements Deserializer<T> {

    private final Map<Integer, DatumReader<Object>> readers = new ConcurrentHashMap<>();
    private SchemaRegistryClient client;
    private boolean isKey;
    private Class<?> type;
    private Schema readerSchema;
    private boolean specificReader;

    /** For Kafka to instantiate by class name; call {@link #configure(Map, boolean)} before use. */
    public AvroWireDeserializer() {}

    /**
     * @param client schema registry client
     * @param type a generated SpecificRecord class, or GenericRecord.class (null = generic)
     * @param isKey true for record keys
     */
    public AvroWireDeserializer(SchemaRegistryClient client, Class<T> type, boolean isKey) {
        this.client = client;
        this.isKey = isKey;
        this.type = type;
    }

    /**
     * Generic records projected onto a reader schema.
     *
     * @param client schema registry client
     * @param readerSchema schema to resolve the writer schema to
     * @param isKey true for record keys
     */
    public AvroWireDeserializer(SchemaRegistryClient client, Schema readerSchema, boolean isKey) {
        this.client = client;
        this.isKey = isKey;
        this.readerSchema = readerSchema;
    }

    /** @return true if this deserializer is configured for record keys */
    public boolean isKey() {
        return isKey;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        if (client == null || configs.get(AvroSerdeConfig.SCHEMA_REGISTRY_CLIENT) instanceof SchemaRegistryClient) {
            client = AvroSerdeConfig.client(configs);
        }
        Class<?> configured = AvroSerdeConfig.type(configs, isKey);
        if (configured != null) {
            type = configured;
        }
        specificReader = AvroSerdeConfig.bool(configs, AvroSerdeConfig.SPECIFIC_AVRO_READER, specificReader);
        readers.clear();
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (client == null) {
            throw new IllegalStateException("AvroWireDeserializer is not configured: no schema registry client");
        }
        int id = WireFormat.schemaId(bytes);
        DatumReader<Object> reader = readers.computeIfAbsent(id, this::reader);
        try {
            return (T) reader.read(
                    null,
                    DecoderFactory.get()
                            .binaryDecoder(bytes, WireFormat.HEADER_SIZE, bytes.length - WireFormat.HEADER_SIZE, null));
        } catch (Exception e) {
            throw new SerializationException(
                    "Cannot deserialize Avro data with schema id " + id + " from topic " + topic
                            + (isKey ? " (key)" : " (value)") + ": " + e,
                    e);
        }
    }

    private DatumReader<Object> reader(int id) {
        Schema writer;
        try {
            writer = client.getById(id);
        } catch (SchemaRegistryException e) {
            throw new SerializationException(
                    (e.isNotFound() ? "Unknown schema id " : "Cannot fetch schema id ") + id + ": " + e.getMessage(),
                    e);
        }
        try {
            if (type != null && SpecificRecord.class.isAssignableFrom(type)) {
                SpecificData data = AvroModels.specific(type);
                return new SpecificDatumReader<>(writer, data.getSchema(type), data);
            }
            if (readerSchema != null) {
                return new GenericDatumReader<>(writer, readerSchema, GenericData.get());
            }
            if (specificReader) {
                Class<?> generated = SpecificData.get().getClass(writer);
                if (generated != null && SpecificRecord.class.isAssignableFrom(generated)) {
                    SpecificData data = AvroModels.specific(generated);
                    return new SpecificDatumReader<>(writer, data.getSchema(generated), data);
                }
            }
            return new GenericDatumReader<>(writer, writer, GenericData.get());
        } catch (RuntimeException e) {
            throw new SerializationException(
                    "Cannot read schema id " + id + " (" + writer.getFullName() + ") as "
                            + (type != null ? type.getName() : "a generic record") + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public void close() {
        // the client may be shared; its owner closes it
    }
}

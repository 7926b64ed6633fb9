package dev.baton.registry.serde;

import dev.baton.registry.client.SchemaRegistryClient;
import dev.baton.registry.client.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer writing Avro records (generated {@link SpecificRecord} classes or
 * {@link org.apache.avro.generic.GenericRecord}) in the Confluent wire format. The subject is
 * chosen by a {@link SubjectNameStrategy} (default {@code <topic>-value} / {@code <topic>-key}).
 * With auto-registration (the default) the record's schema is registered on first use; without
 * it the schema must already be registered under the subject and its id is looked up. Ids are
 * cached per (subject, schema). A null record serializes to null (tombstone). Thread-safe.
 *
 * @param <T> record type
 */
public class AvroWireSerializer<T> implements Serializer<T> {

    private record SubjectSchema(String subject, Schema schema) {}

    /**
     * Per thread, the buffer records are written into (grown once to the size they need, not from 64
     * bytes for every record) and the encoder that writes into it; a buffer grown past
     * {@value #KEPT_BUFFER_BYTES} bytes is dropped after its record.
     */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final int KEPT_BUFFER_BYTES = 1 << 20;

    private static final class Scratch {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        private BinaryEncoder encoder;
    }

    private final Map<SubjectSchema, Integer> ids = new ConcurrentHashMap<>();
    private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();
    private SchemaRegistryClient client;
    private boolean isKey;
    private boolean autoRegister = true;
    private SubjectNameStrategy subjectNameStrategy = SubjectNameStrategy.TOPIC;

    /** For Kafka to instantiate by class name; call {@link #configure(Map, boolean)} before use. */
    public AvroWireSerializer() {}

    /**
     * @param client schema registry client
     * @param isKey true to serialize record keys (subject {@code <topic>-key})
     * @param autoRegister register schemas on first use
     */
    public AvroWireSerializer(SchemaRegistryClient client, boolean isKey, boolean autoRegister) {
        this.client = client;
        this.isKey = isKey;
        this.autoRegister = autoRegister;
    }

    /**
     * @param strategy subject name strategy to use instead of the topic name strategy
     * @return this
     */
    public AvroWireSerializer<T> subjectNameStrategy(SubjectNameStrategy strategy) {
        this.subjectNameStrategy = strategy;
        return this;
    }

    /** @return the registry client in use */
    public SchemaRegistryClient client() {
        return client;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        if (client == null || configs.get(AvroSerdeConfig.SCHEMA_REGISTRY_CLIENT) instanceof SchemaRegistryClient) {
            client = AvroSerdeConfig.client(configs);
        }
        autoRegister = AvroSerdeConfig.bool(configs, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, autoRegister);
        subjectNameStrategy = AvroSerdeConfig.strategy(configs, isKey);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        if (!(data instanceof GenericContainer container)) {
            throw new SerializationException("Cannot serialize "
                    + data.getClass().getName() + ": only Avro records (SpecificRecord, GenericRecord) are supported");
        }
        if (client == null) {
            throw new IllegalStateException("AvroWireSerializer is not configured: no schema registry client");
        }
        Schema schema = container.getSchema();
        String subject = subjectNameStrategy.subject(topic, isKey, schema);
        int id = ids.computeIfAbsent(new SubjectSchema(subject, schema), k -> schemaId(k.subject(), k.schema()));
        Scratch scratch = SCRATCH.get();
        try {
            ByteArrayOutputStream out = scratch.out;
            out.reset();
            out.write(WireFormat.MAGIC_BYTE);
            out.write(id >>> 24);
            out.write(id >>> 16);
            out.write(id >>> 8);
            out.write(id);
            scratch.encoder = EncoderFactory.get().directBinaryEncoder(out, scratch.encoder);
            writer(data, schema).write(data, scratch.encoder);
            scratch.encoder.flush();
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "Cannot serialize " + schema.getFullName() + " for topic " + topic + " with schema id " + id + ": "
                            + e.getMessage(),
                    e);
        } finally {
            if (scratch.out.size() > KEPT_BUFFER_BYTES) {
                SCRATCH.remove();
            }
        }
    }

    private int schemaId(String subject, Schema schema) {
        try {
            return autoRegister
                    ? client.register(subject, schema)
                    : client.lookup(subject, schema.toString()).id();
        } catch (SchemaRegistryException e) {
            throw new SerializationException(
                    (autoRegister ? "Cannot register " : "Cannot find registered ") + "schema " + schema.getFullName()
                            + " under subject " + subject + ": " + e.getMessage(),
                    e);
        }
    }

    private DatumWriter<Object> writer(Object data, Schema schema) {
        return writers.computeIfAbsent(
                schema,
                s -> data instanceof SpecificRecord
                        ? new SpecificDatumWriter<>(s, AvroModels.specific(data.getClass()))
                        : new GenericDatumWriter<>(s, GenericData.get()));
    }

    @Override
    public void close() {
        // the client may be shared; its owner closes it
    }
}

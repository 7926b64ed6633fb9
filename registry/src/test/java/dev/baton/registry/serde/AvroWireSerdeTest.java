package dev.baton.registry.serde;

import static dev.baton.registry.TestSchemas.ORDER_V1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.registry.TestSchemas;
import dev.baton.registry.builtin.BuiltInSchemaRegistry;
import dev.baton.registry.test.Order;
import dev.baton.registry.test.OrderKey;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Serde behaviour against the in-process registry. */
class AvroWireSerdeTest {

    private BuiltInSchemaRegistry registry;

    @BeforeEach
    void setUp() {
        registry = BuiltInSchemaRegistry.inMemory();
    }

    private static Order order(String id, double amount) {
        return Order.newBuilder().setId(id).setAmount(amount).setCurrency("CHF").build();
    }

    @Test
    void roundTripsSpecificRecordsInTheWireFormat() {
        AvroWireSerde<Order> serde = new AvroWireSerde<>(registry, Order.class, false, true);
        byte[] bytes = serde.serializer().serialize("orders", order("o-1", 12.5));

        int id = registry.getLatest("orders-value").id();
        assertThat(bytes[0]).isEqualTo((byte) 0);
        assertThat(WireFormat.schemaId(bytes)).isEqualTo(id);
        assertThat(serde.deserializer().deserialize("orders", bytes)).isEqualTo(order("o-1", 12.5));
    }

    @Test
    void keysUseTheKeySubject() {
        AvroWireSerde<OrderKey> keys = new AvroWireSerde<>(registry, OrderKey.class, true, true);
        byte[] bytes = keys.serializer().serialize("orders", new OrderKey("k"));
        assertThat(registry.getSubjects()).containsExactly("orders-key");
        assertThat(keys.deserializer().deserialize("orders", bytes).getId()).isEqualTo("k");
    }

    @Test
    void roundTripsGenericRecords() {
        Schema v1 = TestSchemas.parse(ORDER_V1);
        GenericRecord record = new GenericData.Record(v1);
        record.put("id", "g-1");
        record.put("amount", 3.0);
        AvroWireSerde<GenericRecord> serde = new AvroWireSerde<>(registry, GenericRecord.class, false, true);

        GenericRecord back =
                serde.deserializer().deserialize("orders", serde.serializer().serialize("orders", record));
        assertThat(back.getSchema()).isEqualTo(v1);
        assertThat(back.get("id").toString()).isEqualTo("g-1");
        assertThat(back.get("amount")).isEqualTo(3.0);
    }

    @Test
    void readsDataWrittenWithAnOlderSchemaIntoTheCurrentClass() {
        GenericRecord old = new GenericData.Record(TestSchemas.parse(ORDER_V1));
        old.put("id", "old-1");
        old.put("amount", 7.0);
        byte[] bytes = new AvroWireSerializer<GenericRecord>(registry, false, true).serialize("orders", old);

        Order read = new AvroWireDeserializer<>(registry, Order.class, false).deserialize("orders", bytes);
        assertThat(read.getId()).isEqualTo("old-1");
        assertThat(read.getCurrency()).isEqualTo("EUR"); // the reader's default

        // and newer data is readable by an old generic reader
        byte[] newer = new AvroWireSerializer<Order>(registry, false, true).serialize("orders", order("n-1", 1));
        GenericRecord projected = new AvroWireDeserializer<GenericRecord>(registry, TestSchemas.parse(ORDER_V1), false)
                .deserialize("orders", newer);
        assertThat(projected.getSchema().getField("currency")).isNull();
        assertThat(registry.getVersions("orders-value")).containsExactly(1, 2);
    }

    @Test
    void withoutAutoRegisterTheSchemaMustAlreadyBeRegistered() {
        AvroWireSerializer<Order> serializer = new AvroWireSerializer<>(registry, false, false);
        assertThatThrownBy(() -> serializer.serialize("orders", order("x", 1)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(
                        "Cannot find registered schema dev.baton.registry.test.Order under subject orders-value");
        assertThat(registry.getSubjects()).isEmpty();

        registry.register("orders-value", ORDER_V1);
        int id = registry.register("orders-value", Order.getClassSchema());
        assertThat(WireFormat.schemaId(serializer.serialize("orders", order("x", 1))))
                .isEqualTo(id);
    }

    @Test
    void refusesIncompatibleSchemasWhenAutoRegistering() {
        registry.register("orders-value", TestSchemas.ORDER_AMOUNT_STRING);
        assertThatThrownBy(
                        () -> new AvroWireSerializer<Order>(registry, false, true).serialize("orders", order("x", 1)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Cannot register schema")
                .hasMessageContaining("incompatible");
    }

    @Test
    void badBytesRaiseSerializationExceptions() {
        AvroWireDeserializer<Order> deserializer = new AvroWireDeserializer<>(registry, Order.class, false);
        assertThatThrownBy(() -> deserializer.deserialize("orders", new byte[] {0, 0}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("shorter than");
        assertThatThrownBy(() -> deserializer.deserialize("orders", "{\"id\":1}".getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown magic byte");
        assertThatThrownBy(() -> deserializer.deserialize("orders", WireFormat.frame(4242, new byte[] {2, 65})))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown schema id 4242");

        int id = registry.register("orders-value", Order.getClassSchema());
        assertThatThrownBy(() -> deserializer.deserialize("orders", WireFormat.frame(id, new byte[] {(byte) 0x80})))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("schema id " + id);
    }

    @Test
    void nullsAndUnsupportedTypes() {
        AvroWireSerde<Order> serde = new AvroWireSerde<>(registry, Order.class);
        assertThat(serde.serializer().serialize("orders", null)).isNull();
        assertThat(serde.deserializer().deserialize("orders", null)).isNull();
        @SuppressWarnings({"rawtypes", "unchecked"})
        AvroWireSerializer<Object> raw = (AvroWireSerializer) new AvroWireSerializer<Order>(registry, false, true);
        assertThatThrownBy(() -> raw.serialize("orders", "a string"))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("only Avro records");
    }

    @Test
    void configuresFromAKafkaStyleMap() {
        AvroWireSerde<Order> serde = new AvroWireSerde<>();
        serde.configure(
                Map.of(
                        AvroSerdeConfig.SCHEMA_REGISTRY_CLIENT, registry,
                        AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "true",
                        AvroSerdeConfig.SPECIFIC_AVRO_READER, "true",
                        AvroSerdeConfig.KEY_SUBJECT_NAME_STRATEGY,
                                "io.confluent.kafka.serializers.subject.RecordNameStrategy"),
                true);

        byte[] bytes = serde.serializer().serialize("orders", order("c-1", 2));
        assertThat(registry.getSubjects()).containsExactly("dev.baton.registry.test.Order");
        // specific.avro.reader finds the generated class by the writer schema's name
        assertThat(serde.deserializer().deserialize("orders", bytes)).isEqualTo(order("c-1", 2));
    }

    @Test
    void configureWithoutAnyRegistryFails() {
        assertThatThrownBy(() -> new AvroWireSerializer<Order>().configure(Map.of(), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema.registry.url");
    }
}

package dev.baton.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.protocol.BatonHeaders;
import dev.baton.protocol.WorkflowSnapshot;
import dev.baton.protocol.WorkflowStatus;
import dev.baton.registry.builtin.BuiltInSchemaRegistry;
import dev.baton.registry.serde.WireFormat;
import java.io.ByteArrayOutputStream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tasks whose definition says payloadFormat AVRO get Avro commands (Confluent wire format) and may reply in Avro. */
class AvroPayloadTopologyTest {
    private static final Schema INPUT = new Schema.Parser().parse("""
            {"type":"record","name":"ChargeCommand","namespace":"shop","fields":[
              {"name":"bookingId","type":"string"},{"name":"amount","type":"int"}]}""");
    private static final Schema OUTPUT = new Schema.Parser().parse("""
            {"type":"record","name":"ChargeResult","namespace":"shop","fields":[{"name":"paymentId","type":"string"}]}""");

    private final BuiltInSchemaRegistry registry = BuiltInSchemaRegistry.inMemory();
    private TopologyDriver t;
    private TestOutputTopic<String, byte[]> charges;

    @BeforeEach
    void setUp() {
        t = new TopologyDriver(registry);
        charges = t.output("charge.commands");
        t.define(
                "task:charge", "{\"name\":\"charge\",\"payloadFormat\":\"AVRO\",\"commandTopic\":\"charge.commands\"}");
        t.define("task:unregistered", "{\"name\":\"unregistered\",\"payloadFormat\":\"AVRO\"}");
        t.define("workflow:pay:1", """
                {"name":"pay","version":1,"tasks":[{"name":"charge","taskReferenceName":"c","inputParameters":{
                  "bookingId":"${workflow.input.bookingId}","amount":"${workflow.input.amount}"}}],
                 "outputParameters":{"paymentId":"${c.output.paymentId}"}}""");
        t.define("workflow:nowhere:1", """
                {"name":"nowhere","version":1,"tasks":[{"name":"unregistered","taskReferenceName":"u"}]}""");
        registry.register("charge.commands-value", INPUT.toString());
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    @Test
    void sendsAvroCommandsAndAcceptsAvroReplies() throws Exception {
        t.start("wf-1", "pay", "{\"bookingId\":\"BK-1\",\"amount\":120}");
        TestRecord<String, byte[]> command = charges.readRecord();
        assertThat(command.value()[0]).isEqualTo(WireFormat.MAGIC_BYTE);
        assertThat(registry.getById(WireFormat.schemaId(command.value()))).isEqualTo(INPUT);
        GenericRecord decoded = new GenericDatumReader<GenericRecord>(INPUT)
                .read(
                        null,
                        DecoderFactory.get()
                                .binaryDecoder(
                                        command.value(),
                                        WireFormat.HEADER_SIZE,
                                        command.value().length - WireFormat.HEADER_SIZE,
                                        null));
        assertThat(decoded.get("bookingId").toString()).isEqualTo("BK-1");
        assertThat(decoded.get("amount")).isEqualTo(120);

        int outputId = registry.register("baton.replies-value", OUTPUT.toString());
        GenericRecord result = new GenericData.Record(OUTPUT);
        result.put("paymentId", "PAY-9");
        Headers h = new RecordHeaders(command.headers().toArray());
        h.add(BatonHeaders.STATUS, TopologyDriver.bytes("COMPLETED"));
        t.replies.pipeInput(new TestRecord<>("wf-1", WireFormat.frame(outputId, avro(result)), h));

        WorkflowSnapshot last = t.lastSnapshot();
        assertThat(last.getStatus()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(last.getOutput()).isEqualTo("{\"paymentId\":\"PAY-9\"}");
    }

    @Test
    void inputThatDoesNotFitTheSchemaFailsTheTaskWithTheReason() {
        t.start("wf-2", "pay", "{\"bookingId\":\"BK-2\"}");
        assertThat(charges.isEmpty()).isTrue();
        WorkflowSnapshot last = t.lastSnapshot();
        assertThat(last.getStatus()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(t.tasks())
                .singleElement()
                .satisfies(task -> assertThat(task.getStatus()).isEqualTo("FAILED_WITH_TERMINAL_ERROR"));
        assertThat(last.getReasonForIncompletion())
                .contains("reason: 'task input does not fit schema charge.commands-value version 1");
    }

    @Test
    void aMissingSchemaFailsTheTaskWithTheReason() {
        t.start("wf-3", "nowhere", "{}");
        WorkflowSnapshot last = t.lastSnapshot();
        assertThat(last.getStatus()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(last.getReasonForIncompletion())
                .endsWith("reason: 'no Avro schema registered under subject unregistered.commands-value'");
    }

    private static byte[] avro(GenericRecord record) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}

package dev.baton.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.protocol.ControlType;
import dev.baton.protocol.WorkflowControl;
import dev.baton.protocol.WorkflowSnapshot;
import dev.baton.protocol.WorkflowStatus;
import dev.baton.registry.builtin.BuiltInSchemaRegistry;
import dev.baton.registry.serde.WireFormat;
import dev.baton.worker.BatonHeaders;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
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

    private final ProtocolCodec codec = ProtocolCodec.json();
    private final BuiltInSchemaRegistry registry = BuiltInSchemaRegistry.inMemory();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> commands;
    private TestInputTopic<String, byte[]> replies;
    private TestOutputTopic<String, byte[]> charges;
    private TestOutputTopic<String, byte[]> state;

    @BeforeEach
    void setUp() throws Exception {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "avro-payload-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("baton-ttd").toString());
        driver = new TopologyTestDriver(BatonTopology.build(codec, new ReplyDecoder(registry), new CommandPayloads(registry),
                Topics.REPLIES, Duration.ofMillis(100), new RuntimeMetrics()), p, Instant.ofEpochMilli(1_000_000));
        TestInputTopic<String, byte[]> definitions = driver.createInputTopic(Topics.DEFINITIONS, new StringSerializer(), new ByteArraySerializer());
        commands = driver.createInputTopic(Topics.COMMANDS, new StringSerializer(), new ByteArraySerializer());
        replies = driver.createInputTopic(Topics.REPLIES, new StringSerializer(), new ByteArraySerializer());
        charges = driver.createOutputTopic("charge.commands", new StringDeserializer(), new ByteArrayDeserializer());
        state = driver.createOutputTopic(Topics.STATE, new StringDeserializer(), new ByteArrayDeserializer());
        definitions.pipeInput("task:charge", bytes("{\"name\":\"charge\",\"payloadFormat\":\"AVRO\",\"commandTopic\":\"charge.commands\"}"));
        definitions.pipeInput("task:unregistered", bytes("{\"name\":\"unregistered\",\"payloadFormat\":\"AVRO\"}"));
        definitions.pipeInput("workflow:pay:1", bytes("""
                {"name":"pay","version":1,"tasks":[{"name":"charge","taskReferenceName":"c","inputParameters":{
                  "bookingId":"${workflow.input.bookingId}","amount":"${workflow.input.amount}"}}],
                 "outputParameters":{"paymentId":"${c.output.paymentId}"}}"""));
        definitions.pipeInput("workflow:nowhere:1", bytes("""
                {"name":"nowhere","version":1,"tasks":[{"name":"unregistered","taskReferenceName":"u"}]}"""));
        registry.register("charge.commands-value", INPUT.toString());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void sendsAvroCommandsAndAcceptsAvroReplies() throws Exception {
        start("wf-1", "pay", "{\"bookingId\":\"BK-1\",\"amount\":120}");
        TestRecord<String, byte[]> command = charges.readRecord();
        assertThat(command.value()[0]).isEqualTo(WireFormat.MAGIC_BYTE);
        assertThat(registry.getById(WireFormat.schemaId(command.value()))).isEqualTo(INPUT);
        GenericRecord decoded = new GenericDatumReader<GenericRecord>(INPUT).read(null, DecoderFactory.get()
                .binaryDecoder(command.value(), WireFormat.HEADER_SIZE, command.value().length - WireFormat.HEADER_SIZE, null));
        assertThat(decoded.get("bookingId").toString()).isEqualTo("BK-1");
        assertThat(decoded.get("amount")).isEqualTo(120);

        int outputId = registry.register("baton.replies-value", OUTPUT.toString());
        GenericRecord result = new GenericData.Record(OUTPUT);
        result.put("paymentId", "PAY-9");
        Headers h = new RecordHeaders(command.headers().toArray());
        h.add(BatonHeaders.STATUS, bytes("COMPLETED"));
        replies.pipeInput(new TestRecord<>("wf-1", WireFormat.frame(outputId, avro(result)), h));

        WorkflowSnapshot last = lastSnapshot();
        assertThat(last.getStatus()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(last.getOutput()).isEqualTo("{\"paymentId\":\"PAY-9\"}");
    }

    @Test
    void inputThatDoesNotFitTheSchemaFailsTheTaskWithTheReason() {
        start("wf-2", "pay", "{\"bookingId\":\"BK-2\"}");
        assertThat(charges.isEmpty()).isTrue();
        WorkflowSnapshot last = lastSnapshot();
        assertThat(last.getStatus()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(last.getTasks().get(0).getStatus()).isEqualTo("FAILED_WITH_TERMINAL_ERROR");
        assertThat(last.getReasonForIncompletion()).startsWith("task input does not fit schema charge.commands-value version 1");
    }

    @Test
    void aMissingSchemaFailsTheTaskWithTheReason() {
        start("wf-3", "nowhere", "{}");
        WorkflowSnapshot last = lastSnapshot();
        assertThat(last.getStatus()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(last.getReasonForIncompletion())
                .isEqualTo("no Avro schema registered under subject unregistered.commands-value");
    }

    private void start(String id, String workflow, String input) {
        commands.pipeInput(id, codec.encodeControl(WorkflowControl.newBuilder().setCommandId("c-" + id)
                .setWorkflowId(id).setType(ControlType.START).setWorkflowName(workflow).setInput(input)
                .setTimestamp(0).build()));
    }

    private WorkflowSnapshot lastSnapshot() {
        List<byte[]> all = state.readValuesToList();
        return codec.decodeSnapshot(all.get(all.size() - 1));
    }

    private static byte[] avro(GenericRecord record) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

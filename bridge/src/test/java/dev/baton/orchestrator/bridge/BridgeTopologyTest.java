package dev.baton.orchestrator.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.orchestrator.kafka.Topics;
import dev.baton.orchestrator.runtime.BatonTopology;
import dev.baton.orchestrator.runtime.CommandPayloads;
import dev.baton.orchestrator.runtime.DeadLetters;
import dev.baton.orchestrator.runtime.ProtocolCodec;
import dev.baton.orchestrator.runtime.ReplyDecoder;
import dev.baton.orchestrator.runtime.ReplyTopics;
import dev.baton.orchestrator.runtime.RuntimeMetrics;
import dev.baton.protocol.ControlType;
import dev.baton.protocol.WorkflowControl;
import dev.baton.protocol.WorkflowEventType;
import dev.baton.protocol.WorkflowSnapshot;
import dev.baton.protocol.WorkflowStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
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

/** The bridge processor inside Baton's topology (JSON encoding, simulated wall clock): index, buffer, TTL, BIND. */
class BridgeTopologyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FLOW = """
            {"name": "booking", "version": 1,
             "eventSources": [{"name": "requested", "topic": "bookings", "correlationKey": "$.bookingId",
                               "action": "start_workflow"}],
             "tasks": [
              {"name": "reserve_seat", "taskReferenceName": "reserve_seat", "mode": "observe",
               "completeOn": {"topic": "seats", "correlationKey": "$.bookingId"}},
              {"name": "charge_payment", "taskReferenceName": "charge_payment", "mode": "observe",
               "completeOn": {"topic": "payments", "correlationKey": "$.bookingId"}}]}""";

    private final ProtocolCodec codec = ProtocolCodec.json();
    private final BridgeMetrics metrics = new BridgeMetrics();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> bridge;
    private TestInputTopic<String, byte[]> commandsIn;
    private TestOutputTopic<String, byte[]> commands;
    private TestOutputTopic<byte[], byte[]> parked;
    private TestOutputTopic<String, byte[]> events;
    private TestOutputTopic<String, byte[]> state;
    private TestOutputTopic<String, byte[]> dlq;
    private long offset;

    @BeforeEach
    void setUp() throws IOException {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "bridge-topology-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(
                StreamsConfig.STATE_DIR_CONFIG,
                Files.createTempDirectory("baton-bridge-ttd").toString());
        driver = new TopologyTestDriver(
                BatonTopology.build(
                        codec,
                        new ReplyDecoder(null),
                        new CommandPayloads(null),
                        ReplyTopics.of(Topics.REPLIES, null),
                        Duration.ofMillis(100),
                        Duration.ofDays(7),
                        new RuntimeMetrics(),
                        new BridgeTopology(codec, Duration.ofSeconds(5), Duration.ofMillis(500), metrics)),
                p,
                Instant.ofEpochMilli(1_000_000));
        bridge = driver.createInputTopic(Topics.BRIDGE, new StringSerializer(), new ByteArraySerializer());
        commandsIn = driver.createInputTopic(Topics.COMMANDS, new StringSerializer(), new ByteArraySerializer());
        commands = driver.createOutputTopic(Topics.COMMANDS, new StringDeserializer(), new ByteArrayDeserializer());
        parked = driver.createOutputTopic(
                Topics.BRIDGE_PARKED, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        events = driver.createOutputTopic(Topics.EVENTS, new StringDeserializer(), new ByteArrayDeserializer());
        state = driver.createOutputTopic(Topics.STATE, new StringDeserializer(), new ByteArrayDeserializer());
        dlq = driver.createOutputTopic(Topics.DLQ, new StringDeserializer(), new ByteArrayDeserializer());
        driver.createInputTopic(Topics.DEFINITIONS, new StringSerializer(), new ByteArraySerializer())
                .pipeInput("workflow:booking:1", FLOW.getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    /** A bridge record as the ingest writes it, for an event on {@code topic} whose value is {@code payload}. */
    private void event(String action, String source, String taskRef, String businessKey, String payload) {
        String topic = switch (source) {
            case "requested" -> "bookings";
            case "reserve_seat.completeOn" -> "seats";
            default -> "payments";
        };
        long at = offset++;
        ConsumerRecord<byte[], byte[]> original = new ConsumerRecord<>(
                topic,
                0,
                at,
                5L,
                TimestampType.CREATE_TIME,
                0,
                0,
                businessKey.getBytes(StandardCharsets.UTF_8),
                payload.getBytes(StandardCharsets.UTF_8),
                new RecordHeaders().add("trace", "t-1".getBytes(StandardCharsets.UTF_8)),
                java.util.Optional.empty());
        JsonNode body = read(payload);
        BridgeRecord r = new BridgeRecord(
                action,
                EventMapper.eventId(original),
                source,
                "booking",
                taskRef,
                businessKey,
                body,
                action.equals(BridgeRecord.START_WORKFLOW) ? (ObjectNode) body : null,
                5L,
                null,
                EventMapper.origin(original));
        bridge.pipeInput(r.key(), r.encode());
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<WorkflowControl> controls() {
        return commands.readValuesToList().stream().map(codec::decodeControl).toList();
    }

    private WorkflowSnapshot latest(String workflowId) {
        WorkflowSnapshot last = null;
        for (TestRecord<String, byte[]> r : state.readRecordsToList()) {
            if (workflowId.equals(r.key()) && r.value() != null) {
                last = codec.decodeSnapshot(r.value());
            }
        }
        return last;
    }

    private List<WorkflowEventType> history(String workflowId) {
        List<WorkflowEventType> types = new ArrayList<>();
        for (TestRecord<String, byte[]> r : events.readRecordsToList()) {
            if (workflowId.equals(r.key())) {
                types.add(codec.decodeEvent(r.value()).getType());
            }
        }
        return types;
    }

    @Test
    void aStartEventStartsTheInstanceUnderADerivedIdWithTheBusinessKeyAsCorrelationId() {
        event(BridgeRecord.START_WORKFLOW, "requested", null, "BK-1", "{\"bookingId\": \"BK-1\", \"seat\": \"1A\"}");

        List<WorkflowControl> sent = controls();
        WorkflowControl start = sent.get(0);
        assertThat(start.getType()).isEqualTo(ControlType.START);
        assertThat(start.getWorkflowName()).isEqualTo("booking");
        assertThat(start.getCorrelationId()).isEqualTo("BK-1");
        assertThat(start.getRequestedBy()).isEqualTo("requested");
        assertThat(start.getCommandId()).isEqualTo("bookings-0-0");
        assertThat(read(start.getInput()).path("seat").asText()).isEqualTo("1A");
        WorkflowSnapshot s = latest(start.getWorkflowId());
        assertThat(s.getStatus()).isEqualTo(WorkflowStatus.RUNNING);
        assertThat(s.getCorrelationId()).isEqualTo("BK-1");
        assertThat(metrics.started()).isEqualTo(1);

        event(
                BridgeRecord.COMPLETE_TASK,
                "reserve_seat.completeOn",
                "reserve_seat",
                "BK-1",
                "{\"bookingId\": \"BK-1\"}");
        event(
                BridgeRecord.COMPLETE_TASK,
                "charge_payment.completeOn",
                "charge_payment",
                "BK-1",
                "{\"bookingId\": \"BK-1\"}");
        assertThat(latest(start.getWorkflowId()).getStatus()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(metrics.forwarded()).isEqualTo(2);
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void eventsBeforeTheirInstanceWaitAndAreReleasedInArrivalOrderByTheStart() {
        event(BridgeRecord.COMPLETE_TASK, "charge_payment.completeOn", "charge_payment", "BK-2", "{\"n\": 1}");
        event(BridgeRecord.COMPLETE_TASK, "reserve_seat.completeOn", "reserve_seat", "BK-2", "{\"n\": 2}");
        assertThat(commands.isEmpty()).isTrue();
        assertThat(metrics.buffered()).isEqualTo(2);

        event(BridgeRecord.START_WORKFLOW, "requested", null, "BK-2", "{\"bookingId\": \"BK-2\"}");

        List<WorkflowControl> sent = controls();
        assertThat(sent)
                .extracting(WorkflowControl::getType)
                .containsExactly(ControlType.START, ControlType.EVENT, ControlType.EVENT);
        assertThat(sent)
                .extracting(WorkflowControl::getTaskRef)
                .containsExactly(null, "charge_payment", "reserve_seat");
        String id = sent.get(0).getWorkflowId();
        assertThat(sent).extracting(WorkflowControl::getWorkflowId).containsOnly(id);
        assertThat(latest(id).getStatus()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(metrics.released()).isEqualTo(2);

        // nothing is left to expire
        driver.advanceWallClockTime(Duration.ofSeconds(10));
        assertThat(parked.isEmpty()).isTrue();
        assertThat(metrics.expired()).isZero();
    }

    @Test
    void aRepeatedStartIsRecordedInTheExistingInstanceAndStartsNothing() {
        event(BridgeRecord.START_WORKFLOW, "requested", null, "BK-3", "{\"bookingId\": \"BK-3\"}");
        event(BridgeRecord.START_WORKFLOW, "requested", null, "BK-3", "{\"bookingId\": \"BK-3\"}");

        List<WorkflowControl> sent = controls();
        assertThat(sent).extracting(WorkflowControl::getType).containsExactly(ControlType.START, ControlType.EVENT);
        assertThat(sent.get(1).getTaskRef()).isNull();
        assertThat(sent.get(1).getWorkflowId()).isEqualTo(sent.get(0).getWorkflowId());
        assertThat(history(sent.get(0).getWorkflowId())).endsWith(WorkflowEventType.REPLY_IGNORED);
        assertThat(metrics.repeatedStarts()).isEqualTo(1);
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void anEventNoInstanceComesForIsParkedAfterTheTtlWithItsOriginalBytes() {
        event(
                BridgeRecord.COMPLETE_TASK,
                "reserve_seat.completeOn",
                "reserve_seat",
                "BK-404",
                "{\"bookingId\":\"BK-404\"}");
        driver.advanceWallClockTime(Duration.ofSeconds(3));
        assertThat(parked.isEmpty()).isTrue();

        driver.advanceWallClockTime(Duration.ofSeconds(3));

        TestRecord<byte[], byte[]> p = parked.readRecord();
        assertThat(new String(p.value(), StandardCharsets.UTF_8)).isEqualTo("{\"bookingId\":\"BK-404\"}");
        assertThat(new String(p.key(), StandardCharsets.UTF_8)).isEqualTo("BK-404");
        assertThat(p.timestamp()).isEqualTo(5L);
        assertThat(header(p, DeadLetters.REASON)).isEqualTo("no instance for booking|BK-404 within 5000 ms");
        assertThat(header(p, "trace")).isEqualTo("t-1");
        assertThat(header(p, DeadLetters.SOURCE_TOPIC)).isEqualTo("seats");
        assertThat(header(p, Parking.SOURCE)).isEqualTo("reserve_seat.completeOn");
        assertThat(metrics.expired()).isEqualTo(1);
        assertThat(commands.isEmpty()).isTrue();

        // a start after the expiry finds nothing waiting
        event(BridgeRecord.START_WORKFLOW, "requested", null, "BK-404", "{\"bookingId\": \"BK-404\"}");
        assertThat(controls()).extracting(WorkflowControl::getType).containsExactly(ControlType.START);
    }

    @Test
    void anInstanceStartedThroughTheApiWithACorrelationIdIsBoundAndReceivesItsEvents() {
        event(BridgeRecord.COMPLETE_TASK, "reserve_seat.completeOn", "reserve_seat", "BK-API", "{}");
        commandsIn.pipeInput(
                "wf-api",
                codec.encodeControl(WorkflowControl.newBuilder()
                        .setCommandId("c-1")
                        .setWorkflowId("wf-api")
                        .setType(ControlType.START)
                        .setWorkflowName("booking")
                        .setInput("{}")
                        .setCorrelationId("BK-API")
                        .setTimestamp(0)
                        .build()));

        assertThat(metrics.bound()).isEqualTo(1);
        List<WorkflowControl> sent = controls();
        assertThat(sent).extracting(WorkflowControl::getType).containsExactly(ControlType.EVENT);
        assertThat(sent.get(0).getWorkflowId()).isEqualTo("wf-api");
        assertThat(sent.get(0).getTaskRef()).isEqualTo("reserve_seat");
        event(BridgeRecord.COMPLETE_TASK, "charge_payment.completeOn", "charge_payment", "BK-API", "{}");
        assertThat(latest("wf-api").getStatus()).isEqualTo(WorkflowStatus.COMPLETED);

        // a delete unbinds the key: a later event for it waits for a new instance
        commandsIn.pipeInput(
                "wf-api",
                codec.encodeControl(WorkflowControl.newBuilder()
                        .setCommandId("c-2")
                        .setWorkflowId("wf-api")
                        .setType(ControlType.DELETE)
                        .setTimestamp(0)
                        .build()));
        assertThat(metrics.unbound()).isEqualTo(1);
        commands.readValuesToList();
        event(BridgeRecord.COMPLETE_TASK, "reserve_seat.completeOn", "reserve_seat", "BK-API", "{}");
        assertThat(commands.isEmpty()).isTrue();
        assertThat(metrics.buffered()).isEqualTo(2);
    }

    @Test
    void aFailEventFailsTheStep() {
        driver.createInputTopic(Topics.DEFINITIONS, new StringSerializer(), new ByteArraySerializer())
                .pipeInput(
                        "task:reserve_seat",
                        "{\"name\": \"reserve_seat\", \"retryCount\": 0}".getBytes(StandardCharsets.UTF_8));
        event(BridgeRecord.START_WORKFLOW, "requested", null, "BK-5", "{\"bookingId\": \"BK-5\"}");
        event(BridgeRecord.FAIL_TASK, "charge_payment.failOn", "reserve_seat", "BK-5", "{\"why\": \"no seats\"}");
        List<WorkflowControl> sent = controls();
        assertThat(sent.get(1).getTaskStatus()).isEqualTo(dev.baton.protocol.TaskReplyStatus.FAILED);
        assertThat(sent.get(1).getReason()).contains("charge_payment.failOn");
        assertThat(latest(sent.get(0).getWorkflowId()).getStatus()).isEqualTo(WorkflowStatus.FAILED);
    }

    @Test
    void anUpdateVariablesEventSetsTheInstancesVariables() {
        event(BridgeRecord.START_WORKFLOW, "requested", null, "BK-6", "{\"bookingId\": \"BK-6\"}");
        event(BridgeRecord.UPDATE_VARIABLES, "payments-vars", null, "BK-6", "{\"x\": 1}");
        List<WorkflowControl> sent = controls();
        assertThat(sent)
                .extracting(WorkflowControl::getType)
                .containsExactly(dev.baton.protocol.ControlType.START, dev.baton.protocol.ControlType.UPDATE_VARIABLES);
        assertThat(sent.get(1).getWorkflowId()).isEqualTo(sent.get(0).getWorkflowId());
        assertThat(sent.get(1).getInput()).isEqualTo("{\"x\":1}");
        assertThat(parked.isEmpty()).isTrue();
    }

    @Test
    void aRecordThatIsNoBridgeRecordGoesToTheDlq() {
        bridge.pipeInput("booking|X", "not json".getBytes(StandardCharsets.UTF_8));
        TestRecord<String, byte[]> d = dlq.readRecord();
        assertThat(new String(d.value(), StandardCharsets.UTF_8)).isEqualTo("not json");
        assertThat(header(d, DeadLetters.REASON)).startsWith("not a bridge record");
        assertThat(commands.isEmpty()).isTrue();
    }

    @Test
    void bindingsStayWithDefinitionsThatHaveEventSources() {
        driver.createInputTopic(Topics.DEFINITIONS, new StringSerializer(), new ByteArraySerializer())
                .pipeInput("workflow:plain:1", """
                        {"name": "plain", "version": 1, "tasks": [{"name": "x", "taskReferenceName": "x"}]}""".getBytes(StandardCharsets.UTF_8));
        commandsIn.pipeInput(
                "wf-plain",
                codec.encodeControl(WorkflowControl.newBuilder()
                        .setCommandId("c-1")
                        .setWorkflowId("wf-plain")
                        .setType(ControlType.START)
                        .setWorkflowName("plain")
                        .setInput("{}")
                        .setCorrelationId("K")
                        .setTimestamp(0)
                        .build()));
        assertThat(metrics.bound()).isZero();
    }

    private static String header(TestRecord<?, ?> r, String key) {
        var h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}

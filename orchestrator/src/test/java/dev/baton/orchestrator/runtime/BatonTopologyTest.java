package dev.baton.orchestrator.runtime;

import dev.baton.worker.BatonHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.protocol.ControlType;
import dev.baton.protocol.WorkflowControl;
import dev.baton.protocol.WorkflowEvent;
import dev.baton.protocol.WorkflowEventType;
import dev.baton.protocol.WorkflowSnapshot;
import dev.baton.protocol.WorkflowStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
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

/** The topology, driven record by record (JSON encoding, no broker). */
class BatonTopologyTest {
    private static final String WORKFLOW = """
            {"name":"two_steps","version":1,"schemaVersion":2,"tasks":[
              {"name":"step_a","taskReferenceName":"a","inputParameters":{"x":"${workflow.input.x}"}},
              {"name":"step_b","taskReferenceName":"b","inputParameters":{"y":"${a.output.y}"}}],
             "outputParameters":{"result":"${b.output.z}"}}""";

    private TopologyTestDriver driver;
    private final ProtocolCodec codec = ProtocolCodec.json();
    private TestInputTopic<String, byte[]> definitions;
    private TestInputTopic<String, byte[]> commands;
    private TestInputTopic<String, byte[]> replies;
    private TestOutputTopic<String, byte[]> stepA;
    private TestOutputTopic<String, byte[]> stepB;
    private TestOutputTopic<String, byte[]> events;
    private TestOutputTopic<String, byte[]> state;
    private TestOutputTopic<String, byte[]> dlq;

    @BeforeEach
    void setUp() throws Exception {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("baton-ttd").toString());
        driver = new TopologyTestDriver(BatonTopology.build(codec, new ReplyDecoder(null), new CommandPayloads(null), Topics.REPLIES,
                Duration.ofMillis(100), new RuntimeMetrics()), p, Instant.ofEpochMilli(1_000_000));
        definitions = input(Topics.DEFINITIONS);
        commands = input(Topics.COMMANDS);
        replies = input(Topics.REPLIES);
        stepA = output("step_a.commands");
        stepB = output("step_b.commands");
        events = output(Topics.EVENTS);
        state = output(Topics.STATE);
        dlq = output(Topics.DLQ);
        definitions.pipeInput("workflow:two_steps:1", WORKFLOW.getBytes(StandardCharsets.UTF_8));
        definitions.pipeInput("task:step_a", "{\"name\":\"step_a\",\"retryCount\":1,\"retryDelaySeconds\":2}".getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void runsASequentialWorkflowFromStartToCompletion() {
        start("wf-1", "{\"x\":42}");
        TestRecord<String, byte[]> cmdA = stepA.readRecord();
        assertThat(cmdA.key()).isEqualTo("wf-1");
        assertThat(text(cmdA.value())).isEqualTo("{\"x\":42}");
        assertThat(header(cmdA.headers(), BatonHeaders.TASK_TYPE)).isEqualTo("step_a");
        assertThat(header(cmdA.headers(), BatonHeaders.ATTEMPT)).isEqualTo("0");
        assertThat(header(cmdA.headers(), BatonHeaders.REPLY_TO)).isEqualTo(Topics.REPLIES);
        assertThat(header(cmdA.headers(), BatonHeaders.TRACEPARENT)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");

        reply(cmdA, "COMPLETED", "{\"y\":\"why\"}");
        TestRecord<String, byte[]> cmdB = stepB.readRecord();
        assertThat(text(cmdB.value())).isEqualTo("{\"y\":\"why\"}");
        reply(cmdB, "COMPLETED", "{\"z\":7}");

        List<WorkflowEvent> history = events.readValuesToList().stream().map(codec::decodeEvent).toList();
        assertThat(history).extracting(WorkflowEvent::getType).containsExactly(
                WorkflowEventType.WORKFLOW_STARTED, WorkflowEventType.TASK_SCHEDULED, WorkflowEventType.TASK_COMPLETED,
                WorkflowEventType.TASK_SCHEDULED, WorkflowEventType.TASK_COMPLETED, WorkflowEventType.WORKFLOW_COMPLETED);
        assertThat(history).extracting(WorkflowEvent::getSeq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        WorkflowSnapshot last = lastSnapshot();
        assertThat(last.getStatus()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(last.getOutput()).isEqualTo("{\"result\":7}");
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void retriesAFailedTaskAfterItsDelayWhenTheTimerFires() {
        start("wf-2", "{}");
        TestRecord<String, byte[]> first = stepA.readRecord();
        reply(first, "FAILED", "{\"reason\":\"seat map down\"}");
        assertThat(stepA.isEmpty()).isTrue();

        driver.advanceWallClockTime(Duration.ofMillis(1_000));
        assertThat(stepA.isEmpty()).as("still inside the 2 s retry delay").isTrue();
        driver.advanceWallClockTime(Duration.ofMillis(1_500));
        TestRecord<String, byte[]> second = stepA.readRecord();
        assertThat(header(second.headers(), BatonHeaders.ATTEMPT)).isEqualTo("1");

        reply(second, "FAILED", "{}");
        WorkflowSnapshot last = lastSnapshot();
        assertThat(last.getStatus()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(last.getReasonForIncompletion()).isEqualTo("task failed");
        assertThat(stepB.isEmpty()).isTrue();
    }

    @Test
    void poisonGoesToTheDlqAndTheNextRecordIsProcessed() {
        commands.pipeInput("wf-x", "not json".getBytes(StandardCharsets.UTF_8));
        start("wf-3", "[1,2]");
        start("wf-4", "{}");
        start("wf-4", "{}");
        List<String> reasons = dlq.readRecordsToList().stream()
                .map(r -> header(r.headers(), DeadLetters.REASON)).toList();
        assertThat(reasons).hasSize(3);
        assertThat(reasons.get(0)).startsWith("not a WorkflowControl record");
        assertThat(reasons.get(1)).isEqualTo("input must be a JSON object");
        assertThat(reasons.get(2)).isEqualTo("workflow wf-4 already exists");
        assertThat(stepA.readRecordsToList()).hasSize(1);
    }

    @Test
    void pauseHoldsTheNextStepAndResumeReleasesIt() {
        start("wf-5", "{}");
        TestRecord<String, byte[]> cmdA = stepA.readRecord();
        control("wf-5", ControlType.PAUSE);
        reply(cmdA, "COMPLETED", "{}");
        assertThat(stepB.isEmpty()).isTrue();
        assertThat(lastSnapshot().getStatus()).isEqualTo(WorkflowStatus.PAUSED);
        control("wf-5", ControlType.RESUME);
        assertThat(stepB.readRecord().key()).isEqualTo("wf-5");
        control("wf-5", ControlType.TERMINATE);
        assertThat(lastSnapshot().getStatus()).isEqualTo(WorkflowStatus.TERMINATED);
        control("wf-5", ControlType.PAUSE);
        assertThat(header(dlq.readRecord().headers(), DeadLetters.REASON))
                .isEqualTo("cannot pause a workflow that is TERMINATED");
    }

    private void start(String id, String input) {
        commands.pipeInput(id, codec.encodeControl(WorkflowControl.newBuilder().setCommandId("c-" + id)
                .setWorkflowId(id).setType(ControlType.START).setWorkflowName("two_steps").setInput(input)
                .setTimestamp(0).build()));
    }

    private void control(String id, ControlType type) {
        commands.pipeInput(id, codec.encodeControl(WorkflowControl.newBuilder().setCommandId("c-" + type + id)
                .setWorkflowId(id).setType(type).setTimestamp(0).build()));
    }

    private void reply(TestRecord<String, byte[]> command, String status, String output) {
        Headers h = new RecordHeaders(command.headers().toArray());
        ProtocolHeaders.put(h, BatonHeaders.STATUS, status);
        replies.pipeInput(new TestRecord<>(command.key(), output.getBytes(StandardCharsets.UTF_8), h));
    }

    private WorkflowSnapshot lastSnapshot() {
        List<byte[]> all = state.readValuesToList();
        return codec.decodeSnapshot(all.get(all.size() - 1));
    }

    private TestInputTopic<String, byte[]> input(String topic) {
        return driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer());
    }

    private TestOutputTopic<String, byte[]> output(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static String header(Headers h, String key) {
        return ProtocolHeaders.get(h, key);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}

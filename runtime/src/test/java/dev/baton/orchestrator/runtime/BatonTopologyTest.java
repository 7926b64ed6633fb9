package dev.baton.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.orchestrator.kafka.Topics;
import dev.baton.protocol.BatonHeaders;
import dev.baton.protocol.ControlType;
import dev.baton.protocol.WorkflowEvent;
import dev.baton.protocol.WorkflowEventType;
import dev.baton.protocol.WorkflowSnapshot;
import dev.baton.protocol.WorkflowStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestOutputTopic;
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

    private TopologyDriver t;
    private TestOutputTopic<String, byte[]> stepA;
    private TestOutputTopic<String, byte[]> stepB;
    private TestOutputTopic<String, byte[]> events;
    private TestOutputTopic<String, byte[]> dlq;

    @BeforeEach
    void setUp() {
        t = new TopologyDriver(null);
        stepA = t.output("step_a.commands");
        stepB = t.output("step_b.commands");
        events = t.output(Topics.EVENTS);
        dlq = t.output(Topics.DLQ);
        t.define("workflow:two_steps:1", WORKFLOW);
        t.define("task:step_a", "{\"name\":\"step_a\",\"retryCount\":1,\"retryDelaySeconds\":2}");
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    @Test
    void runsASequentialWorkflowFromStartToCompletion() {
        t.start("wf-1", "two_steps", "{\"x\":42}");
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

        List<WorkflowEvent> history =
                events.readValuesToList().stream().map(t.codec::decodeEvent).toList();
        assertThat(history)
                .extracting(WorkflowEvent::getType)
                .containsExactly(
                        WorkflowEventType.WORKFLOW_STARTED,
                        WorkflowEventType.TASK_SCHEDULED,
                        WorkflowEventType.TASK_COMPLETED,
                        WorkflowEventType.TASK_SCHEDULED,
                        WorkflowEventType.TASK_COMPLETED,
                        WorkflowEventType.WORKFLOW_COMPLETED);
        assertThat(history).extracting(WorkflowEvent::getSeq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        WorkflowSnapshot last = t.lastSnapshot();
        assertThat(last.getStatus()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(last.getOutput()).isEqualTo("{\"result\":7}");
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void retriesAFailedTaskAfterItsDelayWhenTheTimerFires() {
        t.start("wf-2", "two_steps", "{}");
        TestRecord<String, byte[]> first = stepA.readRecord();
        reply(first, "FAILED", "{\"reason\":\"seat map down\"}");
        assertThat(stepA.isEmpty()).isTrue();

        t.driver.advanceWallClockTime(Duration.ofMillis(1_000));
        assertThat(stepA.isEmpty()).as("still inside the 2 s retry delay").isTrue();
        t.driver.advanceWallClockTime(Duration.ofMillis(1_500));
        TestRecord<String, byte[]> second = stepA.readRecord();
        assertThat(header(second.headers(), BatonHeaders.ATTEMPT)).isEqualTo("1");

        reply(second, "FAILED", "{}");
        WorkflowSnapshot last = t.lastSnapshot();
        assertThat(last.getStatus()).isEqualTo(WorkflowStatus.FAILED);
        // a reply without a reason leaves it null, and Conductor's workflow reason says so
        assertThat(last.getReasonForIncompletion())
                .matches("Task [0-9a-f-]+ failed with status: FAILED and reason: 'null'");
        assertThat(stepB.isEmpty()).isTrue();
    }

    @Test
    void poisonGoesToTheDlqAndTheNextRecordIsProcessed() {
        t.commands.pipeInput("wf-x", TopologyDriver.bytes("not json"));
        t.start("wf-3", "two_steps", "[1,2]");
        t.start("wf-4", "two_steps", "{}");
        t.start("wf-4", "two_steps", "{}");
        List<String> reasons = dlq.readRecordsToList().stream()
                .map(r -> header(r.headers(), DeadLetters.REASON))
                .toList();
        assertThat(reasons).hasSize(3);
        assertThat(reasons.get(0)).startsWith("not a WorkflowControl record");
        assertThat(reasons.get(1)).isEqualTo("input must be a JSON object");
        assertThat(reasons.get(2)).isEqualTo("workflow wf-4 already exists");
        assertThat(stepA.readRecordsToList()).hasSize(1);
    }

    @Test
    void pauseHoldsTheNextStepAndResumeReleasesIt() {
        t.start("wf-5", "two_steps", "{}");
        TestRecord<String, byte[]> cmdA = stepA.readRecord();
        t.control("wf-5", ControlType.PAUSE);
        reply(cmdA, "COMPLETED", "{}");
        assertThat(stepB.isEmpty()).isTrue();
        assertThat(t.lastSnapshot().getStatus()).isEqualTo(WorkflowStatus.PAUSED);
        t.control("wf-5", ControlType.RESUME);
        assertThat(stepB.readRecord().key()).isEqualTo("wf-5");
        t.control("wf-5", ControlType.TERMINATE);
        assertThat(t.lastSnapshot().getStatus()).isEqualTo(WorkflowStatus.TERMINATED);
        t.control("wf-5", ControlType.PAUSE);
        assertThat(header(dlq.readRecord().headers(), DeadLetters.REASON))
                .isEqualTo("cannot pause a workflow that is TERMINATED");
    }

    @Test
    void eachStepAppliedWakesTheWorkflowsWatchersAndNoOtherWorkflows() throws Exception {
        try (AppliedNotices.Watch watched = t.applied.watch("wf-7");
                AppliedNotices.Watch other = t.applied.watch("wf-8")) {
            t.start("wf-7", "two_steps", "{}");
            assertThat(watched.await(0)).as("the start was applied").isTrue();
            assertThat(watched.await(0)).isFalse();
            reply(stepA.readRecord(), "COMPLETED", "{\"y\":1}");
            assertThat(watched.await(0)).as("the reply was applied").isTrue();
            assertThat(other.await(0)).as("nothing happened to wf-8").isFalse();
        }
        assertThat(t.applied.watchedCount()).isZero();
    }

    @Test
    void aConditionalWatchIsWokenByTheStepAfterWhichItsConditionHolds() throws Exception {
        t.start("wf-9", "two_steps", "{}");
        TestRecord<String, byte[]> first = stepA.readRecord();
        String taskId = header(first.headers(), BatonHeaders.TASK_ID);
        try (AppliedNotices.Watch ended = t.applied.watch(
                "wf-9", wf -> wf.task(taskId).map(x -> x.status.isTerminal()).orElse(false))) {
            t.control("wf-9", ControlType.PAUSE);
            assertThat(ended.await(0))
                    .as("a step after which the task still runs")
                    .isFalse();
            reply(first, "COMPLETED", "{\"y\":1}");
            assertThat(ended.await(0)).as("the step that ended the task").isTrue();
        }
    }

    private void reply(TestRecord<String, byte[]> command, String status, String output) {
        Headers h = new RecordHeaders(command.headers().toArray());
        ProtocolHeaders.put(h, BatonHeaders.STATUS, status);
        t.replies.pipeInput(new TestRecord<>(command.key(), TopologyDriver.bytes(output), h));
    }

    private static String header(Headers h, String key) {
        return ProtocolHeaders.get(h, key);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}

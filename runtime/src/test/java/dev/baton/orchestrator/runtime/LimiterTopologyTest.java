package dev.baton.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.orchestrator.kafka.Topics;
import dev.baton.orchestrator.runtime.limiter.LimiterRecords;
import dev.baton.protocol.BatonHeaders;
import dev.baton.protocol.ControlType;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Concurrency and rate limits of task definitions, through the whole topology: the workflow
 * processor sends a limited task's command to the limiter, which lets it go to the service topic
 * once a slot is free or the rate window has room; a task's end frees its slot.
 */
class LimiterTopologyTest {
    private TopologyDriver t;
    private TestOutputTopic<String, byte[]> limited;
    private TestOutputTopic<String, byte[]> rated;
    private TestOutputTopic<String, byte[]> dlq;

    @BeforeEach
    void setUp() {
        t = new TopologyDriver(null);
        limited = t.output("limited.commands");
        rated = t.output("rated.commands");
        dlq = t.output(Topics.DLQ);
        t.define("task:limited", "{\"name\": \"limited\", \"concurrentExecLimit\": 2, \"retryCount\": 0}");
        t.define(
                "task:rated",
                "{\"name\": \"rated\", \"rateLimitPerFrequency\": 2, \"rateLimitFrequencyInSeconds\": 10,"
                        + " \"retryCount\": 0}");
        t.define("workflow:limited_wf:1", """
                {"name": "limited_wf", "version": 1, "tasks": [
                  {"name": "limited", "taskReferenceName": "l", "inputParameters": {"n": "${workflow.input.n}"}}]}""");
        t.define("workflow:rated_wf:1", """
                {"name": "rated_wf", "version": 1, "tasks": [{"name": "rated", "taskReferenceName": "r"}]}""");
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    @Test
    void atMostTheLimitRunAtOnceAndEachEndLetsTheNextGoInOrder() {
        for (int i = 1; i <= 5; i++) {
            t.start("wf-" + i, "limited_wf", "{\"n\": " + i + "}");
        }
        List<TestRecord<String, byte[]>> first = limited.readRecordsToList();
        assertThat(first).extracting(TestRecord::key).containsExactly("wf-1", "wf-2");
        // what goes to the service is the command itself: no limiter header left on it
        assertThat(first.get(0).headers().toArray()).noneMatch(h -> h.key().startsWith("baton-limiter"));
        assertThat(TopologyDriver.text(first.get(0).value())).isEqualTo("{\"n\":1}");
        assertThat(ProtocolHeaders.get(first.get(0).headers(), BatonHeaders.TASK_TYPE))
                .isEqualTo("limited");

        reply(first.get(1), "COMPLETED");
        assertThat(limited.readRecordsToList()).extracting(TestRecord::key).containsExactly("wf-3");
        reply(first.get(0), "IN_PROGRESS");
        assertThat(limited.isEmpty())
                .as("an IN_PROGRESS task still holds its slot")
                .isTrue();
        reply(first.get(0), "FAILED");
        assertThat(limited.readRecordsToList()).extracting(TestRecord::key).containsExactly("wf-4");
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void theLimitHoldsAcrossTheBranchesOfOneWorkflowToo() {
        t.define("workflow:fork_wf:1", """
                {"name": "fork_wf", "version": 1, "tasks": [
                  {"name": "fork", "taskReferenceName": "fork", "type": "FORK_JOIN", "forkTasks": [
                    [{"name": "limited", "taskReferenceName": "a"}], [{"name": "limited", "taskReferenceName": "b"}],
                    [{"name": "limited", "taskReferenceName": "c"}]]},
                  {"name": "join", "taskReferenceName": "join", "type": "JOIN", "joinOn": ["a", "b", "c"]}]}""");
        t.start("wf-f", "fork_wf", "{}");
        List<TestRecord<String, byte[]>> first = limited.readRecordsToList();
        assertThat(first)
                .extracting(r -> ProtocolHeaders.get(r.headers(), BatonHeaders.TASK_REF))
                .containsExactly("a", "b");

        reply(first.get(1), "COMPLETED");
        TestRecord<String, byte[]> third = limited.readRecord();
        assertThat(ProtocolHeaders.get(third.headers(), BatonHeaders.TASK_REF)).isEqualTo("c");
        reply(first.get(0), "COMPLETED");
        reply(third, "COMPLETED");
        assertThat(t.lastSnapshot().getStatus()).isEqualTo(dev.baton.protocol.WorkflowStatus.COMPLETED);
    }

    @Test
    void aHeldTaskThatEndsBeforeItsTurnIsNeverSentAndATerminatedRunnerFreesItsSlot() {
        for (int i = 1; i <= 4; i++) {
            t.start("wf-" + i, "limited_wf", "{}");
        }
        assertThat(limited.readRecordsToList()).extracting(TestRecord::key).containsExactly("wf-1", "wf-2");

        t.control("wf-3", ControlType.TERMINATE); // held: dropped
        assertThat(limited.isEmpty()).isTrue();
        t.control("wf-1", ControlType.TERMINATE); // running: its slot goes to the next held, wf-4
        assertThat(limited.readRecordsToList()).extracting(TestRecord::key).containsExactly("wf-4");
    }

    @Test
    void deletingARunningWorkflowFreesItsSlot() {
        for (int i = 1; i <= 3; i++) {
            t.start("wf-" + i, "limited_wf", "{}");
        }
        assertThat(limited.readRecordsToList()).hasSize(2);
        t.control("wf-2", ControlType.DELETE);
        assertThat(limited.readRecordsToList()).extracting(TestRecord::key).containsExactly("wf-3");
    }

    @Test
    void aRateLimitLetsOutAtMostItsCountPerWindowAsTheClockMoves() {
        for (int i = 1; i <= 5; i++) {
            t.start("wf-" + i, "rated_wf", "{}");
        }
        List<TestRecord<String, byte[]>> sent = rated.readRecordsToList();
        assertThat(sent).extracting(TestRecord::key).containsExactly("wf-1", "wf-2");

        // completing them does not open the window: the rate counts hand-outs, not running tasks
        sent.forEach(r -> reply(r, "COMPLETED"));
        assertThat(rated.isEmpty()).isTrue();
        t.driver.advanceWallClockTime(Duration.ofSeconds(5));
        assertThat(rated.isEmpty()).as("5 s into a 10 s window").isTrue();
        t.driver.advanceWallClockTime(Duration.ofSeconds(5).plusMillis(200));
        assertThat(keys(rated)).containsExactly("wf-3", "wf-4");
        t.driver.advanceWallClockTime(Duration.ofSeconds(3));
        assertThat(rated.isEmpty()).isTrue();
        t.driver.advanceWallClockTime(Duration.ofSeconds(7).plusMillis(200));
        assertThat(keys(rated)).containsExactly("wf-5");
    }

    @Test
    void aLimiterRecordThatIsNotOneGoesToTheDlq() {
        t.input(Topics.LIMITER).pipeInput(new TestRecord<>("limited", new byte[0], new RecordHeaders()));
        Headers hold = new RecordHeaders();
        ProtocolHeaders.put(hold, LimiterRecords.OP, LimiterRecords.HOLD);
        ProtocolHeaders.put(hold, BatonHeaders.TASK_ID, "t-1");
        t.input(Topics.LIMITER).pipeInput(new TestRecord<>("limited", new byte[0], hold));

        List<String> reasons = dlq.readRecordsToList().stream()
                .map(r -> ProtocolHeaders.get(r.headers(), DeadLetters.REASON))
                .toList();
        assertThat(reasons).hasSize(2);
        assertThat(reasons.get(0)).contains("baton-limiter-op");
        assertThat(reasons.get(1)).contains("without baton-limiter-topic");
        // the limiter goes on
        t.start("wf-1", "limited_wf", "{}");
        assertThat(keys(limited)).containsExactly("wf-1");
    }

    private static List<String> keys(TestOutputTopic<String, byte[]> topic) {
        return topic.readRecordsToList().stream().map(TestRecord::key).toList();
    }

    private void reply(TestRecord<String, byte[]> command, String status) {
        Headers h = new RecordHeaders(command.headers().toArray());
        ProtocolHeaders.put(h, BatonHeaders.STATUS, status);
        t.replies.pipeInput(new TestRecord<>(command.key(), TopologyDriver.bytes("{}"), h));
    }
}

package dev.baton.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;
import dev.baton.protocol.BatonHeaders;
import dev.baton.protocol.ControlType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the processor reports to the metrics listener: each start, each task end with its latency, each workflow end, once. */
class RuntimeMetricsTest {
    private static final String WORKFLOW = """
            {"name":"two_steps","version":1,"schemaVersion":2,"tasks":[
              {"name":"step_a","taskReferenceName":"a"},
              {"name":"step_b","taskReferenceName":"b"}]}""";

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final RuntimeMetrics metrics = new RuntimeMetrics();
    private TopologyDriver t;
    private TestOutputTopic<String, byte[]> stepA;
    private TestOutputTopic<String, byte[]> stepB;

    @BeforeEach
    void setUp() {
        metrics.listen(new RuntimeMetrics.Listener() {
            @Override
            public void workflowStarted(String workflowName) {
                seen.add("started " + workflowName);
            }

            @Override
            public void workflowFinished(String workflowName, WorkflowStatus status) {
                seen.add("finished " + workflowName + " " + status);
            }

            @Override
            public void taskFinished(String taskType, TaskStatus status, long latencyMillis) {
                seen.add("task " + taskType + " " + status + " " + latencyMillis + "ms");
            }

            @Override
            public void deadLettered(String sourceTopic, String reasonKind) {
                seen.add("dlq " + sourceTopic + " " + reasonKind);
            }
        });
        t = new TopologyDriver(null, Duration.ofDays(7), metrics);
        stepA = t.output("step_a.commands");
        stepB = t.output("step_b.commands");
        t.define("workflow:two_steps:1", WORKFLOW);
        t.define("task:step_a", "{\"name\":\"step_a\",\"retryCount\":1,\"retryDelaySeconds\":1}");
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    @Test
    void aCompletedWorkflowReportsEachTaskWithItsLatencyFromSchedulingToEnd() {
        t.start("wf-1", "two_steps", "{}");
        TestRecord<String, byte[]> a = stepA.readRecord();
        t.driver.advanceWallClockTime(Duration.ofMillis(250));
        reply(a, "COMPLETED");
        TestRecord<String, byte[]> b = stepB.readRecord();
        t.driver.advanceWallClockTime(Duration.ofMillis(40));
        reply(b, "COMPLETED");
        reply(b, "COMPLETED"); // a duplicate reply is ignored, and not counted again

        assertThat(seen)
                .containsExactly(
                        "started two_steps",
                        "task step_a COMPLETED 250ms",
                        "task step_b COMPLETED 40ms",
                        "finished two_steps COMPLETED");
        assertThat(metrics.started()).isEqualTo(1);
        assertThat(metrics.completed()).isEqualTo(1);
        assertThat(metrics.tasksFinished()).isEqualTo(2);
    }

    @Test
    void everyFailedAttemptCountsAndTheWorkflowFailsOnce() {
        t.start("wf-2", "two_steps", "{}");
        t.driver.advanceWallClockTime(Duration.ofMillis(100));
        reply(stepA.readRecord(), "FAILED");
        t.driver.advanceWallClockTime(Duration.ofMillis(1_100)); // the retry delay's timer fires
        TestRecord<String, byte[]> second = stepA.readRecord();
        t.driver.advanceWallClockTime(Duration.ofMillis(300));
        reply(second, "FAILED_WITH_TERMINAL_ERROR");

        assertThat(seen).hasSize(4);
        assertThat(seen.get(0)).isEqualTo("started two_steps");
        assertThat(seen.get(1)).isEqualTo("task step_a FAILED 100ms");
        assertThat(seen.get(2)).startsWith("task step_a FAILED_WITH_TERMINAL_ERROR ");
        assertThat(seen.get(3)).isEqualTo("finished two_steps FAILED");
        assertThat(metrics.failed()).isEqualTo(1);
    }

    @Test
    void terminatingCancelsTheOpenTaskAndPoisonIsCountedByTopicAndKind() {
        t.start("wf-3", "two_steps", "{}");
        stepA.readRecord();
        t.driver.advanceWallClockTime(Duration.ofMillis(70));
        t.control("wf-3", ControlType.TERMINATE);
        t.commands.pipeInput("wf-x", TopologyDriver.bytes("not a control record"));
        t.control("no-such-workflow", ControlType.PAUSE);

        assertThat(seen)
                .containsExactly(
                        "started two_steps",
                        "task step_a CANCELED 70ms",
                        "finished two_steps TERMINATED",
                        "dlq baton.commands poison",
                        "dlq baton.commands poison");
        assertThat(metrics.deadLetteredCount()).isEqualTo(2);
    }

    @Test
    void reasonKindsAreAFixedSet() {
        assertThat(RuntimeMetrics.reasonKind(new PoisonRecordException("x"))).isEqualTo(RuntimeMetrics.POISON);
        assertThat(RuntimeMetrics.reasonKind(new dev.baton.engine.RejectedInputException("x")))
                .isEqualTo(RuntimeMetrics.REJECTED);
        assertThat(RuntimeMetrics.reasonKind(new IllegalStateException("x"))).isEqualTo(RuntimeMetrics.ERROR);
    }

    private void reply(TestRecord<String, byte[]> command, String status) {
        Headers h = new RecordHeaders(command.headers().toArray());
        ProtocolHeaders.put(h, BatonHeaders.STATUS, status);
        t.replies.pipeInput(new TestRecord<>(command.key(), TopologyDriver.bytes("{}"), h));
    }
}

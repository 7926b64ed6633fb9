package dev.baton.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.orchestrator.kafka.Topics;
import dev.baton.protocol.ControlType;
import dev.baton.protocol.WorkflowControl;
import dev.baton.protocol.WorkflowStatus;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A child START naming no definition that exists: the START is dead-lettered and its parent told its child failed. */
class StartRefusedTopologyTest {
    private final TopologyDriver t = new TopologyDriver(null);

    @AfterEach
    void tearDown() {
        t.close();
    }

    @Test
    void theParentOfAChildWithAnUnknownDefinitionLearnsThatItFailed() {
        TestOutputTopic<String, byte[]> dlq = t.output(Topics.DLQ);
        TestOutputTopic<String, byte[]> commands = t.output(Topics.COMMANDS);

        t.commands.pipeInput(
                "child-1",
                t.codec.encodeControl(WorkflowControl.newBuilder()
                        .setCommandId("c-child-1")
                        .setWorkflowId("child-1")
                        .setType(ControlType.START)
                        .setWorkflowName("nope")
                        .setParentWorkflowId("parent-1")
                        .setParentTaskId("task-1")
                        .setTimestamp(0)
                        .build()));

        TestRecord<String, byte[]> told = commands.readRecord();
        WorkflowControl finished = t.codec.decodeControl(told.value());
        assertThat(told.key()).isEqualTo("parent-1");
        assertThat(finished.getType()).isEqualTo(ControlType.CHILD_FINISHED);
        assertThat(finished.getTaskId()).isEqualTo("task-1");
        assertThat(finished.getChildWorkflowId()).isEqualTo("child-1");
        assertThat(finished.getChildStatus()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(finished.getReason()).isEqualTo("unknown workflow definition nope");
        assertThat(dlq.readRecordsToList())
                .extracting(r -> ProtocolHeaders.get(r.headers(), DeadLetters.REASON))
                .startsWith("unknown workflow definition nope");
    }
}

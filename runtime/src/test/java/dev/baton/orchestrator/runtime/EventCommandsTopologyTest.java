package dev.baton.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.orchestrator.kafka.Topics;
import dev.baton.protocol.ControlType;
import dev.baton.protocol.TaskReplyStatus;
import dev.baton.protocol.TaskSnapshot;
import dev.baton.protocol.WorkflowControl;
import dev.baton.protocol.WorkflowSnapshot;
import dev.baton.protocol.WorkflowStatus;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The commands event handlers write: UPDATE_VARIABLES, SIGNAL by task id; and what EVENT tasks publish for them. */
class EventCommandsTopologyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private TopologyDriver t;
    private TestOutputTopic<String, byte[]> dlq;

    @BeforeEach
    void setUp() {
        t = new TopologyDriver(null);
        dlq = t.output(Topics.DLQ);
        t.define("workflow:waiter:1", """
                {"name":"waiter","version":1,"variables":{"seen":["a"]},
                 "tasks":[{"name":"wait","taskReferenceName":"wait_ref","type":"WAIT"}]}""");
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private void send(WorkflowControl.Builder b) {
        WorkflowControl c =
                b.setCommandId("c-" + System.nanoTime()).setTimestamp(0).build();
        t.commands.pipeInput(c.getWorkflowId(), t.codec.encodeControl(c));
    }

    @Test
    void updateVariablesMergesAndAppends() throws Exception {
        t.start("w-1", "waiter", "{}");

        send(WorkflowControl.newBuilder()
                .setWorkflowId("w-1")
                .setType(ControlType.UPDATE_VARIABLES)
                .setInput("{\"seen\":[\"b\"],\"last\":\"b\"}")
                .setAppendArray(true));

        WorkflowSnapshot s = t.lastSnapshot();
        assertThat(JSON.readTree(s.getVariables())).isEqualTo(JSON.readTree("{\"seen\":[\"a\",\"b\"],\"last\":\"b\"}"));
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void aSignalMayNameItsTaskByIdAndAStaleIdGoesToTheDlq() {
        t.start("w-2", "waiter", "{}");
        TaskSnapshot wait = t.lastSnapshot().getTasks().get(0);

        send(WorkflowControl.newBuilder()
                .setWorkflowId("w-2")
                .setType(ControlType.SIGNAL)
                .setTaskId(wait.getTaskId())
                .setTaskStatus(TaskReplyStatus.COMPLETED)
                .setTaskOutput("{\"ok\":true}"));

        WorkflowSnapshot s = t.lastSnapshot();
        assertThat(s.getStatus()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(t.task(wait.getTaskId()).getOutput()).contains("\"ok\":true");

        send(WorkflowControl.newBuilder()
                .setWorkflowId("w-2")
                .setType(ControlType.SIGNAL)
                .setTaskId(wait.getTaskId()));
        TestRecord<String, byte[]> dead = dlq.readRecord();
        assertThat(new String(dead.headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8))
                .contains("is already COMPLETED");
    }

    @Test
    void anEventTaskPublishesWithItsConductorEventName() {
        TestOutputTopic<String, byte[]> events = t.output(Topics.CONDUCTOR_EVENTS);
        t.define("workflow:emitter:1", """
                {"name":"emitter","version":1,"tasks":[{"name":"e","taskReferenceName":"e_ref","type":"EVENT","sink":"conductor"}]}""");

        t.start("w-3", "emitter", "{}");

        TestRecord<String, byte[]> r = events.readRecord();
        assertThat(r.key()).isEqualTo("w-3");
        assertThat(new String(r.headers().lastHeader("baton-event").value(), StandardCharsets.UTF_8))
                .isEqualTo("conductor:emitter:e_ref");
    }
}

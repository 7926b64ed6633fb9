package dev.baton.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.model.WorkflowInstance;
import dev.baton.orchestrator.kafka.Topics;
import dev.baton.orchestrator.state.InstanceReader;
import dev.baton.protocol.ControlType;
import dev.baton.protocol.WorkflowControl;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A failed sub-workflow retried in place, then the parent retried anew: both through the stores. */
class SubWorkflowRetryTopologyTest {
    private final TopologyDriver t = new TopologyDriver(null);

    @AfterEach
    void tearDown() {
        t.close();
    }

    @Test
    void aChildRetriedInPlaceThenAPlainRetryOfTheParent() {
        t.define("workflow:kid:1", """
                {"name": "kid", "version": 1, "tasks": [{"name": "boom", "taskReferenceName": "boom", "type": "INLINE",
                  "inputParameters": {"evaluatorType": "javascript", "expression": "(function(){ throw new Error('boom'); })()"}}]}""");
        t.define("workflow:mum:1", """
                {"name": "mum", "version": 1, "tasks": [{"name": "sub", "taskReferenceName": "sub", "type": "SUB_WORKFLOW",
                  "subWorkflowParam": {"name": "kid", "version": 1}}]}""");
        TestOutputTopic<String, byte[]> dlq = t.output(Topics.DLQ);
        t.start("p-1", "mum", "{}");
        assertThat(reader().find("p-1").status.name()).isEqualTo("FAILED");

        t.commands.pipeInput(
                "p-1",
                t.codec.encodeControl(WorkflowControl.newBuilder()
                        .setCommandId("r1")
                        .setWorkflowId("p-1")
                        .setType(ControlType.RETRY)
                        .setResumeSubworkflowTasks(true)
                        .setTimestamp(0)
                        .build()));
        WorkflowInstance afterResume = reader().find("p-1");
        assertThat(afterResume.status.name()).isEqualTo("FAILED");
        assertThat(afterResume.tasks).hasSize(1);
        String child = afterResume.tasks.get(0).subWorkflowId;
        assertThat(reader().find(child).tasks).hasSize(2);

        t.control("p-1", ControlType.RETRY);
        assertThat(dlq.readValuesToList()).isEmpty();
        assertThat(reader().find("p-1").tasks).hasSize(2);
    }

    private InstanceReader reader() {
        return new InstanceReader(
                t.driver.getKeyValueStore(Topics.WORKFLOW_STORE), t.driver.getKeyValueStore(Topics.INSTANCE_STORE));
    }
}

package dev.baton.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.orchestrator.kafka.Topics;
import dev.baton.protocol.ControlType;
import dev.baton.protocol.WorkflowControl;
import dev.baton.protocol.WorkflowSnapshot;
import java.util.List;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A long run of system tasks goes on in slices through baton.commands (CONTINUE) until it ends. */
class LongRunTopologyTest {
    private final TopologyDriver t = new TopologyDriver(null);

    @AfterEach
    void tearDown() {
        t.close();
    }

    @Test
    void aLoopOfFiveHundredInlinePassesCompletesInSlices() {
        // given
        t.define("workflow:spin:1", """
                {"name": "spin", "version": 1, "tasks": [
                  {"name": "loop", "taskReferenceName": "loop", "type": "DO_WHILE",
                   "loopCondition": "$.loop['iteration'] < 500",
                   "loopOver": [{"name": "calc", "taskReferenceName": "calc", "type": "INLINE",
                     "inputParameters": {"evaluatorType": "javascript", "expression": "1 + 1"}}]}]}""");
        TestOutputTopic<String, byte[]> commands = t.output(Topics.COMMANDS);

        // when
        t.start("spin-1", "spin", "{}");

        // then: it went on through CONTINUE commands and completed
        List<WorkflowControl> written =
                commands.readValuesToList().stream().map(t.codec::decodeControl).toList();
        assertThat(written).filteredOn(c -> c.getType() == ControlType.CONTINUE).hasSizeGreaterThanOrEqualTo(4);
        WorkflowSnapshot last = t.lastSnapshot();
        assertThat(last.getStatus().name()).isEqualTo("COMPLETED");
    }
}

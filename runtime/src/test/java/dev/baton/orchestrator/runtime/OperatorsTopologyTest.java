package dev.baton.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.orchestrator.kafka.Topics;
import dev.baton.protocol.BatonHeaders;
import dev.baton.protocol.WorkflowSnapshot;
import dev.baton.protocol.WorkflowStatus;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Operators whose effects cross instances or topics: sub-workflows (start and report back through baton.commands) and publications. */
class OperatorsTopologyTest {
    private TopologyDriver t;
    private TestOutputTopic<String, byte[]> work;
    private TestOutputTopic<String, byte[]> published;

    @BeforeEach
    void setUp() {
        t = new TopologyDriver(null);
        work = t.output("work.commands");
        published = t.output("audit");
        t.define("workflow:child:1", """
                {"name":"child","version":1,"tasks":[{"name":"work","taskReferenceName":"w",
                  "inputParameters":{"n":"${workflow.input.n}"}}],"outputParameters":{"doubled":"${w.output.d}"}}""");
        t.define("workflow:parent:1", """
                {"name":"parent","version":1,"tasks":[
                  {"name":"sub","taskReferenceName":"sub","type":"SUB_WORKFLOW","subWorkflowParam":{"name":"child","version":1},
                   "inputParameters":{"n":"${workflow.input.n}"}},
                  {"name":"pub","taskReferenceName":"pub","type":"KAFKA_PUBLISH","inputParameters":{"kafka_request":{
                   "topic":"audit","key":"${workflow.workflowId}","value":{"result":"${sub.output.doubled}"}}}}],
                 "outputParameters":{"result":"${sub.output.doubled}","child":"${sub.output.subWorkflowId}"}}""");
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    @Test
    void aSubWorkflowRunsAsItsOwnInstanceAndReportsBackToItsParent() {
        t.start("p-1", "parent", "{\"n\":21}");
        TestRecord<String, byte[]> childCommand = work.readRecord();
        String childId = childCommand.key();
        assertThat(childId).isNotEqualTo("p-1");
        assertThat(new String(childCommand.value())).isEqualTo("{\"n\":21}");

        Headers h = new RecordHeaders(childCommand.headers().toArray());
        ProtocolHeaders.put(h, BatonHeaders.STATUS, "COMPLETED");
        t.replies.pipeInput(new TestRecord<>(childId, TopologyDriver.bytes("{\"d\":42}"), h));

        List<WorkflowSnapshot> snapshots =
                t.state.readValuesToList().stream().map(t.codec::decodeSnapshot).toList();
        WorkflowSnapshot child = snapshots.stream()
                .filter(s -> s.getWorkflowId().equals(childId))
                .reduce((a, b) -> b)
                .orElseThrow();
        WorkflowSnapshot parent = snapshots.stream()
                .filter(s -> s.getWorkflowId().equals("p-1"))
                .reduce((a, b) -> b)
                .orElseThrow();
        assertThat(child.getStatus()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(child.getParentWorkflowId()).isEqualTo("p-1");
        assertThat(parent.getStatus()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(parent.getOutput()).isEqualTo("{\"result\":42,\"child\":\"" + childId + "\"}");

        TestRecord<String, byte[]> audit = published.readRecord();
        assertThat(audit.key()).isEqualTo("p-1");
        assertThat(new String(audit.value())).isEqualTo("{\"result\":42}");
    }

    @Test
    void aChildOfAnUnknownDefinitionFailsItsParentInConductorsWords() {
        t.define("workflow:orphan:1", """
                {"name":"orphan","version":1,"tasks":[
                  {"name":"sub","taskReferenceName":"sub","type":"SUB_WORKFLOW","subWorkflowParam":{"name":"nope"}}]}""");
        t.start("p-2", "orphan", "{}");
        WorkflowSnapshot parent = t.state.readValuesToList().stream()
                .map(t.codec::decodeSnapshot)
                .filter(s -> s.getWorkflowId().equals("p-2"))
                .reduce((a, b) -> b)
                .orElseThrow();
        assertThat(parent.getStatus()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(parent.getReasonForIncompletion())
                .isEqualTo("The Task nope defined as a sub-workflow has no workflow definition available ");
    }

    @Test
    void anHttpTaskGoesToTheBuiltInHttpWorkersTopic() {
        TestOutputTopic<String, byte[]> http = t.output(Topics.HTTP_COMMANDS);
        t.define("workflow:call:1", """
                {"name":"call","version":1,"tasks":[{"name":"ping","taskReferenceName":"ping","type":"HTTP",
                  "inputParameters":{"http_request":{"uri":"http://127.0.0.1:1/ping","method":"GET"}}}]}""");
        t.start("h-1", "call", "{}");
        TestRecord<String, byte[]> command = http.readRecord();
        assertThat(command.key()).isEqualTo("h-1");
        assertThat(new String(command.value())).contains("\"uri\":\"http://127.0.0.1:1/ping\"");
        assertThat(ProtocolHeaders.get(command.headers(), BatonHeaders.TASK_TYPE))
                .isEqualTo("HTTP");
    }
}

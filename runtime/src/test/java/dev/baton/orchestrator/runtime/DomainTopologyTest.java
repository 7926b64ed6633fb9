package dev.baton.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.orchestrator.kafka.Topics;
import dev.baton.protocol.BatonHeaders;
import dev.baton.protocol.ControlType;
import dev.baton.protocol.WorkflowControl;
import dev.baton.state.StateSchemas;
import dev.baton.state.WorkflowRecord;
import dev.baton.worker.PollerRecords;
import java.util.Map;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * taskToDomain through the topology: a task's command goes to its domain's topic
 * ({@code <domain>.<commandTopic>}, header {@code baton-domain}), the first domain of a list with a
 * worker that polled in the last 10 s (as {@code baton.pollers} records it), else the last one, or
 * the default topic for NO_DOMAIN; children inherit the map.
 */
class DomainTopologyTest {
    private static final long NOW = 1_000_000; // the driver's wall clock

    private TopologyDriver t;
    private TestOutputTopic<String, byte[]> plain;

    @BeforeEach
    void setUp() {
        t = new TopologyDriver(null);
        plain = t.output("step.commands");
        t.define("workflow:one:1", """
                {"name": "one", "version": 1, "tasks": [{"name": "step", "taskReferenceName": "s"}]}""");
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private void start(String id, String workflow, Map<String, String> taskToDomain) {
        t.commands.pipeInput(
                id,
                t.codec.encodeControl(WorkflowControl.newBuilder()
                        .setCommandId("c-" + id)
                        .setWorkflowId(id)
                        .setType(ControlType.START)
                        .setWorkflowName(workflow)
                        .setInput("{}")
                        .setTaskToDomain(taskToDomain)
                        .setTimestamp(0)
                        .build()));
    }

    private void polled(String taskType, String domain, long at) {
        t.input(Topics.POLLERS)
                .pipeInput(
                        PollerRecords.key(taskType, domain),
                        PollerRecords.value(new PollerRecords.Poll(taskType, domain, "w", at)));
    }

    private TestRecord<String, byte[]> onlyCommandIn(String topic) {
        TestOutputTopic<String, byte[]> out = t.output(topic);
        TestRecord<String, byte[]> r = out.readRecord();
        assertThat(out.isEmpty()).isTrue();
        assertThat(plain.isEmpty()).as("nothing on the default topic").isTrue();
        return r;
    }

    @Test
    void aTaskMappedToADomainGoesToItsTopicWithTheDomainHeader() {
        start("wf-1", "one", Map.of("step", "canary"));
        TestRecord<String, byte[]> c = onlyCommandIn("canary.step.commands");
        assertThat(c.key()).isEqualTo("wf-1");
        assertThat(ProtocolHeaders.get(c.headers(), BatonHeaders.DOMAIN)).isEqualTo("canary");
        assertThat(ProtocolHeaders.get(c.headers(), BatonHeaders.TASK_TYPE)).isEqualTo("step");
    }

    @Test
    void withoutAMappingTheCommandGoesToTheDefaultTopicWithoutTheHeader() {
        start("wf-1", "one", Map.of("other_task", "canary"));
        TestRecord<String, byte[]> c = plain.readRecord();
        assertThat(ProtocolHeaders.get(c.headers(), BatonHeaders.DOMAIN)).isNull();
    }

    @Test
    void theFirstDomainWithARecentPollWins() {
        polled("step", "d2", NOW - 3_000);
        polled("step", "d1", NOW - 11_000); // too long ago: not active
        start("wf-1", "one", Map.of("*", "d1,d2,d3"));
        assertThat(ProtocolHeaders.get(onlyCommandIn("d2.step.commands").headers(), BatonHeaders.DOMAIN))
                .isEqualTo("d2");

        polled("step", "d1", NOW);
        start("wf-2", "one", Map.of("*", "d1,d2,d3"));
        onlyCommandIn("d1.step.commands");
    }

    @Test
    void withNoActiveDomainTheLastIsUsedOrTheDefaultQueueForNoDomain() {
        polled("other_type", "d1", NOW); // another type's worker does not count
        start("wf-1", "one", Map.of("*", "d1,d2"));
        onlyCommandIn("d2.step.commands");

        start("wf-2", "one", Map.of("*", "d1, NO_DOMAIN"));
        TestRecord<String, byte[]> c = plain.readRecord();
        assertThat(ProtocolHeaders.get(c.headers(), BatonHeaders.DOMAIN)).isNull();
    }

    @Test
    void aLimitedTaskWaitsInTheLimiterAndGoesToItsDomainsTopic() {
        t.define("task:step", "{\"name\": \"step\", \"concurrentExecLimit\": 1, \"retryCount\": 0}");
        start("wf-1", "one", Map.of("step", "canary"));
        start("wf-2", "one", Map.of("step", "canary"));
        TestOutputTopic<String, byte[]> canary = t.output("canary.step.commands");
        TestRecord<String, byte[]> first = canary.readRecord();
        assertThat(first.key()).isEqualTo("wf-1");
        assertThat(canary.isEmpty()).isTrue();

        t.control("wf-1", ControlType.TERMINATE);
        assertThat(canary.readRecord().key()).isEqualTo("wf-2");
    }

    @Test
    void theMapIsKeptWithTheInstanceAndHandedDownToASubWorkflow() throws Exception {
        t.define("workflow:parent:1", """
                {"name": "parent", "version": 1, "tasks": [
                  {"name": "sub", "taskReferenceName": "sub", "type": "SUB_WORKFLOW", "subWorkflowParam": {"name": "one"}}]}""");
        start("wf-p", "parent", Map.of("*", "team_a"));

        onlyCommandIn("team_a.step.commands");
        byte[] header =
                t.driver.<String, byte[]>getKeyValueStore(Topics.WORKFLOW_STORE).get("wf-p");
        WorkflowRecord stored = StateSchemas.decoder(WorkflowRecord.class).decode(header);
        assertThat(stored.getTaskToDomain()).isEqualTo(Map.of("*", "team_a"));
    }
}

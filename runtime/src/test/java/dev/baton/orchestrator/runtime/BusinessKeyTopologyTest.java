package dev.baton.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.orchestrator.kafka.Topics;
import dev.baton.protocol.BatonHeaders;
import dev.baton.protocol.WorkflowSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Commands keyed by a business key the task definition names; replies on per-service topics matched by a pattern. */
class BusinessKeyTopologyTest {
    private TopologyDriver t;
    private TestOutputTopic<String, byte[]> payments;

    @BeforeEach
    void setUp() {
        t = new TopologyDriver(null, Duration.ofDays(1), ReplyTopics.of(Topics.REPLIES, ".*\\.replies"));
        payments = t.output("payments.commands");
        t.define("task:pay", """
                {"name": "pay", "retryCount": 0, "commandTopic": "payments.commands",
                 "commandKey": "$.booking.id", "replyTopic": "payments.replies"}""");
        t.define("task:refund", """
                {"name": "refund", "retryCount": 0, "replyTopic": "elsewhere"}""");
        t.define("workflow:booking:1", """
                {"name": "booking", "version": 1, "tasks": [
                  {"name": "pay", "taskReferenceName": "pay", "inputParameters": {"booking": "${workflow.input.booking}"}}]}""");
        t.define("workflow:refunds:1", """
                {"name": "refunds", "version": 1, "tasks": [{"name": "refund", "taskReferenceName": "refund"}]}""");
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    @Test
    void theCommandIsKeyedByTheBusinessKeyAndTheReplyComesOnTheServiceTopic() {
        t.start("wf-1", "booking", "{\"booking\": {\"id\": \"BK-42\"}}");
        TestRecord<String, byte[]> command = payments.readRecord();
        assertThat(command.key()).isEqualTo("BK-42");
        assertThat(header(command.headers(), BatonHeaders.WORKFLOW_ID)).isEqualTo("wf-1");
        assertThat(header(command.headers(), BatonHeaders.REPLY_TO)).isEqualTo("payments.replies");

        Headers h = new RecordHeaders(command.headers().toArray());
        ProtocolHeaders.put(h, BatonHeaders.STATUS, "COMPLETED");
        t.input("payments.replies").pipeInput(new TestRecord<>("wf-1", TopologyDriver.bytes("{\"paid\": true}"), h));

        WorkflowSnapshot s = t.lastSnapshot();
        assertThat(s.getStatus().name()).isEqualTo("COMPLETED");
    }

    @Test
    void aMissingBusinessKeyFailsTheTaskWithTheReason() {
        t.start("wf-2", "booking", "{\"booking\": {}}");
        assertThat(payments.isEmpty()).isTrue();
        WorkflowSnapshot s = t.lastSnapshot();
        assertThat(s.getStatus().name()).isEqualTo("FAILED");
        assertThat(s.getReasonForIncompletion()).contains("commandKey $.booking.id does not name a value");
    }

    @Test
    void aReplyTopicThePatternDoesNotCoverIsRefusedAtDispatch() {
        t.start("wf-3", "refunds", "{}");
        WorkflowSnapshot s = t.lastSnapshot();
        assertThat(s.getStatus().name()).isEqualTo("FAILED");
        assertThat(s.getReasonForIncompletion())
                .contains("reply topic elsewhere does not match baton.reply-topic-pattern");
    }

    private static String header(Headers h, String name) {
        return new String(h.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}

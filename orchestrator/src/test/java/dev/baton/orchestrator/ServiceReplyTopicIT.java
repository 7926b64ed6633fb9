package dev.baton.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.dsl.DefinitionParser;
import dev.baton.protocol.WorkflowSnapshot;
import dev.baton.protocol.WorkflowStatus;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import dev.baton.worker.TaskResult;
import dev.baton.worker.TaskWorker;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * On a real broker: a task definition keys its commands by a business key and names its own
 * reply topic, created after the orchestrator started; the orchestrator reads it through
 * {@code baton.reply-topic-pattern} and every workflow completes.
 */
@KafkaCluster(isolated = true)
class ServiceReplyTopicIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void commandsAreKeyedByBookingAndRepliesArriveOnThePaymentsTopic(KafkaTestCluster kafka) throws Exception {
        try (BatonTestApp app =
                BatonTestApp.start(kafka.bootstrapServers(), Map.of("baton.reply-topic-pattern", ".*\\.replies"))) {
            app.client().registerTaskDefs(DefinitionParser.tasks("""
                    [{"name": "charge", "retryCount": 0, "commandKey": "$.bookingId", "replyTopic": "payments.replies"}]"""));
            app.client().registerWorkflow(DefinitionParser.workflow("""
                    {"name": "pay_booking", "version": 1, "tasks": [{"name": "charge", "taskReferenceName": "charge",
                      "inputParameters": {"bookingId": "${workflow.input.bookingId}"}}]}"""));
            Map<String, String> bookingOfTask = new ConcurrentHashMap<>();
            try (TaskWorker worker = TaskWorker.builder()
                    .bootstrapServers(kafka.bootstrapServers())
                    .taskType("charge")
                    .handler(ctx -> {
                        bookingOfTask.put(
                                ctx.workflowId(), ctx.input().path("bookingId").asText());
                        return TaskResult.completed(
                                Map.of("charged", ctx.input().path("bookingId").asText()));
                    })
                    .build()
                    .start()) {
                Map<String, String> ids = new HashMap<>();
                for (int i = 0; i < 20; i++) {
                    String booking = "BK-" + i;
                    ids.put(
                            app.client()
                                    .start(
                                            "pay_booking",
                                            null,
                                            JSON.createObjectNode().put("bookingId", booking),
                                            null),
                            booking);
                }
                app.client().flush();

                Map<String, WorkflowSnapshot> done =
                        app.awaitFinished(Set.copyOf(ids.keySet()), Duration.ofSeconds(90));
                assertThat(done.values())
                        .extracting(WorkflowSnapshot::getStatus)
                        .containsOnly(WorkflowStatus.COMPLETED);
                assertThat(bookingOfTask).containsExactlyInAnyOrderEntriesOf(ids);
            }
            List<ConsumerRecord<String, byte[]>> commands = TopicReader.readAll(app.bootstrap, "charge.commands");
            assertThat(commands).hasSize(20).allSatisfy(r -> assertThat(r.key()).startsWith("BK-"));
            assertThat(TopicReader.readAll(app.bootstrap, "payments.replies")).hasSize(20);
        }
    }
}

package dev.baton.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.orchestrator.kafka.Topics;
import dev.baton.orchestrator.runtime.DeadLetters;
import dev.baton.orchestrator.runtime.ProtocolHeaders;
import dev.baton.protocol.BatonHeaders;
import dev.baton.protocol.WorkflowEvent;
import dev.baton.protocol.WorkflowEventType;
import dev.baton.protocol.WorkflowSnapshot;
import dev.baton.protocol.WorkflowStatus;
import dev.baton.samples.FlightBookingServices;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Poison on the reply topic goes to baton.dlq with its reason and original bytes, and the
 * topology keeps processing. Stale and duplicate replies are recorded, never applied twice.
 * Runs in JSON mode, so it also covers the JSON encoding of Baton's topics.
 */
@KafkaCluster
class PoisonReplyIT {
    private static BatonTestApp app;
    private static FlightBookingServices services;
    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void start(KafkaTestCluster kafka) {
        app = BatonTestApp.start(kafka.bootstrapServers(), Map.of("baton.encoding", "json"));
        app.registerFlightBooking();
        services = FlightBookingServices.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .groupIdPrefix("poison-it-" + UUID.randomUUID() + "-")
                .build()
                .start();
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (services != null) {
            services.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void malformedRepliesGoToTheDlqWithAReasonAndProcessingContinues() throws Exception {
        String run = UUID.randomUUID().toString();
        byte[] garbage = {(byte) 0xFF, (byte) 0xFE, 0x13, 0x37, '{', 'x'};
        send("garbage-" + run, garbage, headers("garbage-" + run, "t1", "COMPLETED"));
        send("noheader-" + run, "{}".getBytes(StandardCharsets.UTF_8), headers("noheader-" + run, null, "COMPLETED"));
        send(
                "unknown-" + run,
                "{\"ok\":true}".getBytes(StandardCharsets.UTF_8),
                headers("unknown-" + run, "t1", "COMPLETED"));
        send("badstatus-" + run, "{}".getBytes(StandardCharsets.UTF_8), headers("badstatus-" + run, "t1", "DONE"));
        producer.flush();

        // The topology is still alive: a booking started after the poison completes.
        String id = app.client().start("flight_booking", null, BatonTestApp.booking("BK-after-poison"), "after-poison");
        app.client().flush();
        Map<String, WorkflowSnapshot> done = app.awaitFinished(Set.of(id), Duration.ofMinutes(1));
        assertThat(done.get(id).getStatus()).isEqualTo(WorkflowStatus.COMPLETED);

        Map<String, ConsumerRecord<String, byte[]>> dlq = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : TopicReader.readAll(app.bootstrap, Topics.DLQ)) {
            if (r.key() != null && r.key().endsWith(run)) {
                dlq.put(r.key().substring(0, r.key().indexOf('-')), r);
            }
        }
        assertThat(dlq).containsOnlyKeys("garbage", "noheader", "unknown", "badstatus");
        assertThat(reason(dlq.get("garbage"))).contains("neither Avro").contains("nor JSON");
        assertThat(dlq.get("garbage").value()).isEqualTo(garbage);
        assertThat(reason(dlq.get("noheader"))).isEqualTo("missing header baton-task-id");
        assertThat(reason(dlq.get("unknown"))).startsWith("unknown workflow id unknown-");
        assertThat(reason(dlq.get("badstatus"))).contains("DONE");
        ConsumerRecord<String, byte[]> g = dlq.get("garbage");
        assertThat(ProtocolHeaders.get(g.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.REPLIES);
        assertThat(ProtocolHeaders.get(g.headers(), DeadLetters.OFFSET)).isNotBlank();
        assertThat(ProtocolHeaders.get(g.headers(), BatonHeaders.STATUS)).isEqualTo("COMPLETED");
        assertThat(app.runtime().metrics().deadLetteredCount()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void duplicateAndStaleRepliesAreRecordedAndIgnored() throws Exception {
        String id = app.client().start("flight_booking", null, BatonTestApp.booking("BK-dup"), "dup");
        app.client().flush();
        WorkflowSnapshot done =
                app.awaitFinished(Set.of(id), Duration.ofMinutes(1)).get(id);
        assertThat(done.getStatus()).isEqualTo(WorkflowStatus.COMPLETED);
        String firstTask = app.runtime().localInstances().find(id).tasks.get(0).taskId;

        // A duplicate of the first task's reply, and one for an attempt that never existed.
        send(id, "{\"seatNumber\":\"99Z\"}".getBytes(StandardCharsets.UTF_8), headers(id, firstTask, "COMPLETED"));
        Headers stale = headers(id, firstTask, "FAILED");
        stale.remove(BatonHeaders.ATTEMPT);
        stale.add(BatonHeaders.ATTEMPT, "7".getBytes(StandardCharsets.UTF_8));
        send(id, "{}".getBytes(StandardCharsets.UTF_8), stale);
        producer.flush();

        List<WorkflowEvent> ignored = awaitEvents(id, WorkflowEventType.REPLY_IGNORED, 2);
        assertThat(ignored)
                .extracting(WorkflowEvent::getReason)
                .anySatisfy(r -> assertThat(r).contains("task already COMPLETED"))
                .anySatisfy(r -> assertThat(r).contains("attempt 7"));
        WorkflowSnapshot after =
                app.awaitFinished(Set.of(id), Duration.ofSeconds(10)).get(id);
        assertThat(after.getStatus()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(after.getOutput()).isEqualTo(done.getOutput());
        assertThat(app.runtime()
                        .localInstances()
                        .find(id)
                        .tasks
                        .get(0)
                        .outputData
                        .toString())
                .doesNotContain("99Z");
    }

    private List<WorkflowEvent> awaitEvents(String id, WorkflowEventType type, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            List<WorkflowEvent> found = TopicReader.readAll(app.bootstrap, Topics.EVENTS).stream()
                    .filter(r -> id.equals(r.key()))
                    .map(r -> app.codec().decodeEvent(r.value()))
                    .filter(e -> e.getType() == type)
                    .toList();
            if (found.size() >= count || System.currentTimeMillis() > deadline) {
                return found;
            }
            Thread.sleep(200);
        }
    }

    private static String reason(ConsumerRecord<String, byte[]> r) {
        return ProtocolHeaders.get(r.headers(), DeadLetters.REASON);
    }

    private static Headers headers(String workflowId, String taskId, String status) {
        Headers h = new RecordHeaders();
        ProtocolHeaders.put(h, BatonHeaders.WORKFLOW_ID, workflowId);
        ProtocolHeaders.put(h, BatonHeaders.TASK_ID, taskId);
        ProtocolHeaders.put(h, BatonHeaders.ATTEMPT, "0");
        ProtocolHeaders.put(h, BatonHeaders.STATUS, status);
        return h;
    }

    private static void send(String key, byte[] value, Headers headers) throws Exception {
        producer.send(new ProducerRecord<>(Topics.REPLIES, null, key, value, headers))
                .get();
    }
}

package dev.baton.orchestrator.http;

import static dev.baton.orchestrator.http.TestHttpServer.respond;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.protocol.BatonHeaders;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP worker on a real broker: a command on baton.http.commands becomes an HTTP call and a reply. */
@KafkaCluster
class HttpTaskWorkerIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static KafkaTestCluster kafka;
    private static TestHttpServer server;
    private static HttpTaskWorker worker;
    private static KafkaProducer<String, String> producer;

    @BeforeAll
    static void start(KafkaTestCluster cluster) throws IOException {
        kafka = cluster;
        server = new TestHttpServer()
                .route(
                        "/greet",
                        ex -> respond(
                                ex,
                                200,
                                "application/json",
                                "{\"greeting\":\"hello\",\"method\":\"" + ex.getRequestMethod() + "\"}"))
                .route("/missing", ex -> respond(ex, 404, "text/plain", "nope"));
        worker = HttpTaskWorker.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .threads(2)
                .build()
                .start();
        producer = kafka.producer();
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (worker != null) {
            worker.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void commandsBecomeCallsAndRepliesCarryTheResponse() throws Exception {
        String replyTopic = kafka.createUniqueTopic("http-replies", 1);
        String okWorkflow = "wf-ok-" + UUID.randomUUID();
        String failWorkflow = "wf-404-" + UUID.randomUUID();
        send(
                okWorkflow,
                "t-1",
                replyTopic,
                "{\"http_request\":{\"uri\":\"" + server.url("/greet")
                        + "\",\"method\":\"POST\",\"body\":{\"name\":\"Ada\"},\"headers\":{\"X-Api-Key\":\"k-1\"}}}");
        send(failWorkflow, "t-2", replyTopic, "{\"http_request\":{\"uri\":\"" + server.url("/missing") + "\"}}");

        Map<String, ConsumerRecord<String, String>> replies = awaitReplies(replyTopic, 2, Duration.ofSeconds(30));

        ConsumerRecord<String, String> ok = replies.get(okWorkflow);
        assertThat(header(ok.headers(), BatonHeaders.STATUS)).isEqualTo("COMPLETED");
        assertThat(header(ok.headers(), BatonHeaders.TASK_ID)).isEqualTo("t-1");
        assertThat(header(ok.headers(), BatonHeaders.TASK_REF)).isEqualTo("call_api");
        assertThat(header(ok.headers(), BatonHeaders.ATTEMPT)).isEqualTo("0");
        JsonNode okBody = JSON.readTree(ok.value());
        assertThat(okBody.at("/response/statusCode").asInt()).isEqualTo(200);
        assertThat(okBody.at("/response/body"))
                .isEqualTo(JSON.readTree("{\"greeting\":\"hello\",\"method\":\"POST\"}"));
        assertThat(server.received).anySatisfy(r -> {
            assertThat(r.path()).isEqualTo("/greet");
            assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree("{\"name\":\"Ada\"}"));
            assertThat(r.headers().getFirst("X-Api-Key")).isEqualTo("k-1");
        });

        ConsumerRecord<String, String> failed = replies.get(failWorkflow);
        assertThat(header(failed.headers(), BatonHeaders.STATUS)).isEqualTo("FAILED");
        assertThat(header(failed.headers(), BatonHeaders.REASON))
                .startsWith("Failed to invoke HTTP task due to: java.lang.Exception: 404 Not Found on GET request for")
                .endsWith(": \"nope\"");
        JsonNode failedBody = JSON.readTree(failed.value());
        // as Conductor's HTTP task: the output names the exception the reason gives, nothing else
        assertThat(failedBody.get("response").asText())
                .isEqualTo(header(failed.headers(), BatonHeaders.REASON)
                        .substring("Failed to invoke HTTP task due to: ".length()));
        assertThat(failedBody.size()).isEqualTo(1);
    }

    @Test
    void theApplicationStartsTheWorkerUnlessDisabled() throws IOException {
        Map<String, Object> props = new HashMap<>();
        props.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        props.put("baton.data-dir", Files.createTempDirectory("baton-http-it").toString());
        props.put("baton.application-id", "baton-http-it-" + UUID.randomUUID());
        props.put("baton.encoding", "json");
        props.put("baton.http-worker.threads", 1);
        try (ApplicationContext ctx = ApplicationContext.run(props)) {
            HttpTaskWorker bean = ctx.getBean(HttpTaskWorker.class);
            assertThat(bean.isRunning()).isTrue();
            assertThat(bean.commandTopic()).isEqualTo(HttpTaskWorker.COMMAND_TOPIC);
            assertThat(bean.groupId()).isEqualTo(HttpTaskWorker.GROUP_ID);
        }
        props.put("baton.runtime.enabled", "false");
        try (ApplicationContext ctx = ApplicationContext.run(props)) {
            assertThat(ctx.containsBean(HttpTaskWorker.class))
                    .as("runtime disabled")
                    .isFalse();
        }
        props.remove("baton.runtime.enabled");
        props.put("baton.http-worker.enabled", "false");
        props.put("baton.application-id", "baton-http-it-" + UUID.randomUUID());
        try (ApplicationContext ctx = ApplicationContext.run(props)) {
            assertThat(ctx.containsBean(HttpTaskWorker.class))
                    .as("worker disabled")
                    .isFalse();
        }
    }

    private static void send(String workflowId, String taskId, String replyTopic, String input) throws Exception {
        Headers headers = new RecordHeaders();
        add(headers, BatonHeaders.WORKFLOW_ID, workflowId);
        add(headers, BatonHeaders.TASK_ID, taskId);
        add(headers, BatonHeaders.TASK_REF, "call_api");
        add(headers, BatonHeaders.TASK_TYPE, HttpTaskWorker.TASK_TYPE);
        add(headers, BatonHeaders.ATTEMPT, "0");
        add(headers, BatonHeaders.REPLY_TO, replyTopic);
        producer.send(new ProducerRecord<>(HttpTaskWorker.COMMAND_TOPIC, null, workflowId, input, headers))
                .get();
    }

    private static Map<String, ConsumerRecord<String, String>> awaitReplies(String topic, int count, Duration timeout) {
        Map<String, ConsumerRecord<String, String>> byKey = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = kafka.consumer("http-it-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (byKey.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> byKey.put(r.key(), r));
            }
        }
        assertThat(byKey).as("replies on " + topic).hasSize(count);
        return byKey;
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}

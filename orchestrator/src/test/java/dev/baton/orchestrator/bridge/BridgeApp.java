package dev.baton.orchestrator.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.dsl.DefinitionParser;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.orchestrator.client.WorkflowClient;
import dev.baton.orchestrator.kafka.Topics;
import dev.baton.orchestrator.query.InstanceQueries;
import dev.baton.orchestrator.query.LocalInstanceQueries;
import dev.baton.orchestrator.runtime.ProtocolCodec;
import dev.baton.orchestrator.runtime.StreamsRuntime;
import dev.baton.protocol.WorkflowEvent;
import dev.baton.protocol.WorkflowEventType;
import dev.baton.testkit.KafkaTestCluster;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;

/**
 * A running orchestrator (HTTP server, Kafka Streams, bridge ingest) on the test broker, with short
 * bridge timings, and helpers to play a choreography against it and look at what Baton made of it.
 */
final class BridgeApp implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final long TTL_MS = 3_000;

    final EmbeddedServer server;
    final ApplicationContext context;
    final KafkaTestCluster kafka;
    final KafkaProducer<String, String> producer;
    private final HttpClient http = HttpClient.newHttpClient();

    record Reply(int status, JsonNode json) {}

    private BridgeApp(EmbeddedServer server, KafkaTestCluster kafka) {
        this.server = server;
        this.context = server.getApplicationContext();
        this.kafka = kafka;
        this.producer = kafka.producer();
    }

    static BridgeApp start(KafkaTestCluster kafka) throws Exception {
        return start(kafka, Files.createTempDirectory("baton-bridge-it"), "baton-bridge-it-" + UUID.randomUUID());
    }

    /** On a data directory and under an application id of the caller's (to start the same node again). */
    static BridgeApp start(KafkaTestCluster kafka, java.nio.file.Path dataDir, String applicationId) throws Exception {
        Map<String, Object> props = new HashMap<>();
        props.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        props.put("baton.data-dir", dataDir.toString());
        props.put("baton.application-id", applicationId);
        props.put("micronaut.server.host", "127.0.0.1");
        props.put("micronaut.server.port", -1);
        props.put("baton.bridge.buffer-ttl-ms", TTL_MS);
        props.put("baton.bridge.expiry-scan-ms", 200);
        props.put("baton.bridge.refresh-ms", 300);
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props);
        ApplicationContext ctx = server.getApplicationContext();
        if (!ctx.getBean(StreamsRuntime.class).awaitRunning(Duration.ofSeconds(90))) {
            ctx.close();
            throw new IllegalStateException("Kafka Streams did not reach RUNNING");
        }
        if (!ctx.containsBean(InstanceQueries.class)) {
            // The routed implementation is another issue's; this node holds every instance here.
            ctx.registerSingleton(InstanceQueries.class, new LocalInstanceQueries(ctx.getBean(StreamsRuntime.class)));
        }
        return new BridgeApp(server, kafka);
    }

    WorkflowClient client() {
        return context.getBean(WorkflowClient.class);
    }

    BridgeMetrics metrics() {
        return context.getBean(BridgeMetrics.class);
    }

    ProtocolCodec codec() {
        return context.getBean(ProtocolCodec.class);
    }

    /** Registers (or replaces) a workflow definition and waits until the bridge's mirror has read it. */
    void register(String json) {
        client().registerWorkflow(DefinitionParser.workflow(json));
        context.getBean(BridgeDefinitions.class).awaitCurrent(Duration.ofSeconds(10));
    }

    /** Waits until the ingest reads every given topic. */
    void awaitBound(String... topics) {
        BridgeIngest ingest = context.getBean(BridgeIngest.class);
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> ingest.subscribedTopics().containsAll(List.of(topics)));
    }

    void send(String topic, String key, String value) {
        producer.send(new ProducerRecord<>(topic, key, value));
        producer.flush();
    }

    void send(ProducerRecord<String, String> record) {
        producer.send(record);
        producer.flush();
    }

    /** The instances of a workflow for a business key (running first). */
    List<WorkflowInstance> instances(String workflowName, String businessKey) {
        return new BridgeStatus(context.getBean(InstanceQueries.class)).byBusinessKey(workflowName, businessKey);
    }

    WorkflowInstance awaitInstance(String workflowName, String businessKey, Predicate<WorkflowInstance> until) {
        WorkflowInstance[] found = new WorkflowInstance[1];
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    List<WorkflowInstance> all = instances(workflowName, businessKey);
                    found[0] = all.isEmpty() ? null : all.get(0);
                    return found[0] != null && until.test(found[0]);
                });
        return found[0];
    }

    static boolean waitingAt(WorkflowInstance wf, String step) {
        return wf.latest(step).map(t -> !t.status.isTerminal()).orElse(false);
    }

    Reply call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body() == null || r.body().isBlank() ? null : JSON.readTree(r.body()));
    }

    /** A GET answered with text (e.g. /prometheus). */
    String text(String path) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(server.getURL() + path))
                                .timeout(Duration.ofSeconds(30))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** Everything committed on a topic so far. */
    List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end");
                }
                c.poll(Duration.ofMillis(100)).forEach(out::add);
            }
            return out;
        }
    }

    /** The history of one instance on baton.events, in order. */
    List<WorkflowEvent> history(String workflowId) {
        List<WorkflowEvent> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(Topics.EVENTS)) {
            if (r.key() != null && workflowId.equals(new String(r.key(), java.nio.charset.StandardCharsets.UTF_8))) {
                out.add(codec().decodeEvent(r.value()));
            }
        }
        out.sort(java.util.Comparator.comparingLong(WorkflowEvent::getSeq));
        return out;
    }

    /**
     * The history once it satisfies {@code check} (the store shows a change before its transaction,
     * and so its events, is committed).
     */
    List<WorkflowEvent> awaitHistory(String workflowId, java.util.function.Consumer<List<WorkflowEvent>> check) {
        @SuppressWarnings("unchecked")
        List<WorkflowEvent>[] found = new List[1];
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    found[0] = history(workflowId);
                    check.accept(found[0]);
                });
        return found[0];
    }

    List<WorkflowEventType> historyTypes(String workflowId) {
        return history(workflowId).stream().map(WorkflowEvent::getType).toList();
    }

    /** The first record on a topic that matches, once it is there. */
    ConsumerRecord<byte[], byte[]> awaitRecord(String topic, Predicate<ConsumerRecord<byte[], byte[]>> matching) {
        @SuppressWarnings("unchecked")
        ConsumerRecord<byte[], byte[]>[] found = new ConsumerRecord[1];
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    found[0] =
                            readAll(topic).stream().filter(matching).findFirst().orElse(null);
                    return found[0] != null;
                });
        return found[0];
    }

    static String header(ConsumerRecord<?, ?> r, String key) {
        var h = r.headers().lastHeader(key);
        return h == null || h.value() == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
        context.close();
    }
}

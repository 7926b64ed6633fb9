package dev.baton.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.DefinitionParser;
import dev.baton.orchestrator.client.WorkflowClient;
import dev.baton.orchestrator.kafka.Topics;
import dev.baton.orchestrator.runtime.ProtocolCodec;
import dev.baton.orchestrator.runtime.StreamsRuntime;
import dev.baton.protocol.BatonHeaders;
import dev.baton.protocol.WorkflowEvent;
import dev.baton.samples.FlightBookingServices;
import dev.baton.samples.Ledger;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No workflow can take Baton down. On a real broker, with 1,000 flight-booking sagas running
 * alongside, hostile workflows run: long loops of system tasks, task outputs of 5 MB and 20 MB (over
 * REST and as Kafka replies), a dynamic fork of 2,000 branches, sub-workflows nested 50 deep, and a
 * script that builds a 64 MB string. Each completes or fails with a clear reason, every saga completes
 * exactly once with a gapless history, and the stream thread is never replaced.
 */
@KafkaCluster(isolated = true)
class HostileWorkflowsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SAGAS = 1_000;
    private static final String BIG_REPLIES = "hostile.big-replies";
    private static final int MB = 1024 * 1024;

    private static ApplicationContext ctx;
    private static String base;
    private static String bootstrap;
    private static FlightBookingServices services;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static String verifyState;

    @BeforeAll
    static void start(KafkaTestCluster kafka) throws Exception {
        // reading every instance back after every step (the tests' state check) would make these huge
        // instances cost O(n) per step; the layout is checked step by step in the topology tests
        verifyState = System.setProperty("baton.verify-state", "false");
        bootstrap = kafka.bootstrapServers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(BIG_REPLIES, 6, (short) 1)
                            .configs(Map.of("max.message.bytes", Integer.toString(25 * MB)))))
                    .all()
                    .get();
        }
        Map<String, Object> props = new HashMap<>();
        props.put("kafka.bootstrap.servers", bootstrap);
        props.put("baton.data-dir", Files.createTempDirectory("baton-hostile").toString());
        props.put("baton.application-id", "baton-hostile-" + UUID.randomUUID());
        props.put("baton.reply-topic-pattern", "hostile\\.big-replies");
        props.put("micronaut.server.host", "127.0.0.1");
        props.put("micronaut.server.port", -1);
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props);
        ctx = server.getApplicationContext();
        base = "http://127.0.0.1:" + server.getPort();
        assertThat(runtime().awaitRunning(Duration.ofSeconds(90))).isTrue();
        client().registerTaskDefs(
                        DefinitionParser.tasks(BatonTestApp.resource("/workflows/flight_booking_tasks.json")));
        client().registerWorkflow(DefinitionParser.workflow(BatonTestApp.resource("/workflows/flight_booking.json")));
        client().registerTaskDefs(DefinitionParser.tasks("""
                [{"name": "hostile_rest", "retryCount": 0, "responseTimeoutSeconds": 600, "timeoutSeconds": 0},
                 {"name": "hostile_kafka", "retryCount": 0, "responseTimeoutSeconds": 600, "timeoutSeconds": 0,
                  "replyTopic": "%s"}]""".formatted(BIG_REPLIES)));
        for (String def : DEFINITIONS) {
            client().registerWorkflow(DefinitionParser.workflow(def));
        }
        services = FlightBookingServices.builder()
                .bootstrapServers(bootstrap)
                .groupIdPrefix("hostile-it-" + UUID.randomUUID() + "-")
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
        if (ctx != null) {
            ctx.close();
        }
        if (verifyState != null) {
            System.setProperty("baton.verify-state", verifyState);
        }
    }

    private static WorkflowClient client() {
        return ctx.getBean(WorkflowClient.class);
    }

    private static StreamsRuntime runtime() {
        return ctx.getBean(StreamsRuntime.class);
    }

    private static final List<String> DEFINITIONS = List.of("""
            {"name": "hostile_loop", "version": 1, "tasks": [
              {"name": "loop", "taskReferenceName": "loop", "type": "DO_WHILE",
               "inputParameters": {"times": "${workflow.input.times}", "size": "${workflow.input.size}"},
               "loopCondition": "$.loop['iteration'] < $.times",
               "loopOver": [{"name": "calc", "taskReferenceName": "calc", "type": "INLINE",
                 "inputParameters": {"evaluatorType": "javascript", "size": "${workflow.input.size}",
                                     "expression": "'x'.repeat($.size)"}}]}]}""", """
            {"name": "hostile_rest", "version": 1, "tasks": [{"name": "hostile_rest", "taskReferenceName": "work"}]}""", """
            {"name": "hostile_kafka", "version": 1, "tasks": [{"name": "hostile_kafka", "taskReferenceName": "work"}]}""", """
            {"name": "hostile_fork", "version": 1, "tasks": [
              {"name": "fork", "taskReferenceName": "fork", "type": "FORK_JOIN_DYNAMIC",
               "inputParameters": {"tasks": "${workflow.input.tasks}", "inputs": "${workflow.input.inputs}"},
               "dynamicForkTasksParam": "tasks", "dynamicForkTasksInputParamName": "inputs"},
              {"name": "join", "taskReferenceName": "join", "type": "JOIN"}]}""", """
            {"name": "hostile_nest", "version": 1, "tasks": [
              {"name": "which", "taskReferenceName": "which", "type": "SWITCH", "evaluatorType": "javascript",
               "inputParameters": {"depth": "${workflow.input.depth}"},
               "expression": "$.depth > 0 ? 'deeper' : 'bottom'",
               "decisionCases": {"deeper": [
                 {"name": "dec", "taskReferenceName": "dec", "type": "INLINE",
                  "inputParameters": {"evaluatorType": "javascript", "depth": "${workflow.input.depth}",
                                      "expression": "$.depth - 1"}},
                 {"name": "child", "taskReferenceName": "child", "type": "SUB_WORKFLOW",
                  "subWorkflowParam": {"name": "hostile_nest", "version": 1},
                  "inputParameters": {"depth": "${dec.output.result}"}}]},
               "defaultCase": [{"name": "bottom", "taskReferenceName": "bottom", "type": "NOOP"}]}]}""", """
            {"name": "hostile_string", "version": 1, "tasks": [
              {"name": "grow", "taskReferenceName": "grow", "type": "INLINE",
               "inputParameters": {"evaluatorType": "javascript",
                                   "expression": "var s = 'x'; for (var i = 0; i < 26; i++) { s = s + s; } s"}}]}""");

    @Test
    void hostileWorkflowsEndWithAReasonWhileSagasCompleteAndTheStreamThreadLives() throws Exception {
        List<String> threadsBefore = threadNames();
        Set<String> sagas = new HashSet<>();
        for (int i = 0; i < SAGAS; i++) {
            sagas.add(client().start("flight_booking", null, BatonTestApp.booking("BK-H" + i), "hostile-" + i));
        }
        client().flush();

        Map<String, String> hostile = new LinkedHashMap<>();
        hostile.put("loop 3,000 x 500 B", start("hostile_loop", "{\"times\": 3000, \"size\": 500}"));
        hostile.put("loop 10,000", start("hostile_loop", "{\"times\": 10000, \"size\": 1}"));
        hostile.put("fork of 2,000", start("hostile_fork", forkInput(2_000)));
        hostile.put("nested 50 deep", start("hostile_nest", "{\"depth\": 50}"));
        hostile.put("64 MB string", start("hostile_string", "{}"));
        hostile.put("5 MB over REST", start("hostile_rest", "{}"));
        hostile.put("20 MB over REST", start("hostile_rest", "{}"));
        hostile.put("5 MB Kafka reply", start("hostile_kafka", "{}"));
        hostile.put("20 MB Kafka reply", start("hostile_kafka", "{}"));

        // the workers of the big-payload cases
        answerOverRest(hostile.get("5 MB over REST"), 5 * MB);
        answerOverRest(hostile.get("20 MB over REST"), 20 * MB);
        answerOverKafka(Map.of(hostile.get("5 MB Kafka reply"), 5 * MB, hostile.get("20 MB Kafka reply"), 20 * MB));

        Map<String, JsonNode> outcome = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : hostile.entrySet()) {
            outcome.put(e.getKey(), awaitEnd(e.getValue(), Duration.ofMinutes(4)));
        }
        outcome.forEach((name, wf) -> System.out.printf(
                "hostile: %-18s %s %s%n",
                name,
                wf.path("status").asText(),
                wf.path("reasonForIncompletion").asText("")));

        assertThat(status(outcome, "loop 3,000 x 500 B")).isEqualTo("COMPLETED");
        assertThat(status(outcome, "loop 10,000")).isEqualTo("COMPLETED");
        assertThat(status(outcome, "fork of 2,000")).isEqualTo("COMPLETED");
        assertThat(status(outcome, "nested 50 deep")).isEqualTo("COMPLETED");
        assertThat(status(outcome, "5 MB over REST")).isEqualTo("COMPLETED");
        assertThat(status(outcome, "5 MB Kafka reply")).isEqualTo("COMPLETED");
        assertThat(status(outcome, "64 MB string")).isEqualTo("FAILED");
        assertThat(reason(outcome, "64 MB string")).containsPattern("exceeded|longer than");
        for (String big : List.of("20 MB over REST", "20 MB Kafka reply")) {
            assertThat(status(outcome, big)).isEqualTo("FAILED");
            assertThat(reason(outcome, big)).contains("is greater than the permissible limit: 10485760 bytes");
        }
        JsonNode fiveMb = get("/api/workflow/" + hostile.get("5 MB over REST") + "?includeTasks=true");
        assertThat(fiveMb.path("tasks").get(0).path("outputData").path("blob").asText())
                .hasSize(5 * MB - 20);
        // the history names the 5 MB output by its path, and Conductor's external storage contract reads it
        String path = null;
        for (ConsumerRecord<String, byte[]> r : TopicReader.readAll(bootstrap, Topics.EVENTS)) {
            if (hostile.get("5 MB over REST").equals(r.key())) {
                WorkflowEvent e = ctx.getBean(ProtocolCodec.class).decodeEvent(r.value());
                if (e.getType().name().equals("TASK_COMPLETED")) {
                    assertThat(e.getPayload()).isNull();
                    path = e.getPayloadPath();
                }
            }
        }
        assertThat(path).startsWith("workflow/" + hostile.get("5 MB over REST") + "/");
        JsonNode location =
                get("/api/tasks/externalstoragelocation?operation=READ&payloadType=TASK_OUTPUT&path=" + path);
        assertThat(location.path("path").asText()).isEqualTo(path);
        HttpResponse<String> document = HTTP.send(
                HttpRequest.newBuilder(URI.create(location.path("uri").asText()))
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(document.body()).path("blob").asText()).hasSize(5 * MB - 20);

        // every saga completed exactly once, with a gapless history
        Map<String, dev.baton.protocol.WorkflowSnapshot> finals = awaitSagas(sagas);
        assertThat(finals.values()).extracting(s -> s.getStatus().name()).containsOnly("COMPLETED");
        List<Ledger.Delivery> ours = services.ledger().deliveries().stream()
                .filter(d -> sagas.contains(d.workflowId()))
                .toList();
        assertThat(ours).hasSize(SAGAS * 4);
        assertThat(new HashSet<>(ours)).hasSize(ours.size());
        ProtocolCodec codec = ctx.getBean(ProtocolCodec.class);
        Map<String, List<Long>> seqs = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : TopicReader.readAll(bootstrap, Topics.EVENTS)) {
            if (sagas.contains(r.key())) {
                WorkflowEvent e = codec.decodeEvent(r.value());
                seqs.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(e.getSeq());
            }
        }
        assertThat(seqs).hasSize(SAGAS);
        seqs.values()
                .forEach(s -> assertThat(s)
                        .containsExactlyElementsOf(
                                LongStream.rangeClosed(1, s.size()).boxed().toList()));

        // the stream thread was never replaced
        assertThat(runtime().threadHealth().totalDeaths()).isZero();
        assertThat(threadNames()).isEqualTo(threadsBefore);
        System.out.println("hostile: stream threads " + threadNames() + ", replacements "
                + runtime().threadHealth().totalDeaths());
    }

    private static String status(Map<String, JsonNode> outcome, String name) {
        return outcome.get(name).path("status").asText();
    }

    private static String reason(Map<String, JsonNode> outcome, String name) {
        return outcome.get(name).path("reasonForIncompletion").asText();
    }

    private static List<String> threadNames() {
        return runtime().kafkaStreams().metadataForLocalThreads().stream()
                .map(t -> t.threadName())
                .sorted()
                .toList();
    }

    private static String forkInput(int branches) {
        ObjectNode input = JSON.createObjectNode();
        ArrayNode tasks = input.putArray("tasks");
        ObjectNode inputs = input.putObject("inputs");
        for (int i = 0; i < branches; i++) {
            tasks.addObject()
                    .put("name", "b" + i)
                    .put("taskReferenceName", "b" + i)
                    .put("type", "INLINE");
            inputs.putObject("b" + i).put("evaluatorType", "javascript").put("expression", "1 + " + i);
        }
        return input.toString();
    }

    private static String start(String name, String input) throws Exception {
        HttpResponse<String> r = send("POST", "/api/workflow/" + name, input);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body().replace("\"", "").trim();
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = send("GET", path, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(120))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls the workflow's task over REST and completes it with an output of {@code size} bytes. */
    private static void answerOverRest(String workflowId, int size) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        String taskId = null;
        while (taskId == null) {
            assertThat(System.nanoTime()).as("a hostile_rest task to poll").isLessThan(deadline);
            JsonNode wf = get("/api/workflow/" + workflowId + "?includeTasks=true");
            JsonNode tasks = wf.path("tasks");
            if (tasks.size() > 0) {
                taskId = tasks.get(0).path("taskId").asText();
            } else {
                Thread.sleep(200);
            }
        }
        String update = "{\"workflowInstanceId\":\"" + workflowId + "\",\"taskId\":\"" + taskId
                + "\",\"status\":\"COMPLETED\",\"outputData\":{\"blob\":\"" + "b".repeat(size - 20) + "\"}}";
        HttpResponse<String> r = send("POST", "/api/tasks", update);
        assertThat(r.statusCode())
                .as(r.body().length() > 300 ? r.body().substring(0, 300) : r.body())
                .isEqualTo(200);
    }

    /** Reads the commands of hostile_kafka and replies to each, on the big reply topic, with {@code size} bytes. */
    private static void answerOverKafka(Map<String, Integer> sizes) throws Exception {
        Map<String, Object> cp = new HashMap<>();
        cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        cp.put(ConsumerConfig.GROUP_ID_CONFIG, "hostile-kafka-" + UUID.randomUUID());
        cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        cp.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Object> pp = new HashMap<>();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        pp.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 30 * MB);
        pp.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * MB);
        Set<String> answered = new HashSet<>();
        try (KafkaConsumer<String, byte[]> c =
                        new KafkaConsumer<>(cp, new StringDeserializer(), new ByteArrayDeserializer());
                KafkaProducer<String, byte[]> p =
                        new KafkaProducer<>(pp, new StringSerializer(), new ByteArraySerializer())) {
            c.subscribe(List.of("hostile_kafka.commands"));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (answered.size() < sizes.size()) {
                assertThat(System.nanoTime()).as("hostile_kafka commands").isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> cmd : c.poll(Duration.ofMillis(200))) {
                    String wf = header(cmd, BatonHeaders.WORKFLOW_ID);
                    Integer size = sizes.get(wf);
                    if (size == null || !answered.add(wf)) {
                        continue;
                    }
                    RecordHeaders h = new RecordHeaders();
                    for (Header x : cmd.headers()) {
                        if (x.key().startsWith("baton-")) {
                            h.add(x.key(), x.value());
                        }
                    }
                    h.add(BatonHeaders.STATUS, "COMPLETED".getBytes(StandardCharsets.UTF_8));
                    byte[] value = ("{\"blob\":\"" + "k".repeat(size - 20) + "\"}").getBytes(StandardCharsets.UTF_8);
                    p.send(new ProducerRecord<>(BIG_REPLIES, null, wf, value, h))
                            .get();
                }
            }
        }
    }

    private static String header(ConsumerRecord<String, byte[]> r, String key) {
        Header h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static JsonNode awaitEnd(String workflowId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode wf = get("/api/workflow/" + workflowId + "?includeTasks=false");
            String status = wf.path("status").asText();
            if (!status.equals("RUNNING") && !status.equals("PAUSED")) {
                return wf;
            }
            assertThat(System.nanoTime()).as("workflow %s to end", workflowId).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    private static Map<String, dev.baton.protocol.WorkflowSnapshot> awaitSagas(Set<String> ids) {
        try (var watcher = new dev.baton.orchestrator.client.StateWatcher(
                Map.of("bootstrap.servers", bootstrap), ctx.getBean(ProtocolCodec.class), ids)) {
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (watcher.finished() < ids.size()) {
                assertThat(System.nanoTime())
                        .as("sagas to finish: %s of %s", watcher.finished(), ids.size())
                        .isLessThan(deadline);
                watcher.poll(Duration.ofMillis(200));
            }
            return watcher.snapshots();
        }
    }
}

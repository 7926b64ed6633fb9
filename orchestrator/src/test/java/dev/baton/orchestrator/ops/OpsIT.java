package dev.baton.orchestrator.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.dsl.DefinitionParser;
import dev.baton.orchestrator.client.WorkflowClient;
import dev.baton.orchestrator.kafka.Topics;
import dev.baton.orchestrator.runtime.StreamsRuntime;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import dev.baton.worker.TaskResult;
import dev.baton.worker.TaskWorker;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Operations of a real orchestrator (HTTP server, Kafka Streams on an in-process broker of its
 * own, so the counts are this class's alone): readiness while Streams starts, and the Prometheus
 * metrics after a few workflows, a termination and a poison reply.
 */
@KafkaCluster(isolated = true)
class OpsIT {
    private static final String RUN =
            UUID.randomUUID().toString().substring(0, 8).replace('-', '_');
    private static final String STEP = "ops_step_" + RUN;
    private static final String FLOW = "ops_flow_" + RUN;
    private static final String WAIT = "ops_wait_" + RUN;

    private static String bootstrap;
    private static EmbeddedServer server;
    private static HttpProbe http;
    private static TaskWorker worker;
    /** What /health/readiness said right after the server started, before waiting for Streams. */
    private static HttpResponse<String> earlyReadiness;

    @BeforeAll
    static void start(KafkaTestCluster kafka) throws Exception {
        bootstrap = kafka.bootstrapServers();
        server = ApplicationContext.run(
                EmbeddedServer.class,
                Map.of(
                        "micronaut.server.port",
                        -1,
                        "kafka.bootstrap.servers",
                        kafka.bootstrapServers(),
                        "baton.data-dir",
                        Files.createTempDirectory("baton-ops-it").toString(),
                        "baton.application-id",
                        "baton-ops-it-" + RUN));
        http = new HttpProbe("http://127.0.0.1:" + server.getPort());
        earlyReadiness = http.get("/health/readiness");
        worker = TaskWorker.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .taskType(STEP)
                .groupId("ops-it-" + RUN)
                .handler(ctx -> ctx.input().path("fail").asBoolean()
                        ? TaskResult.failedTerminal("asked to fail")
                        : TaskResult.completed(Map.of("ok", true)))
                .build()
                .start();
        worker.awaitAssignment(Duration.ofSeconds(30));
        assertThat(runtime().awaitRunning(Duration.ofSeconds(90))).isTrue();
    }

    @AfterAll
    static void stop() {
        if (worker != null) {
            worker.close();
        }
        if (server != null) {
            server.getApplicationContext().close();
        }
    }

    @Test
    void readinessFollowsTheStreamsStateFromStartToRunning() {
        // Probed as soon as the server was up: Streams was then still joining its group (or, on a
        // very fast start, already running); the answer matches the state it reports either way.
        JsonNode early = HttpProbe.json(earlyReadiness);
        String earlyState = early.path("details")
                .path("kafkaStreams")
                .path("details")
                .path("state")
                .asText();
        assertThat(earlyState).isIn("CREATED", "REBALANCING", "RUNNING");
        assertThat(earlyReadiness.statusCode())
                .as(earlyReadiness.body())
                .isEqualTo(earlyState.equals("RUNNING") ? 200 : 503);
        assertThat(early.path("status").asText()).isEqualTo(earlyState.equals("RUNNING") ? "UP" : "DOWN");

        assertThat(runtime().state()).isEqualTo(KafkaStreams.State.RUNNING);
        HttpResponse<String> ready = http.get("/health/readiness");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(HttpProbe.json(ready)
                        .path("details")
                        .path("kafkaStreams")
                        .path("details")
                        .path("state")
                        .asText())
                .isEqualTo("RUNNING");
        HttpResponse<String> live = http.get("/health/liveness");
        assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
        assertThat(http.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void prometheusShowsWorkflowsTasksTimersDeadLettersAndConsumerLag() throws Exception {
        WorkflowClient client = server.getApplicationContext().getBean(WorkflowClient.class);
        client.registerTaskDefs(DefinitionParser.tasks("[{\"name\":\"" + STEP + "\",\"retryCount\":0}]"));
        client.registerWorkflow(DefinitionParser.workflow("""
                {"name":"%s","version":1,"schemaVersion":2,"tasks":[
                  {"name":"%s","taskReferenceName":"step","inputParameters":{"fail":"${workflow.input.fail}"}}]}""".formatted(FLOW, STEP)));
        client.registerWorkflow(DefinitionParser.workflow("""
                {"name":"%s","version":1,"schemaVersion":2,"tasks":[
                  {"name":"nap","taskReferenceName":"nap","type":"WAIT","inputParameters":{"duration":"1h"}}]}""".formatted(WAIT)));
        client.flush();
        ObjectMapper json = new ObjectMapper();
        // Starts name registered definitions: wait until the runtime's global store has both.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> definitions().get("workflow:" + FLOW + ":1") != null
                        && definitions().get("workflow:" + WAIT + ":1") != null);

        List<String> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            client.start(FLOW, null, json.createObjectNode().put("fail", false), "ok-" + i);
        }
        for (int i = 0; i < 2; i++) {
            client.start(FLOW, null, json.createObjectNode().put("fail", true), "bad-" + i);
        }
        for (int i = 0; i < 2; i++) {
            waiting.add(client.start(WAIT, null, json.createObjectNode(), "wait-" + i));
        }
        client.flush();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> value(
                                        scrape(),
                                        "baton_task_latency_seconds_count",
                                        "outcome=\"FAILED_WITH_TERMINAL_ERROR\",task_type=\"" + STEP + "\"")
                                == 2.0
                        && value(
                                        scrape(),
                                        "baton_task_latency_seconds_count",
                                        "outcome=\"COMPLETED\",task_type=\"" + STEP + "\"")
                                == 3.0);
        client.terminate(waiting.get(0), "ops test");
        client.flush();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(
                            Topics.REPLIES,
                            "poison-" + RUN,
                            "\u00ff\u00fe not a reply".getBytes(StandardCharsets.ISO_8859_1)))
                    .get();
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> value(scrape(), "baton_workflows_terminated_total", "workflow=\"" + WAIT + "\"") == 1.0
                        && value(scrape(), "baton_dlq_records_total", "reason=\"poison\",source=\"baton.replies\"")
                                == 1.0);

        String text = scrape();
        assertThat(value(text, "baton_workflows_started_total", "workflow=\"" + FLOW + "\""))
                .isEqualTo(5.0);
        assertThat(value(text, "baton_workflows_started_total", "workflow=\"" + WAIT + "\""))
                .isEqualTo(2.0);
        assertThat(value(text, "baton_workflows_completed_total", "workflow=\"" + FLOW + "\""))
                .isEqualTo(3.0);
        assertThat(value(text, "baton_workflows_failed_total", "workflow=\"" + FLOW + "\""))
                .isEqualTo(2.0);
        assertThat(value(text, "baton_workflows_terminated_total", "workflow=\"" + WAIT + "\""))
                .isEqualTo(1.0);
        assertThat(text).doesNotContain("baton_workflows_completed_total{workflow=\"" + WAIT + "\"}");

        // The task latency histogram: buckets Prometheus can take quantiles of, a count and a sum.
        String completed = "outcome=\"COMPLETED\",task_type=\"" + STEP + "\"";
        assertThat(text).contains("# TYPE baton_task_latency_seconds histogram");
        assertThat(value(text, "baton_task_latency_seconds_bucket", completed + ",le=\"+Inf\""))
                .isEqualTo(3.0);
        assertThat(value(text, "baton_task_latency_seconds_bucket", completed + ",le=\"3600.0\""))
                .isEqualTo(3.0);
        assertThat(value(text, "baton_task_latency_seconds_sum", completed))
                .isPositive()
                .isLessThan(180.0);
        assertThat(value(text, "baton_task_latency_seconds_count", "outcome=\"CANCELED\",task_type=\"WAIT\""))
                .isEqualTo(1.0);

        // One WAIT timer is still pending (plus the retention timers of the finished instances).
        assertThat(value(text, "baton_timers_pending", "")).isGreaterThanOrEqualTo(1.0);
        assertThat(value(text, "baton_dlq_records_total", "reason=\"poison\",source=\"baton.replies\""))
                .isEqualTo(1.0);

        // Consumer lag, from Kafka Streams' own client metrics.
        assertThat(text).containsPattern("(?m)^kafka_consumer_fetch_manager_records_lag_max\\{[^}]*\\} [0-9.NaE+-]+$");
    }

    @Test
    void theOpenApiDocumentIsServed() {
        HttpResponse<String> doc = http.get("/openapi/baton.yml");
        assertThat(doc.statusCode()).isEqualTo(200);
        assertThat(doc.body()).contains("title: Baton").contains("/registry/subjects");
    }

    private static ReadOnlyKeyValueStore<String, byte[]> definitions() {
        return runtime()
                .kafkaStreams()
                .store(StoreQueryParameters.fromNameAndType(
                        Topics.DEFINITION_STORE, QueryableStoreTypes.<String, byte[]>keyValueStore()));
    }

    private static StreamsRuntime runtime() {
        return server.getApplicationContext().getBean(StreamsRuntime.class);
    }

    private static String scrape() {
        HttpResponse<String> r = http.get("/prometheus");
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    /** The value of the sample {@code name{labels}} (labels in Prometheus' sorted order, {@code ""} for none); NaN when absent. */
    static double value(String scrape, String name, String labels) {
        String head = labels.isEmpty() ? name + " " : name + "{" + labels + "} ";
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(head) + "(\\S+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }
}

package dev.baton.orchestrator.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The operations endpoints of a running server whose Kafka Streams state the test drives (no
 * broker): the probes follow the state, the scrape and the OpenAPI document are served without
 * credentials, other management endpoints are off.
 */
class OpsProbesIT {
    private static EmbeddedServer server;
    private static DrivenStreamsState state;
    private static HttpProbe http;

    @BeforeAll
    static void start() throws Exception {
        server = ApplicationContext.run(
                EmbeddedServer.class,
                Map.of(
                        "micronaut.server.port",
                        -1,
                        "baton.runtime.enabled",
                        false,
                        "baton.data-dir",
                        Files.createTempDirectory("baton-ops").toString(),
                        "ops-test.driven-state",
                        true));
        state = (DrivenStreamsState) server.getApplicationContext().getBean(StreamsStateSource.class);
        http = new HttpProbe("http://127.0.0.1:" + server.getPort());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.getApplicationContext().close();
        }
    }

    @Test
    void readinessIsDownUntilStreamsRunsAndShowsTheState() {
        state.set(null);
        assertProbe("/health/readiness", 503, "DOWN", "kafkaStreams", "NOT_CREATED");
        state.set(State.CREATED);
        assertProbe("/health/readiness", 503, "DOWN", "kafkaStreams", "CREATED");
        state.set(State.REBALANCING);
        assertProbe("/health/readiness", 503, "DOWN", "kafkaStreams", "REBALANCING");
        assertProbe("/health/liveness", 200, "UP", "kafkaStreamsLiveness", "REBALANCING");
        state.set(State.RUNNING);
        assertProbe("/health/readiness", 200, "UP", "kafkaStreams", "RUNNING");
        assertProbe("/health/liveness", 200, "UP", "kafkaStreamsLiveness", "RUNNING");
        assertProbe("/health", 200, "UP", "kafkaStreams", "RUNNING");
        JsonNode readiness = HttpProbe.json(http.get("/health/readiness"));
        assertThat(readiness.path("details").has("kafkaStreamsLiveness"))
                .as("liveness is not a readiness check")
                .isFalse();
    }

    @Test
    void livenessIsDownOnceStreamsFailsOrStops() {
        for (State s : List.of(State.ERROR, State.PENDING_SHUTDOWN, State.NOT_RUNNING)) {
            state.set(s);
            assertProbe("/health/liveness", 503, "DOWN", "kafkaStreamsLiveness", s.name());
            assertProbe("/health/readiness", 503, "DOWN", "kafkaStreams", s.name());
            assertProbe("/health", 503, "DOWN", "kafkaStreamsLiveness", s.name());
        }
        state.set(State.RUNNING);
    }

    @Test
    void prometheusIsServedAndOtherManagementEndpointsAreOff() {
        HttpResponse<String> scrape = http.get("/prometheus");
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("content-type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("text/plain"));
        assertThat(scrape.body()).contains("# TYPE jvm_memory_used_bytes gauge");
        for (String closed : List.of("/metrics", "/beans", "/env", "/loggers", "/routes", "/threaddump", "/info")) {
            assertThat(http.get(closed).statusCode()).as(closed).isIn(401, 404);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOpenApiDocumentIsServedWithASwaggerUi() {
        HttpResponse<String> doc = http.get("/openapi/baton.yml");
        assertThat(doc.statusCode()).isEqualTo(200);
        Map<String, Object> api = new Yaml().load(doc.body());
        assertThat(api.get("openapi")).asString().startsWith("3.");
        Map<String, Object> info = (Map<String, Object>) api.get("info");
        assertThat(info).containsEntry("title", "Baton");
        assertThat(info.get("version")).asString().isNotBlank().doesNotContain("${");
        Map<String, Object> paths = (Map<String, Object>) api.get("paths");
        assertThat(paths).containsKeys("/registry", "/registry/subjects", "/registry/subjects/{subject}/versions");
        Map<String, Object> register = (Map<String, Object>) paths.get("/registry/subjects/{subject}/versions");
        assertThat(register).containsKeys("get", "post");

        HttpResponse<String> ui = http.get("/openapi/views/swagger-ui/index.html");
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("/openapi/baton.yml").doesNotContain("https://");
        assertThat(http.get("/openapi/views/swagger-ui/res/swagger-ui-bundle.js")
                        .statusCode())
                .isEqualTo(200);
    }

    private static void assertProbe(String path, int status, String overall, String indicator, String streamsState) {
        HttpResponse<String> r = http.get(path);
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(status);
        JsonNode body = HttpProbe.json(r);
        assertThat(body.path("status").asText()).as(path).isEqualTo(overall);
        assertThat(body.path("details")
                        .path(indicator)
                        .path("details")
                        .path("state")
                        .asText())
                .as(path + " " + r.body())
                .isEqualTo(streamsState);
    }
}

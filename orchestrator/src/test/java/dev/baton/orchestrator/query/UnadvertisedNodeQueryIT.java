package dev.baton.orchestrator.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.dsl.DefinitionParser;
import dev.baton.orchestrator.client.WorkflowClient;
import dev.baton.orchestrator.error.ApiException;
import dev.baton.orchestrator.runtime.StreamsRuntime;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpStatus;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * A context with a random HTTP port that never starts its server: queries answer 503 (not
 * started) until {@link StreamsRuntime#awaitRunning} starts Kafka Streams without an advertised
 * address; from then on the node answers alone, from its own stores.
 */
@KafkaCluster(isolated = true) // Baton's topic names are fixed: a shared broker would hold other tests' workflows
class UnadvertisedNodeQueryIT {

    @Test
    void answers503UntilStartedThenAnswersLocally(KafkaTestCluster kafka) throws Exception {
        Map<String, Object> props = Map.of(
                "kafka.bootstrap.servers",
                kafka.bootstrapServers(),
                "baton.data-dir",
                Files.createTempDirectory("baton-query-unadvertised").toString(),
                "baton.application-id",
                "baton-query-unadvertised-" + UUID.randomUUID(),
                "baton.encoding",
                "json",
                "baton.http-worker.enabled",
                "false",
                "baton.query-unavailable-wait-ms",
                300,
                "micronaut.server.port",
                -1);
        try (ApplicationContext ctx = ApplicationContext.run(props)) {
            StreamsRuntime runtime = ctx.getBean(StreamsRuntime.class);
            InstanceQueries queries = ctx.getBean(InstanceQueries.class);
            assertThat(runtime.started())
                    .as("waits for an HTTP server that never starts")
                    .isFalse();
            assertThat(runtime.state()).isEqualTo(KafkaStreams.State.CREATED);
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> queries.find("any"))
                    .isInstanceOfSatisfying(
                            ApiException.class,
                            e -> assertThat(e.status().getCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE.getCode()))
                    .hasMessageContaining("has not started yet");
            assertThat(Duration.ofNanos(System.nanoTime() - t0))
                    .isBetween(Duration.ofMillis(250), Duration.ofSeconds(3));
            assertThatThrownBy(() -> queries.search(InstanceSearch.all(0, 10)))
                    .isInstanceOfSatisfying(
                            ApiException.class,
                            e -> assertThat(e.status().getCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE.getCode()));

            assertThat(runtime.awaitRunning(Duration.ofSeconds(60))).isTrue();
            assertThat(runtime.advertised()).isEmpty();
            String id = "solo-" + UUID.randomUUID();
            WorkflowClient client = ctx.getBean(WorkflowClient.class);
            client.startInline(
                    id,
                    DefinitionParser.workflow("""
                    {"name": "solo_hold", "version": 1, "schemaVersion": 2,
                     "tasks": [{"name": "hold", "taskReferenceName": "hold", "type": "WAIT"}]}
                    """),
                    new ObjectMapper().createObjectNode().put("who", "solo"),
                    "solo-corr");
            client.flush();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (queries.find(id).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(queries.find(id)).get().extracting(w -> w.correlationId).isEqualTo("solo-corr");
            assertThat(queries.find("no-such-" + UUID.randomUUID())).isEmpty();
            SearchResult all = queries.search(InstanceSearch.all(0, 10));
            assertThat(all.totalHits()).isEqualTo(1);
            assertThat(all.results()).extracting(w -> w.workflowId).containsExactly(id);
        }
    }
}

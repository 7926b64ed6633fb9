package dev.baton.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.dsl.DefinitionParser;
import dev.baton.orchestrator.client.WorkflowClient;
import dev.baton.orchestrator.config.BatonConfig;
import dev.baton.orchestrator.runtime.ProtocolCodec;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Health that tells the truth, and a clean stop: a node whose stream thread keeps dying reports
 * itself neither ready nor alive (so an orchestrator restarts it), and SIGTERM ends the process
 * within 10 s whether it runs normally or is in the middle of replacing a thread.
 */
@KafkaCluster(isolated = true)
class StopAndHealthIT {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aStopEndsARunningNodeWithinTenSeconds(KafkaTestCluster kafka) throws Exception {
        int port = freePort();
        Path dir = Files.createTempDirectory("baton-stop");
        try (OrchestratorProcess node =
                new OrchestratorProcess(props(kafka, dir, port, Map.of()), dir.resolve("node.log"))) {
            node.start();
            awaitStatus(port, "/health/readiness", 200, Duration.ofSeconds(90));

            long stopped = stop(node);

            System.out.println("stop: a running node ended " + stopped + " ms after SIGTERM");
            assertThat(stopped).isLessThan(10_000);
        }
    }

    @Test
    void aThreadThatKeepsDyingTurnsBothProbesDownAndAStopStillEndsTheNode(KafkaTestCluster kafka) throws Exception {
        // given: a node whose schema registry cannot be reached: every step's records fail to encode, the
        // stream thread dies on it, is replaced, reads the same record, and dies again
        int port = freePort();
        int nowhere = freePort();
        Path dir = Files.createTempDirectory("baton-dying");
        Map<String, String> extra =
                Map.of("baton.encoding", "avro", "baton.registry-url", "http://127.0.0.1:" + nowhere);
        try (OrchestratorProcess node =
                new OrchestratorProcess(props(kafka, dir, port, extra), dir.resolve("node.log"))) {
            node.start();
            awaitStatus(port, "/health/readiness", 200, Duration.ofSeconds(90));
            try (WorkflowClient client = new WorkflowClient(
                    Map.of("bootstrap.servers", kafka.bootstrapServers()), new BatonConfig(), ProtocolCodec.json())) {
                client.registerWorkflow(DefinitionParser.workflow("""
                        {"name": "doomed", "version": 1, "tasks": [{"name": "n", "taskReferenceName": "n", "type": "NOOP"}]}"""));
                Thread.sleep(2_000);
                client.start("doomed", null, null, null);
                client.flush();
            }

            // then: after the third replacement the node is neither ready nor alive
            awaitStatus(port, "/health/liveness", 503, Duration.ofMinutes(4));
            assertThat(status(port, "/health/readiness")).isEqualTo(503);
            assertThat(body(port, "/health/liveness")).contains("threadReplacements");

            // and: a stop, in the middle of all that, still ends it within 10 s
            long stopped = stop(node);
            System.out.println("stop: a node replacing its stream thread ended " + stopped + " ms after SIGTERM");
            assertThat(stopped).isLessThan(10_000);
        }
    }

    private static Map<String, String> props(KafkaTestCluster kafka, Path dir, int port, Map<String, String> extra) {
        Map<String, String> p = new HashMap<>();
        p.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        p.put("baton.data-dir", dir.resolve("data").toString());
        p.put("baton.application-id", "baton-stop-" + UUID.randomUUID());
        p.put("baton.encoding", "json");
        p.put("baton.http-worker.enabled", "false");
        p.put("micronaut.server.port", Integer.toString(port));
        p.put("kafka.session.timeout.ms", "6000");
        p.put("kafka.heartbeat.interval.ms", "1500");
        p.putAll(extra);
        return p;
    }

    /** SIGTERM; the milliseconds until the process ended. */
    private static long stop(OrchestratorProcess node) throws Exception {
        long t0 = System.nanoTime();
        node.terminate();
        assertThat(node.awaitExit(Duration.ofSeconds(30)))
                .as("the process ended")
                .isTrue();
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void awaitStatus(int port, String path, int expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = status(port, path);
            if (last == expected) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(path + " answered " + last + ", not " + expected + ", for " + timeout);
    }

    private static int status(int port, String path) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String body(int port, String path) throws Exception {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}

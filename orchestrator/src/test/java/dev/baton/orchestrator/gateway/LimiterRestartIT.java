package dev.baton.orchestrator.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.model.WorkflowStatus;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The limiter's state outlives the orchestrator: commands held back when it stops are neither lost
 * nor sent twice after it restarts, and the slots taken before the stop still count.
 */
@KafkaCluster(isolated = true)
class LimiterRestartIT {

    @Test
    void heldCommandsAndTakenSlotsSurviveARestart(KafkaTestCluster kafka) {
        Path dataDir = GatewayTestApp.tempDir();
        String applicationId = "baton-limiter-restart-" + UUID.randomUUID();
        Map<String, Object> settings = Map.of("baton.task-gateway.idle-close-ms", 5_000);
        String type = "lim_restart_" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        List<JsonNode> before = new ArrayList<>();
        try (GatewayTestApp first = GatewayTestApp.start(kafka.bootstrapServers(), applicationId, dataDir, settings)) {
            first.registerOneTaskWorkflow(type, "\"concurrentExecLimit\": 2");
            for (int i = 0; i < 5; i++) {
                ids.add(first.start(type, i, null));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (before.size() < 2 && System.nanoTime() < deadline) {
                first.get("/api/tasks/poll/batch/" + type + "?workerid=a&count=5&timeout=500")
                        .json()
                        .forEach(before::add);
            }
            assertThat(before).hasSize(2);
            assertThat(first.get("/api/tasks/poll/batch/" + type + "?workerid=a&count=5&timeout=1000")
                            .json())
                    .isEmpty();
        }

        try (GatewayTestApp second = GatewayTestApp.start(kafka.bootstrapServers(), applicationId, dataDir, settings)) {
            assertThat(second.get("/api/tasks/poll/batch/" + type + "?workerid=b&count=5&timeout=2000")
                            .json())
                    .as("the two slots taken before the stop are still taken")
                    .isEmpty();
            Set<String> handedOut = new HashSet<>();
            List<JsonNode> pending = new ArrayList<>(before);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (handedOut.size() < 5 && System.nanoTime() < deadline) {
                for (JsonNode t : pending) {
                    assertThat(handedOut.add(t.get("taskId").asText()))
                            .as("handed out once: %s", t)
                            .isTrue();
                    second.post("/api/tasks", """
                            {"workflowInstanceId": "%s", "taskId": "%s", "status": "COMPLETED"}""".formatted(
                                    t.get("workflowInstanceId").asText(),
                                    t.get("taskId").asText()));
                }
                pending.clear();
                second.get("/api/tasks/poll/batch/" + type + "?workerid=b&count=5&timeout=500")
                        .json()
                        .forEach(pending::add);
                assertThat(pending.size()).isLessThanOrEqualTo(2);
            }
            assertThat(handedOut).hasSize(5);
            for (String id : ids) {
                assertThat(second.awaitInstance(id, WorkflowInstance::isTerminal).status)
                        .isEqualTo(WorkflowStatus.COMPLETED);
            }
        }
    }
}

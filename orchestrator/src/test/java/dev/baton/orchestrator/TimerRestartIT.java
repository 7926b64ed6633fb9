package dev.baton.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.dsl.DefinitionParser;
import dev.baton.protocol.WorkflowSnapshot;
import dev.baton.protocol.WorkflowStatus;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import dev.baton.worker.TaskResult;
import dev.baton.worker.TaskWorker;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Timers are data: a retry delay armed before the orchestrator stops fires after it starts again. */
@KafkaCluster
class TimerRestartIT {

    @Test
    void aRetryDelayArmedBeforeAStopFiresAfterTheRestart(KafkaTestCluster kafka) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String taskType = "flaky_" + suffix;
        Map<String, Object> props = Map.of(
                "baton.data-dir",
                Files.createTempDirectory("baton-timer").toString(),
                "baton.application-id",
                "baton-timer-" + suffix,
                "baton.encoding",
                "json",
                "baton.http-worker.enabled",
                "false");
        List<Long> attemptsAt = new CopyOnWriteArrayList<>();
        Set<String> ids = ConcurrentHashMap.newKeySet();
        try (TaskWorker worker = TaskWorker.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .taskType(taskType)
                .handler(ctx -> {
                    attemptsAt.add(System.currentTimeMillis());
                    return ctx.attempt() == 0
                            ? TaskResult.failed("first attempt always fails")
                            : TaskResult.completed();
                })
                .build()
                .start()) {
            long stoppedAt;
            try (BatonTestApp first = BatonTestApp.start(kafka.bootstrapServers(), props)) {
                first.client()
                        .registerTaskDefs(DefinitionParser.tasks("[{\"name\": \"" + taskType
                                + "\", \"retryCount\": 1, \"retryLogic\": \"FIXED\", \"retryDelaySeconds\": 4}]"));
                first.client()
                        .registerWorkflow(DefinitionParser.workflow(
                                "{\"name\": \"timer_" + suffix + "\", \"version\": 1, \"tasks\": [{\"name\": \""
                                        + taskType + "\", \"taskReferenceName\": \"f\"}]}"));
                ids.add(first.client().start("timer_" + suffix, null, null, null));
                first.client().flush();
                long until = System.currentTimeMillis() + 30_000;
                while (attemptsAt.isEmpty() && System.currentTimeMillis() < until) {
                    Thread.sleep(20);
                }
                Thread.sleep(500); // the failure reaches the orchestrator, which arms the 4 s retry timer
                stoppedAt = System.currentTimeMillis();
            }
            assertThat(attemptsAt).hasSize(1);
            try (BatonTestApp second = BatonTestApp.start(kafka.bootstrapServers(), props)) {
                Map<String, WorkflowSnapshot> done = second.awaitFinished(ids, Duration.ofSeconds(60));
                assertThat(done.values())
                        .extracting(WorkflowSnapshot::getStatus)
                        .containsOnly(WorkflowStatus.COMPLETED);
            }
            assertThat(attemptsAt).hasSize(2);
            assertThat(attemptsAt.get(1) - attemptsAt.get(0))
                    .as("the retry waited its delay")
                    .isGreaterThanOrEqualTo(4_000);
            assertThat(attemptsAt.get(1)).as("and fired after the restart").isGreaterThan(stoppedAt);
        }
    }
}

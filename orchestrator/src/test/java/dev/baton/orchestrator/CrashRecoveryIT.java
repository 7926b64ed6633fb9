package dev.baton.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.dsl.DefinitionParser;
import dev.baton.orchestrator.client.StateWatcher;
import dev.baton.orchestrator.client.WorkflowClient;
import dev.baton.orchestrator.config.BatonConfig;
import dev.baton.orchestrator.kafka.Topics;
import dev.baton.orchestrator.runtime.ProtocolCodec;
import dev.baton.protocol.WorkflowEvent;
import dev.baton.protocol.WorkflowSnapshot;
import dev.baton.protocol.WorkflowStatus;
import dev.baton.samples.FlightBookingServices;
import dev.baton.samples.Ledger;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Exactly once under crashes: the orchestrator runs as its own JVM and is killed with SIGKILL at
 * random moments, five times, while 1,000 sagas run; each time it is started again on the same
 * data folder. Every saga must complete, every (workflow, task, attempt) command must reach its
 * service once, and every history must be gapless.
 */
@KafkaCluster(isolated = true)
class CrashRecoveryIT {
    private static final int SAGAS = 1000;
    private static final int KILLS = 5;

    /** The orchestrator creates Baton's topics when it starts; wait for them. */
    private static void awaitTopics(KafkaTestCluster kafka, String... names) throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        while (!kafka.admin().listTopics().names().get().containsAll(List.of(names))) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the orchestrator did not create its topics in 90 s");
            }
            Thread.sleep(200);
        }
    }

    @Test
    void sagasSurviveFiveKillsOfTheOrchestrator(KafkaTestCluster kafka) throws Exception {
        Path dir = Files.createTempDirectory("baton-crash");
        Map<String, String> props = Map.of(
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "baton.data-dir", dir.resolve("data").toString(),
                "baton.application-id", "baton-crash-test",
                "baton.encoding", "json",
                "baton.http-worker.enabled", "false",
                "micronaut.server.port", "-1",
                // a killed member is noticed after 6 s (the broker's minimum) instead of 45 s
                "kafka.session.timeout.ms", "6000",
                "kafka.heartbeat.interval.ms", "1500");
        Map<String, Object> client = Map.of("bootstrap.servers", kafka.bootstrapServers());
        ProtocolCodec codec = ProtocolCodec.json();
        Random random = new Random();

        OrchestratorProcess orchestrator = new OrchestratorProcess(props, dir.resolve("orchestrator.log")).start();
        awaitTopics(kafka, Topics.COMMANDS, Topics.STATE, Topics.EVENTS, Topics.DEFINITIONS);
        try (WorkflowClient workflows = new WorkflowClient(client, new BatonConfig(), codec);
                FlightBookingServices services = FlightBookingServices.builder()
                        .bootstrapServers(kafka.bootstrapServers())
                        .build()
                        .start()) {
            workflows.registerTaskDefs(
                    DefinitionParser.tasks(BatonTestApp.resource("/workflows/flight_booking_tasks.json")));
            workflows.registerWorkflow(
                    DefinitionParser.workflow(BatonTestApp.resource("/workflows/flight_booking.json")));
            Set<String> ids = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < SAGAS; i++) {
                ids.add(workflows.start("flight_booking", null, BatonTestApp.booking("BK-X" + i), "crash-" + i));
            }
            workflows.flush();

            try (StateWatcher watcher = new StateWatcher(client, codec, ids)) {
                for (int kill = 1; kill <= KILLS; kill++) {
                    // Kill mid-run: once the restarted orchestrator has finished a random number of further sagas.
                    int target = watcher.finished() + 40 + random.nextInt(80);
                    long until = System.currentTimeMillis() + 90_000;
                    while (watcher.finished() < target && System.currentTimeMillis() < until) {
                        watcher.poll(Duration.ofMillis(20));
                    }
                    assertThat(watcher.finished())
                            .as("progress before kill %d (log: %s)", kill, orchestrator.logFile())
                            .isGreaterThanOrEqualTo(target);
                    System.out.printf("kill %d: %d of %d sagas finished%n", kill, watcher.finished(), SAGAS);
                    orchestrator.kill();
                    orchestrator = new OrchestratorProcess(props, dir.resolve("orchestrator.log")).start();
                }
                long deadline = System.currentTimeMillis() + 240_000;
                while (watcher.finished() < SAGAS && System.currentTimeMillis() < deadline) {
                    watcher.poll(Duration.ofMillis(500));
                }
                assertThat(watcher.finished())
                        .as("sagas finished (log: %s)", orchestrator.logFile())
                        .isEqualTo(SAGAS);
                assertThat(watcher.snapshots().values())
                        .extracting(WorkflowSnapshot::getStatus)
                        .containsOnly(WorkflowStatus.COMPLETED);
            }

            Ledger ledger = services.ledger();
            List<Ledger.Delivery> ours = ledger.deliveries().stream()
                    .filter(d -> ids.contains(d.workflowId()))
                    .toList();
            assertThat(ledger.duplicates()).as("commands delivered twice").isEmpty();
            assertThat(ours).hasSize(SAGAS * 4);

            Map<String, List<Long>> seqs = new HashMap<>();
            for (ConsumerRecord<String, byte[]> r : TopicReader.readAll(kafka.bootstrapServers(), Topics.EVENTS)) {
                WorkflowEvent e = codec.decodeEvent(r.value());
                seqs.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(e.getSeq());
            }
            assertThat(seqs.keySet()).containsAll(ids);
            seqs.forEach((id, list) -> {
                for (int i = 0; i < list.size(); i++) {
                    assertThat(list.get(i)).as("event %d of %s", i, id).isEqualTo(i + 1L);
                }
            });
        } finally {
            orchestrator.close();
        }
    }
}

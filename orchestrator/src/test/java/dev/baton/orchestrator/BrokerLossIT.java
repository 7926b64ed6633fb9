package dev.baton.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.orchestrator.client.StateWatcher;
import dev.baton.protocol.WorkflowSnapshot;
import dev.baton.protocol.WorkflowStatus;
import dev.baton.samples.FlightBookingServices;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * A broker is lost under load and comes back: on a 3-broker cluster (replication 3,
 * min.insync.replicas 2) every saga still completes, none twice.
 */
@KafkaCluster(brokers = 3)
class BrokerLossIT {
    private static final int SAGAS = 400;

    @Test
    void nothingIsLostWhenABrokerStopsAndReturns(KafkaTestCluster kafka) throws Exception {
        Map<String, Object> props =
                Map.of("baton.replication-factor", "3", "baton.encoding", "json", "baton.http-worker.enabled", "false");
        try (BatonTestApp app = BatonTestApp.start(kafka.bootstrapServers(), props);
                FlightBookingServices services = FlightBookingServices.builder()
                        .bootstrapServers(kafka.bootstrapServers())
                        .latencyMillis(2)
                        .build()
                        .start()) {
            app.registerFlightBooking();
            Set<String> ids = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < SAGAS; i++) {
                ids.add(app.client().start("flight_booking", null, BatonTestApp.booking("BK-L" + i), "loss-" + i));
            }
            app.client().flush();
            try (StateWatcher watcher =
                    new StateWatcher(Map.of("bootstrap.servers", kafka.bootstrapServers()), app.codec(), ids)) {
                long until = System.currentTimeMillis() + 60_000;
                while (watcher.finished() < SAGAS / 4 && System.currentTimeMillis() < until) {
                    watcher.poll(Duration.ofMillis(20));
                }
                int atLoss = watcher.finished();
                kafka.stopNode(1);
                long back = System.currentTimeMillis() + 5_000;
                while (System.currentTimeMillis() < back) {
                    watcher.poll(Duration.ofMillis(100));
                }
                int whileDown = watcher.finished();
                kafka.startNode(1);
                until = System.currentTimeMillis() + 180_000;
                while (watcher.finished() < SAGAS && System.currentTimeMillis() < until) {
                    watcher.poll(Duration.ofMillis(200));
                }
                System.out.printf(
                        "broker loss: %d finished when node 1 stopped, %d while it was down, %d in the end%n",
                        atLoss, whileDown, watcher.finished());
                assertThat(watcher.finished()).isEqualTo(SAGAS);
                assertThat(watcher.snapshots().values())
                        .extracting(WorkflowSnapshot::getStatus)
                        .containsOnly(WorkflowStatus.COMPLETED);
                assertThat(whileDown).as("work went on with one broker down").isGreaterThan(atLoss);
            }
            assertThat(services.ledger().duplicates()).isEmpty();
            assertThat(services.ledger().deliveries().stream().filter(d -> ids.contains(d.workflowId())))
                    .hasSize(SAGAS * 4);
        }
    }
}

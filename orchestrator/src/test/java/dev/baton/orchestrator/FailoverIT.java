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
 * Scale-out and failover: two orchestrator instances with one application id share the
 * partitions; when one stops under load, the other takes its partitions over and every saga
 * completes, none twice.
 */
@KafkaCluster(isolated = true)
class FailoverIT {
    private static final int SAGAS = 600;

    @Test
    void theSurvivingInstanceFinishesEverySaga(KafkaTestCluster kafka) throws Exception {
        Map<String, Object> shared = Map.of(
                "baton.application-id",
                "baton-failover",
                "baton.encoding",
                "json",
                "baton.http-worker.enabled",
                "false",
                "baton.standby-replicas",
                "1");
        try (BatonTestApp first = BatonTestApp.start(kafka.bootstrapServers(), shared);
                BatonTestApp second = BatonTestApp.start(kafka.bootstrapServers(), shared);
                FlightBookingServices services = FlightBookingServices.builder()
                        .bootstrapServers(kafka.bootstrapServers())
                        .latencyMillis(2)
                        .build()
                        .start()) {
            first.registerFlightBooking();
            Set<String> ids = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < SAGAS; i++) {
                ids.add(first.client().start("flight_booking", null, BatonTestApp.booking("BK-F" + i), "fo-" + i));
            }
            first.client().flush();

            try (StateWatcher watcher =
                    new StateWatcher(Map.of("bootstrap.servers", kafka.bootstrapServers()), first.codec(), ids)) {
                long until = System.currentTimeMillis() + 60_000;
                while (watcher.finished() < SAGAS / 5 && System.currentTimeMillis() < until) {
                    watcher.poll(Duration.ofMillis(20));
                }
                int atStop = watcher.finished();
                assertThat(atStop).as("both instances were working").isLessThan(SAGAS);
                assertThat(first.runtime().metrics().transitions())
                        .as("the first instance did work")
                        .isPositive();
                assertThat(second.runtime().metrics().transitions())
                        .as("the second instance did work")
                        .isPositive();

                first.close(); // a graceful stop under load: its partitions move to the second instance

                until = System.currentTimeMillis() + 120_000;
                while (watcher.finished() < SAGAS && System.currentTimeMillis() < until) {
                    watcher.poll(Duration.ofMillis(200));
                }
                System.out.printf("failover: %d of %d finished when the first instance stopped%n", atStop, SAGAS);
                assertThat(watcher.finished()).isEqualTo(SAGAS);
                assertThat(watcher.snapshots().values())
                        .extracting(WorkflowSnapshot::getStatus)
                        .containsOnly(WorkflowStatus.COMPLETED);
            }
            assertThat(services.ledger().duplicates()).isEmpty();
            assertThat(services.ledger().deliveries().stream().filter(d -> ids.contains(d.workflowId())))
                    .hasSize(SAGAS * 4);
        }
    }
}

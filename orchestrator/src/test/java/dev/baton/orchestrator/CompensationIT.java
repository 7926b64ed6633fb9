package dev.baton.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.orchestrator.kafka.Topics;
import dev.baton.protocol.WorkflowEvent;
import dev.baton.protocol.WorkflowEventType;
import dev.baton.protocol.WorkflowSnapshot;
import dev.baton.protocol.WorkflowStatus;
import dev.baton.samples.FlightBookingServices;
import dev.baton.samples.FlightTasks;
import dev.baton.samples.Ledger;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The saga on a real broker when ticketing always fails: after its retries, the payment is
 * refunded and the seat released, newest first, exactly once each, and the booking ends FAILED.
 */
@KafkaCluster(isolated = true)
class CompensationIT {
    private static final int BOOKINGS = 10;
    private static BatonTestApp app;
    private static FlightBookingServices services;

    @BeforeAll
    static void start(KafkaTestCluster kafka) {
        app = BatonTestApp.start(kafka.bootstrapServers(), Map.of());
        app.registerFlightBooking();
        services = FlightBookingServices.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .failureRate(FlightTasks.ISSUE_TICKET, 1.0)
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aFailedBookingRefundsThePaymentAndReleasesTheSeat() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < BOOKINGS; i++) {
            ids.add(app.client().start("flight_booking", null, BatonTestApp.booking("BK-C" + i), "comp-" + i));
        }
        app.client().flush();

        Map<String, WorkflowSnapshot> finals = app.awaitFinished(ids, Duration.ofMinutes(2));
        assertThat(finals.values()).extracting(WorkflowSnapshot::getStatus).containsOnly(WorkflowStatus.FAILED);
        assertThat(finals.values())
                .allSatisfy(s -> assertThat(s.getReasonForIncompletion()).contains("issue_ticket"));

        Ledger ledger = services.ledger();
        for (String id : ids) {
            assertThat(ledger.count(FlightTasks.ISSUE_TICKET, id))
                    .as("ticket attempts")
                    .isEqualTo(4);
            assertThat(ledger.count(FlightTasks.REFUND_PAYMENT, id))
                    .as("refunds")
                    .isEqualTo(1);
            assertThat(ledger.count(FlightTasks.RELEASE_SEAT, id))
                    .as("releases")
                    .isEqualTo(1);
            assertThat(ledger.count(FlightTasks.NOTIFY_CUSTOMER, id)).isZero();
        }
        assertThat(ledger.hasDuplicates()).isFalse();

        Map<String, List<WorkflowEvent>> histories = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : TopicReader.readAll(app.bootstrap, Topics.EVENTS)) {
            if (ids.contains(r.key())) {
                histories
                        .computeIfAbsent(r.key(), k -> new ArrayList<>())
                        .add(app.codec().decodeEvent(r.value()));
            }
        }
        histories.values().forEach(events -> {
            List<WorkflowEventType> types =
                    events.stream().map(WorkflowEvent::getType).toList();
            int started = types.indexOf(WorkflowEventType.COMPENSATION_STARTED);
            assertThat(started).isPositive();
            List<String> compensations = events.subList(started, events.size()).stream()
                    .filter(e -> e.getType() == WorkflowEventType.TASK_COMPLETED)
                    .map(WorkflowEvent::getTaskType)
                    .collect(Collectors.toList());
            assertThat(compensations).containsExactly(FlightTasks.REFUND_PAYMENT, FlightTasks.RELEASE_SEAT);
            assertThat(types.subList(types.size() - 2, types.size()))
                    .containsExactly(WorkflowEventType.COMPENSATION_COMPLETED, WorkflowEventType.WORKFLOW_FAILED);
        });
        assertThat(histories).hasSize(BOOKINGS);
    }
}

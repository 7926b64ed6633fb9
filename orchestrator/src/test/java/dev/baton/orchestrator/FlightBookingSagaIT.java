package dev.baton.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.orchestrator.kafka.Topics;
import dev.baton.orchestrator.runtime.ProtocolCodec;
import dev.baton.protocol.WorkflowEvent;
import dev.baton.protocol.WorkflowEventType;
import dev.baton.protocol.WorkflowSnapshot;
import dev.baton.protocol.WorkflowStatus;
import dev.baton.samples.FlightBookingServices;
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
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tracer bullet, end to end on a real broker: 200 flight bookings run through the
 * orchestrator (exactly-once v2) and the sample services, in Avro mode with the built-in registry.
 */
@KafkaCluster
class FlightBookingSagaIT {
    private static final int BOOKINGS = 200;
    private static final List<WorkflowEventType> HAPPY_HISTORY = List.of(
            WorkflowEventType.WORKFLOW_STARTED,
            WorkflowEventType.TASK_SCHEDULED,
            WorkflowEventType.TASK_COMPLETED,
            WorkflowEventType.TASK_SCHEDULED,
            WorkflowEventType.TASK_COMPLETED,
            WorkflowEventType.TASK_SCHEDULED,
            WorkflowEventType.TASK_COMPLETED,
            WorkflowEventType.TASK_SCHEDULED,
            WorkflowEventType.TASK_COMPLETED,
            WorkflowEventType.WORKFLOW_COMPLETED);

    private static BatonTestApp app;
    private static FlightBookingServices services;

    @BeforeAll
    static void start(KafkaTestCluster kafka) {
        app = BatonTestApp.start(kafka.bootstrapServers(), Map.of());
        app.registerFlightBooking();
        services = FlightBookingServices.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .groupIdPrefix("saga-it-" + UUID.randomUUID() + "-")
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
    void twoHundredBookingsCompleteWithExactlyOnceCommandsAndFullHistory() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < BOOKINGS; i++) {
            ids.add(app.client().start("flight_booking", null, BatonTestApp.booking("BK-" + i), "booking-" + i));
        }
        app.client().flush();

        Map<String, WorkflowSnapshot> finals = app.awaitFinished(ids, Duration.ofMinutes(3));
        assertThat(finals.values()).extracting(WorkflowSnapshot::getStatus).containsOnly(WorkflowStatus.COMPLETED);
        WorkflowSnapshot one = finals.values().iterator().next();
        assertThat(one.getOutput()).contains("\"ticketNumber\"").contains("\"seatNumber\"");
        assertThat(one.getTaskCount()).isEqualTo(4);
        assertThat(one.getTasks()).as("a finished instance has no current task").isEmpty();

        // Every (workflow, task, attempt) command reached its service exactly once.
        Ledger ledger = services.ledger();
        List<Ledger.Delivery> ours = ledger.deliveries().stream()
                .filter(d -> ids.contains(d.workflowId()))
                .toList();
        assertThat(ours).hasSize(BOOKINGS * 4);
        assertThat(new HashSet<>(ours)).hasSize(ours.size());
        assertThat(ours.stream().map(Ledger.Delivery::service).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("reserve_seat", "charge_payment", "issue_ticket", "notify_customer");

        // baton.state holds one COMPLETED snapshot per instance, and it is the latest one.
        ProtocolCodec codec = app.codec();
        Map<String, Integer> completedSnapshots = new HashMap<>();
        Map<String, WorkflowSnapshot> latest = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : TopicReader.readAll(app.bootstrap, Topics.STATE)) {
            if (!ids.contains(r.key())) {
                continue;
            }
            WorkflowSnapshot s = codec.decodeSnapshot(r.value());
            latest.put(r.key(), s);
            if (s.getStatus() == WorkflowStatus.COMPLETED) {
                completedSnapshots.merge(r.key(), 1, Integer::sum);
            }
        }
        assertThat(completedSnapshots).hasSize(BOOKINGS);
        assertThat(completedSnapshots.values()).containsOnly(1);
        assertThat(latest.values()).extracting(WorkflowSnapshot::getStatus).containsOnly(WorkflowStatus.COMPLETED);

        // baton.events holds each instance's full history, in order, without gaps.
        Map<String, List<WorkflowEvent>> histories = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : TopicReader.readAll(app.bootstrap, Topics.EVENTS)) {
            if (ids.contains(r.key())) {
                histories.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(codec.decodeEvent(r.value()));
            }
        }
        assertThat(histories).hasSize(BOOKINGS);
        histories.forEach((id, events) -> {
            assertThat(events)
                    .extracting(WorkflowEvent::getSeq)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, events.size())
                            .boxed()
                            .toList());
            assertThat(events).extracting(WorkflowEvent::getType).containsExactlyElementsOf(HAPPY_HISTORY);
            assertThat(events)
                    .extracting(WorkflowEvent::getTaskRef)
                    .filteredOn(java.util.Objects::nonNull)
                    .containsExactly(
                            "reserve_ref",
                            "reserve_ref",
                            "charge_ref",
                            "charge_ref",
                            "ticket_ref",
                            "ticket_ref",
                            "notify_ref",
                            "notify_ref");
        });
    }
}

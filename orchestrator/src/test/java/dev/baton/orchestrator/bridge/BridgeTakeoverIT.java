package dev.baton.orchestrator.bridge;

import static dev.baton.orchestrator.bridge.BridgeApp.waitingAt;
import static dev.baton.orchestrator.bridge.Choreography.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.model.WorkflowStatus;
import dev.baton.protocol.WorkflowEvent;
import dev.baton.protocol.WorkflowEventType;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Taking over a choreography one step at a time: the payment step switches from observed to
 * commanded (also while instances are in flight) and the service's own event still ends it.
 */
@KafkaCluster
class BridgeTakeoverIT {
    private static BridgeApp app;
    private static KafkaTestCluster kafka;

    @BeforeAll
    static void start(KafkaTestCluster cluster) throws Exception {
        kafka = cluster;
        app = BridgeApp.start(cluster);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void paymentInCommandModeIsSentByBatonAndEndedByTheServicesEvent() throws Exception {
        Choreography c = new Choreography(kafka);
        app.register(c.definition("command", 60, true));
        app.awaitBound(c.bookings, c.seats, c.payments, c.tickets);
        List<String> keys = List.of("BK-1", "BK-2", "BK-3", "BK-4");
        try (FakePaymentService payments = new FakePaymentService(kafka, c.chargeTask + ".commands", c.payments)) {
            for (String k : keys) {
                app.send(c.bookings, k, event("BookingRequested", k));
                app.send(c.seats, k, event("SeatReserved", k));
            }
            List<String> ids = new ArrayList<>();
            for (String k : keys) {
                WorkflowInstance wf = app.awaitInstance(c.workflow, k, w -> waitingAt(w, "issue_ticket"));
                assertThat(wf.latest("charge_payment")
                                .orElseThrow()
                                .outputData
                                .path("chargedBy")
                                .asText())
                        .isEqualTo("payment-service");
                ids.add(wf.workflowId);
                app.send(c.tickets, k, event("TicketIssued", k));
            }
            for (String k : keys) {
                app.awaitInstance(c.workflow, k, w -> w.status == WorkflowStatus.COMPLETED);
            }

            // One payment command per booking, taken once; the observed steps got none.
            assertThat(payments.deliveries)
                    .extracting(FakePaymentService.Delivery::workflowId)
                    .containsExactlyInAnyOrderElementsOf(ids);
            assertThat(payments.deliveries)
                    .extracting(d -> d.input().path("amount").asInt())
                    .containsOnly(120);
            assertThat(app.readAll(c.chargeTask + ".commands")).hasSize(keys.size());
            assertThat(app.readAll(c.reserveTask + ".commands")).isEmpty();
            assertThat(app.readAll(c.ticketTask + ".commands")).isEmpty();
            for (String id : ids) {
                app.awaitHistory(
                        id,
                        h -> assertThat(h)
                                .extracting(WorkflowEvent::getType)
                                .contains(WorkflowEventType.WORKFLOW_COMPLETED)
                                .doesNotContain(WorkflowEventType.REPLY_IGNORED, WorkflowEventType.TASK_FAILED));
            }
        }
    }

    @Test
    void switchingPaymentToCommandModeMidMigrationLosesNothingAndRunsNoStepTwice() throws Exception {
        Choreography c = new Choreography(kafka);
        app.register(c.definition("observe", 60, true));
        app.awaitBound(c.bookings, c.seats, c.payments, c.tickets);
        List<String> past = List.of("PAST-1", "PAST-2", "PAST-3");
        List<String> at = List.of("AT-1", "AT-2");
        List<String> before = List.of("BEFORE-1", "BEFORE-2", "BEFORE-3");

        // In flight before the switch: some past payment, some waiting at it, some before it.
        for (String k : past) {
            app.send(c.bookings, k, event("BookingRequested", k));
            app.send(c.seats, k, event("SeatReserved", k));
            app.send(c.payments, k, event("PaymentCharged", k, "chargedBy", "choreography"));
        }
        for (String k : at) {
            app.send(c.bookings, k, event("BookingRequested", k));
            app.send(c.seats, k, event("SeatReserved", k));
        }
        for (String k : before) {
            app.send(c.bookings, k, event("BookingRequested", k));
        }
        past.forEach(k -> app.awaitInstance(c.workflow, k, w -> waitingAt(w, "issue_ticket")));
        at.forEach(k -> app.awaitInstance(c.workflow, k, w -> waitingAt(w, "charge_payment")));
        before.forEach(k -> app.awaitInstance(c.workflow, k, w -> waitingAt(w, "reserve_seat")));

        // The switch: the same version, updated in place, payment now commanded.
        app.register(c.definition("command", 60, true));
        Thread.sleep(1_500); // the engine's definitions store follows the topic on its own thread

        try (FakePaymentService payments = new FakePaymentService(kafka, c.chargeTask + ".commands", c.payments)) {
            for (String k : before) {
                app.send(c.seats, k, event("SeatReserved", k));
            }
            for (String k : at) {
                // the old choreography still charges the bookings that reached payment before the switch
                app.send(c.payments, k, event("PaymentCharged", k, "chargedBy", "choreography"));
            }
            Set<String> beforeIds = new HashSet<>();
            for (String k : before) {
                beforeIds.add(app.awaitInstance(c.workflow, k, w -> waitingAt(w, "issue_ticket")).workflowId);
            }
            List<String> all = new ArrayList<>(past);
            all.addAll(at);
            all.addAll(before);
            for (String k : all) {
                app.send(c.tickets, k, event("TicketIssued", k));
            }

            for (String k : all) {
                WorkflowInstance wf = app.awaitInstance(c.workflow, k, w -> w.status == WorkflowStatus.COMPLETED);
                assertThat(app.instances(c.workflow, k)).as(k).hasSize(1);
                assertThat(wf.tasks)
                        .as(k)
                        .extracting(t -> t.referenceTaskName)
                        .containsExactly("reserve_seat", "charge_payment", "issue_ticket");
                assertThat(wf.tasks).as(k).extracting(t -> t.status).containsOnly(TaskStatus.COMPLETED);
                String chargedBy = wf.latest("charge_payment")
                        .orElseThrow()
                        .outputData
                        .path("chargedBy")
                        .asText();
                assertThat(chargedBy).as(k).isEqualTo(before.contains(k) ? "payment-service" : "choreography");
                app.awaitHistory(wf.workflowId, h -> {
                    assertThat(h)
                            .extracting(WorkflowEvent::getType)
                            .contains(WorkflowEventType.WORKFLOW_COMPLETED)
                            .doesNotContain(WorkflowEventType.REPLY_IGNORED);
                    assertThat(h.stream()
                                    .filter(e -> e.getType() == WorkflowEventType.TASK_SCHEDULED)
                                    .map(WorkflowEvent::getTaskRef)
                                    .collect(Collectors.toList()))
                            .containsExactly("reserve_seat", "charge_payment", "issue_ticket");
                });
            }

            // Commands went only to the bookings that reached payment after the switch, once each.
            assertThat(payments.deliveries)
                    .extracting(FakePaymentService.Delivery::workflowId)
                    .containsExactlyInAnyOrderElementsOf(beforeIds);
            assertThat(app.readAll(c.chargeTask + ".commands")).hasSize(before.size());
        }
    }
}

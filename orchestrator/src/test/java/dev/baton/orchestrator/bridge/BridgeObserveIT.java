package dev.baton.orchestrator.bridge;

import static dev.baton.orchestrator.bridge.BridgeApp.header;
import static dev.baton.orchestrator.bridge.BridgeApp.waitingAt;
import static dev.baton.orchestrator.bridge.Choreography.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.model.WorkflowStatus;
import dev.baton.orchestrator.kafka.Topics;
import dev.baton.orchestrator.runtime.DeadLetters;
import dev.baton.protocol.WorkflowEvent;
import dev.baton.protocol.WorkflowEventType;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bridge watching a choreography on a real broker: the test plays the services' events and
 * Baton turns them into workflow instances without sending a single command.
 */
@KafkaCluster
class BridgeObserveIT {
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

    private static Choreography flow(int paymentSla) {
        Choreography c = new Choreography(kafka);
        app.register(c.definition("observe", paymentSla, true));
        app.awaitBound(c.bookings, c.seats, c.payments, c.tickets);
        return c;
    }

    @Test
    void bookingsBecomeInstancesThatFollowTheEventsAndAStuckOneIsReported() throws Exception {
        Choreography c = flow(3);
        int n = 6;
        String stuck = "BK-" + (n - 1);
        for (int i = 0; i < n; i++) {
            app.send(c.bookings, "BK-" + i, event("BookingRequested", "BK-" + i));
        }
        for (int i = 0; i < n; i++) {
            app.awaitInstance(c.workflow, "BK-" + i, wf -> waitingAt(wf, "reserve_seat"));
        }
        for (int i = 0; i < n; i++) {
            app.send(c.seats, "BK-" + i, event("SeatReserved", "BK-" + i, "seat", i + "A"));
        }
        for (int i = 0; i < n; i++) {
            app.awaitInstance(c.workflow, "BK-" + i, wf -> waitingAt(wf, "charge_payment"));
        }
        Thread.sleep(1_000);
        for (int i = 0; i < n - 1; i++) {
            app.send(c.payments, "BK-" + i, event("PaymentCharged", "BK-" + i));
            app.send(c.tickets, "BK-" + i, event("TicketIssued", "BK-" + i, "ticket", "T-" + i));
        }

        for (int i = 0; i < n - 1; i++) {
            WorkflowInstance wf = app.awaitInstance(c.workflow, "BK-" + i, w -> w.status == WorkflowStatus.COMPLETED);
            assertThat(wf.tasks)
                    .extracting(t -> t.referenceTaskName)
                    .containsExactly("reserve_seat", "charge_payment", "issue_ticket");
            assertThat(wf.tasks).extracting(t -> t.status).containsOnly(TaskStatus.COMPLETED);
            assertThat(wf.latest("reserve_seat")
                            .orElseThrow()
                            .outputData
                            .path("seat")
                            .asText())
                    .isEqualTo(i + "A");
            TaskState pay = wf.latest("charge_payment").orElseThrow();
            assertThat(pay.endTime - pay.scheduledTime)
                    .as("payment took as long as the choreography did")
                    .isBetween(900L, 2_900L);
            assertThat(pay.slaBreached).isFalse();
        }

        // The booking stuck at payment breaches the payment SLA and stays RUNNING.
        WorkflowInstance late = app.awaitInstance(
                c.workflow,
                stuck,
                wf -> wf.latest("charge_payment").map(t -> t.slaBreached).orElse(false));
        assertThat(late.status).isEqualTo(WorkflowStatus.RUNNING);
        app.awaitHistory(
                late.workflowId,
                history -> assertThat(history)
                        .filteredOn(e -> e.getType() == WorkflowEventType.SLA_BREACHED)
                        .extracting(WorkflowEvent::getTaskRef)
                        .containsExactly("charge_payment"));

        // Baton sent no command to any of the services it only watches.
        for (String task : List.of(c.reserveTask, c.chargeTask, c.ticketTask)) {
            assertThat(app.readAll(task + ".commands")).as(task).isEmpty();
        }

        // "Where is booking X?"
        BridgeApp.Reply done = app.call("GET", "/api/bridge/" + c.workflow + "/instances/BK-0", null);
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.json().path("status").asText()).isEqualTo("COMPLETED");
        assertThat(done.json().path("currentSteps")).isEmpty();
        JsonNode payment = done.json().path("timeline").get(1);
        assertThat(payment.path("taskRef").asText()).isEqualTo("charge_payment");
        assertThat(payment.path("durationMs").asLong()).isBetween(900L, 2_900L);
        assertThat(payment.path("slaBreached").asBoolean()).isFalse();

        BridgeApp.Reply where = app.call("GET", "/api/bridge/" + c.workflow + "/instances/" + stuck, null);
        assertThat(where.json().path("workflowId").asText()).isEqualTo(late.workflowId);
        assertThat(where.json().path("status").asText()).isEqualTo("RUNNING");
        assertThat(where.json().path("currentSteps").get(0).asText()).isEqualTo("charge_payment");
        JsonNode waiting = where.json().path("timeline").get(1);
        assertThat(waiting.path("running").asBoolean()).isTrue();
        assertThat(waiting.path("slaBreached").asBoolean()).isTrue();
        assertThat(waiting.path("durationMs").asLong()).isGreaterThanOrEqualTo(3_000L);

        // "How many are stuck at payment?"
        BridgeApp.Reply atPayment = app.call("GET", "/api/bridge/" + c.workflow + "/stuck?step=charge_payment", null);
        assertThat(atPayment.json().path("count").asInt()).isEqualTo(1);
        assertThat(atPayment.json().path("workflowIds").get(0).asText()).isEqualTo(late.workflowId);
        assertThat(atPayment.json().path("slaBreached").asInt()).isEqualTo(1);
        assertThat(app.call("GET", "/api/bridge/" + c.workflow + "/stuck?step=reserve_seat", null)
                        .json()
                        .path("count")
                        .asInt())
                .isZero();
        // ...and the breach is counted in a metric
        assertThat(app.text("/prometheus"))
                .contains("baton_sla_breaches_total{step=\"charge_payment\",workflow=\"" + c.workflow + "\"} 1.0");

        BridgeApp.Reply unknown = app.call("GET", "/api/bridge/" + c.workflow + "/instances/BK-nope", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("code").asText()).isEqualTo("NOT_FOUND");
        BridgeApp.Reply noStep = app.call("GET", "/api/bridge/" + c.workflow + "/stuck", null);
        assertThat(noStep.status()).isEqualTo(400);
        assertThat(noStep.json().path("validationErrors").get(0).path("path").asText())
                .isEqualTo("step");
    }

    @Test
    void anEventBeforeItsInstanceWaitsAndIsAppliedAfterTheStart() {
        Choreography c = flow(60);
        long buffered = app.metrics().buffered();
        long released = app.metrics().released();

        app.send(c.seats, "BK-E", event("SeatReserved", "BK-E", "seat", "7C"));
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> app.metrics().buffered() > buffered);
        assertThat(app.instances(c.workflow, "BK-E")).isEmpty();

        app.send(c.bookings, "BK-E", event("BookingRequested", "BK-E"));

        WorkflowInstance wf = app.awaitInstance(c.workflow, "BK-E", w -> waitingAt(w, "charge_payment"));
        assertThat(wf.latest("reserve_seat")
                        .orElseThrow()
                        .outputData
                        .path("seat")
                        .asText())
                .isEqualTo("7C");
        assertThat(app.metrics().released()).isGreaterThan(released);
        app.awaitHistory(
                wf.workflowId,
                history -> assertThat(history)
                        .extracting(WorkflowEvent::getType)
                        .startsWith(
                                WorkflowEventType.WORKFLOW_STARTED,
                                WorkflowEventType.TASK_SCHEDULED,
                                WorkflowEventType.EVENT_RECEIVED,
                                WorkflowEventType.TASK_COMPLETED,
                                WorkflowEventType.TASK_SCHEDULED));
    }

    @Test
    void duplicateEventsAreRecordedAndAppliedOnce() {
        Choreography c = flow(60);
        app.send(c.bookings, "BK-D", event("BookingRequested", "BK-D"));
        app.send(c.bookings, "BK-D", event("BookingRequested", "BK-D"));
        app.awaitInstance(c.workflow, "BK-D", w -> waitingAt(w, "reserve_seat"));
        app.send(c.seats, "BK-D", event("SeatReserved", "BK-D", "seat", "1A"));
        app.send(c.seats, "BK-D", event("SeatReserved", "BK-D", "seat", "9Z"));

        WorkflowInstance wf = app.awaitInstance(c.workflow, "BK-D", w -> waitingAt(w, "charge_payment"));
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> app.historyTypes(wf.workflowId).stream()
                                .filter(t -> t == WorkflowEventType.REPLY_IGNORED)
                                .count()
                        == 2);

        assertThat(app.instances(c.workflow, "BK-D")).hasSize(1);
        WorkflowInstance now = app.instances(c.workflow, "BK-D").get(0);
        assertThat(now.tasks)
                .filteredOn(t -> t.referenceTaskName.equals("reserve_seat"))
                .hasSize(1);
        assertThat(now.latest("reserve_seat")
                        .orElseThrow()
                        .outputData
                        .path("seat")
                        .asText())
                .isEqualTo("1A");
        assertThat(app.historyTypes(wf.workflowId))
                .filteredOn(t -> t == WorkflowEventType.WORKFLOW_STARTED)
                .hasSize(1);
    }

    @Test
    void paymentBeforeSeatIsKeptUntilTheSeatStepEnds() {
        Choreography c = flow(60);
        app.send(c.bookings, "BK-O", event("BookingRequested", "BK-O"));
        WorkflowInstance started = app.awaitInstance(c.workflow, "BK-O", w -> waitingAt(w, "reserve_seat"));

        app.send(c.payments, "BK-O", event("PaymentCharged", "BK-O", "receipt", "R-1"));
        app.awaitInstance(c.workflow, "BK-O", w -> w.pendingEvents != null && !w.pendingEvents.isEmpty());
        app.send(c.seats, "BK-O", event("SeatReserved", "BK-O"));

        WorkflowInstance wf = app.awaitInstance(c.workflow, "BK-O", w -> waitingAt(w, "issue_ticket"));
        assertThat(wf.workflowId).isEqualTo(started.workflowId);
        TaskState seat = wf.latest("reserve_seat").orElseThrow();
        TaskState pay = wf.latest("charge_payment").orElseThrow();
        assertThat(pay.status).isEqualTo(TaskStatus.COMPLETED);
        assertThat(pay.outputData.path("receipt").asText()).isEqualTo("R-1");
        assertThat(seat.endTime).isLessThanOrEqualTo(pay.scheduledTime);
        app.awaitHistory(
                wf.workflowId,
                history -> assertThat(history)
                        .extracting(WorkflowEvent::getType)
                        .contains(WorkflowEventType.EVENT_BUFFERED));
    }

    @Test
    void eventsThatCannotBeAppliedAreParkedWithTheirOriginalBytesAndCounted() {
        Choreography c = flow(60);
        long expired = app.metrics().expired();
        long noKey = app.metrics().parkedNoKey();
        long undecodable = app.metrics().parkedUndecodable();
        String ghost = "GHOST-" + c.id;
        String original = "{ \"type\" : \"PaymentCharged\", \"bookingId\" : \"" + ghost + "\" }";
        long sentAt = System.currentTimeMillis();
        app.send(new ProducerRecord<>(
                c.payments,
                null,
                ghost,
                original,
                List.of(new org.apache.kafka.common.header.internals.RecordHeader(
                        "x-trace", "42".getBytes(StandardCharsets.UTF_8)))));
        app.send(c.payments, "no-key", "{\"type\": \"PaymentCharged\"}");
        app.send(c.payments, "garbage", "this is not JSON");

        // No instance for the key: parked once the TTL is over, unchanged, with the reason.
        ConsumerRecord<byte[], byte[]> parked =
                app.awaitRecord(Topics.BRIDGE_PARKED, r -> ghost.equals(header(r, Parking.BUSINESS_KEY)));
        assertThat(System.currentTimeMillis() - sentAt).isGreaterThanOrEqualTo(BridgeApp.TTL_MS);
        assertThat(new String(parked.value(), StandardCharsets.UTF_8)).isEqualTo(original);
        assertThat(new String(parked.key(), StandardCharsets.UTF_8)).isEqualTo(ghost);
        assertThat(header(parked, "x-trace")).isEqualTo("42");
        assertThat(header(parked, DeadLetters.REASON))
                .isEqualTo("no instance for " + c.workflow + "|" + ghost + " within " + BridgeApp.TTL_MS + " ms");
        assertThat(header(parked, DeadLetters.SOURCE_TOPIC)).isEqualTo(c.payments);
        assertThat(header(parked, Parking.SOURCE)).isEqualTo("charge_payment.completeOn");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> app.metrics().expired() > expired);

        // No business key in the event, or no JSON at all: parked at once by the ingest.
        ConsumerRecord<byte[], byte[]> keyless = app.awaitRecord(
                Topics.BRIDGE_PARKED,
                r -> r.key() != null
                        && "no-key".equals(new String(r.key(), StandardCharsets.UTF_8))
                        && c.payments.equals(header(r, DeadLetters.SOURCE_TOPIC)));
        assertThat(header(keyless, DeadLetters.REASON))
                .isEqualTo(
                        "no business key for event source charge_payment.completeOn: no value at $.bookingId in the event");
        ConsumerRecord<byte[], byte[]> garbage = app.awaitRecord(
                Topics.BRIDGE_PARKED,
                r -> r.key() != null
                        && "garbage".equals(new String(r.key(), StandardCharsets.UTF_8))
                        && c.payments.equals(header(r, DeadLetters.SOURCE_TOPIC)));
        assertThat(new String(garbage.value(), StandardCharsets.UTF_8)).isEqualTo("this is not JSON");
        assertThat(header(garbage, DeadLetters.REASON)).startsWith("payload cannot be decoded as JSON");
        assertThat(app.readAll(Topics.BRIDGE_PARKED).stream()
                        .filter(r -> c.payments.equals(header(r, DeadLetters.SOURCE_TOPIC)))
                        .count())
                .isEqualTo(3);
        assertThat(app.metrics().parkedNoKey()).isGreaterThan(noKey);
        assertThat(app.metrics().parkedUndecodable()).isGreaterThan(undecodable);

        BridgeApp.Reply stats;
        try {
            stats = app.call("GET", "/api/bridge/stats", null);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(stats.json().path("parked").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(StreamSupport.stream(app.readAll(Topics.DLQ).spliterator(), false)
                        .filter(r -> c.payments.equals(header(r, DeadLetters.SOURCE_TOPIC)))
                        .toList())
                .isEmpty();
        assertThat(new ArrayList<>(app.instances(c.workflow, ghost))).isEmpty();
    }
}

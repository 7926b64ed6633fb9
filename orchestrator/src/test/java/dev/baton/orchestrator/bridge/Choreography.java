package dev.baton.orchestrator.bridge;

import dev.baton.testkit.KafkaTestCluster;
import java.util.UUID;

/**
 * A booking choreography on four topics of its own (BookingRequested, SeatReserved,
 * PaymentCharged / PaymentDeclined, TicketIssued), and the workflow definition that follows it.
 */
final class Choreography {
    final String id = UUID.randomUUID().toString().substring(0, 8);
    final String workflow = "booking_" + id;
    final String bookings = "bookings-" + id;
    final String seats = "seats-" + id;
    final String payments = "payments-" + id;
    final String tickets = "tickets-" + id;
    final String reserveTask = "reserve_seat_" + id;
    final String chargeTask = "charge_payment_" + id;
    final String ticketTask = "issue_ticket_" + id;

    Choreography(KafkaTestCluster kafka) {
        for (String t : new String[] {bookings, seats, payments, tickets}) {
            kafka.createTopic(t, 3);
        }
    }

    /**
     * @param paymentMode     observe or command
     * @param paymentSla      expectedDurationSeconds of the payment step
     * @param startInDefinition whether the start binding is in the definition (else a resource supplies it)
     */
    String definition(String paymentMode, int paymentSla, boolean startInDefinition) {
        String start = startInDefinition ? """
                "eventSources": [{"name": "requested", "topic": "%s", "correlationKey": "$.bookingId",
                                  "condition": "$.type == 'BookingRequested'", "action": "start_workflow"}],
                """.formatted(bookings) : "";
        return """
                {"name": "%s", "version": 1, %s
                 "tasks": [
                  {"name": "%s", "taskReferenceName": "reserve_seat", "mode": "observe",
                   "completeOn": {"topic": "%s", "correlationKey": "$.bookingId", "condition": "$.type == 'SeatReserved'"},
                   "expectedDurationSeconds": 60},
                  {"name": "%s", "taskReferenceName": "charge_payment", "mode": "%s",
                   "inputParameters": {"bookingId": "${workflow.input.bookingId}", "amount": 120},
                   "completeOn": {"topic": "%s", "correlationKey": "$.bookingId", "condition": "$.type == 'PaymentCharged'"},
                   "failOn": {"topic": "%s", "correlationKey": "$.bookingId", "condition": "$.type == 'PaymentDeclined'"},
                   "expectedDurationSeconds": %d},
                  {"name": "%s", "taskReferenceName": "issue_ticket", "mode": "observe",
                   "completeOn": {"topic": "%s", "correlationKey": "$.bookingId", "condition": "$.type == 'TicketIssued'"}}]}
                """.formatted(
                        workflow,
                        start,
                        reserveTask,
                        seats,
                        chargeTask,
                        paymentMode,
                        payments,
                        payments,
                        paymentSla,
                        ticketTask,
                        tickets);
    }

    static String event(String type, String bookingId) {
        return "{\"type\": \"" + type + "\", \"bookingId\": \"" + bookingId + "\"}";
    }

    static String event(String type, String bookingId, String extraField, String extraValue) {
        return "{\"type\": \"" + type + "\", \"bookingId\": \"" + bookingId + "\", \"" + extraField + "\": \""
                + extraValue + "\"}";
    }
}

package dev.baton.samples.choreography;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.samples.FlightTasks;
import java.util.List;

/**
 * The flight booking as an event choreography: the topics and event types the services use to
 * react to each other. Every event is a JSON object with {@code type}, {@code bookingId}, the
 * booking's details (carried along, so each service has what it needs) and the step's output.
 */
public final class BookingEvents {
    public static final String BOOKINGS = "booking.events";
    public static final String SEATS = "seat.events";
    public static final String PAYMENTS = "payment.events";
    public static final String TICKETS = "ticket.events";
    public static final String NOTIFICATIONS = "notification.events";
    public static final List<String> TOPICS = List.of(BOOKINGS, SEATS, PAYMENTS, TICKETS, NOTIFICATIONS);

    public static final String BOOKING_REQUESTED = "BookingRequested";

    /**
     * One step of the choreography: the service reacts to {@code trigger} on {@code triggerTopic},
     * and announces {@code success} or {@code failure} on {@code topic}.
     */
    public record Step(
            String taskType, String triggerTopic, String trigger, String topic, String success, String failure) {}

    public static final Step RESERVE =
            new Step(FlightTasks.RESERVE_SEAT, BOOKINGS, BOOKING_REQUESTED, SEATS, "SeatReserved", "SeatUnavailable");
    public static final Step CHARGE =
            new Step(FlightTasks.CHARGE_PAYMENT, SEATS, "SeatReserved", PAYMENTS, "PaymentCharged", "PaymentDeclined");
    public static final Step TICKET =
            new Step(FlightTasks.ISSUE_TICKET, PAYMENTS, "PaymentCharged", TICKETS, "TicketIssued", "TicketFailed");
    public static final Step NOTIFY = new Step(
            FlightTasks.NOTIFY_CUSTOMER,
            TICKETS,
            "TicketIssued",
            NOTIFICATIONS,
            "CustomerNotified",
            "NotificationFailed");
    /** Compensations: the seat is released when payment is declined or ticketing fails; the payment refunded when ticketing fails. */
    public static final Step RELEASE_ON_DECLINE =
            new Step(FlightTasks.RELEASE_SEAT, PAYMENTS, "PaymentDeclined", SEATS, "SeatReleased", "SeatReleaseFailed");

    public static final Step RELEASE_ON_TICKET_FAILURE =
            new Step(FlightTasks.RELEASE_SEAT, TICKETS, "TicketFailed", SEATS, "SeatReleased", "SeatReleaseFailed");
    public static final Step REFUND_ON_TICKET_FAILURE =
            new Step(FlightTasks.REFUND_PAYMENT, TICKETS, "TicketFailed", PAYMENTS, "PaymentRefunded", "RefundFailed");

    /** The forward steps in order. */
    public static final List<Step> STEPS = List.of(RESERVE, CHARGE, TICKET, NOTIFY);

    public static final List<Step> COMPENSATIONS =
            List.of(RELEASE_ON_DECLINE, RELEASE_ON_TICKET_FAILURE, REFUND_ON_TICKET_FAILURE);

    private BookingEvents() {}

    /** The event announcing a booking request. */
    public static ObjectNode bookingRequested(
            String bookingId, String flight, String passenger, String email, double amount, String currency) {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("type", BOOKING_REQUESTED)
                .put("bookingId", bookingId)
                .put("flight", flight)
                .put("passenger", passenger)
                .put("email", email)
                .put("amount", amount)
                .put("currency", currency);
        return e;
    }

    /** The next event: the trigger's fields (the booking travels along), the step's output, and the new type. */
    public static ObjectNode next(JsonNode trigger, String type, ObjectNode output, String reason) {
        ObjectNode e = trigger.deepCopy();
        if (output != null) {
            output.fields().forEachRemaining(f -> {
                if (!f.getKey().equals("type")) {
                    e.set(f.getKey(), f.getValue());
                }
            });
        }
        e.put("type", type);
        if (reason != null) {
            e.put("reason", reason);
        } else {
            e.remove("reason");
        }
        return e;
    }
}

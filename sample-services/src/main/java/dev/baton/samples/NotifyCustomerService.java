package dev.baton.samples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.worker.TaskContext;

/**
 * {@code notify_customer}: input bookingId, passenger, email, flight, seatNumber, ticketNumber;
 * output notificationId, channel ("email", or "none" without an address), recipient, message.
 */
public final class NotifyCustomerService extends SampleService {

    public NotifyCustomerService(Ledger ledger, FaultPolicy faults) {
        super(FlightTasks.NOTIFY_CUSTOMER, ledger, faults);
    }

    @Override
    protected ObjectNode perform(TaskContext ctx, ObjectNode input) {
        String bookingId = bookingId(ctx, input);
        String passenger = passengerName(input);
        String email =
                text(input, "email", input.path("passenger").path("email").asText(""));
        String ticket = text(input, "ticketNumber", "");
        String message = String.format(
                "Dear %s, your booking %s on flight %s is confirmed: seat %s, ticket %s.",
                passenger, bookingId, text(input, "flight", "?"), text(input, "seatNumber", "?"), ticket);
        return object().put("notificationId", id("NTF-", bookingId, ticket))
                .put("channel", email.isBlank() ? "none" : "email")
                .put("recipient", email.isBlank() ? passenger : email)
                .put("message", message);
    }
}

package dev.baton.samples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.worker.TaskContext;

/**
 * {@code issue_ticket}: input bookingId, flight, passenger, seatNumber, paymentId; output
 * ticketNumber (13 digits, like an e-ticket number), bookingId, flight, seatNumber, passenger.
 */
public final class IssueTicketService extends SampleService {

    public IssueTicketService(Ledger ledger, FaultPolicy faults) {
        super(FlightTasks.ISSUE_TICKET, ledger, faults);
    }

    @Override
    protected ObjectNode perform(TaskContext ctx, ObjectNode input) {
        String bookingId = bookingId(ctx, input);
        String flight = text(input, "flight", "");
        String seat = text(input, "seatNumber", "");
        long n = Long.parseUnsignedLong(digest(bookingId, flight, seat).substring(0, 12), 16) % 10_000_000_000L;
        return object().put("ticketNumber", String.format("176%010d", n))
                .put("bookingId", bookingId)
                .put("flight", flight)
                .put("seatNumber", seat)
                .put("passenger", passengerName(input))
                .put("paymentId", text(input, "paymentId", ""));
    }
}

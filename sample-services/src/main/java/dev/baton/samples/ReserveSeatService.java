package dev.baton.samples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.worker.TaskContext;

/**
 * {@code reserve_seat}: input bookingId, flight, passenger; output bookingId, flight,
 * seatNumber (e.g. "17C"), reservationId. A missing flight is a terminal error.
 */
public final class ReserveSeatService extends SampleService {

    private static final String SEAT_LETTERS = "ABCDEF";

    public ReserveSeatService(Ledger ledger, FaultPolicy faults) {
        super(FlightTasks.RESERVE_SEAT, ledger, faults);
    }

    @Override
    protected ObjectNode perform(TaskContext ctx, ObjectNode input) throws InvalidInputException {
        String flight = requireText(input, "flight");
        String bookingId = bookingId(ctx, input);
        String passenger = passengerName(input);
        int h = Integer.parseUnsignedInt(digest(flight, bookingId).substring(0, 6), 16);
        String seat = (1 + h % 30) + String.valueOf(SEAT_LETTERS.charAt((h / 30) % SEAT_LETTERS.length()));
        return object().put("bookingId", bookingId)
                .put("flight", flight)
                .put("passenger", passenger)
                .put("seatNumber", seat)
                .put("reservationId", id("RES-", flight, bookingId));
    }
}

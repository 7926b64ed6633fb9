package dev.baton.samples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.worker.TaskContext;

/**
 * {@code release_seat} (compensates reserve_seat): input bookingId, flight, seatNumber; output
 * released=true, bookingId, flight, seatNumber. Releasing is idempotent.
 */
public final class ReleaseSeatService extends SampleService {

    public ReleaseSeatService(Ledger ledger, FaultPolicy faults) {
        super(FlightTasks.RELEASE_SEAT, ledger, faults);
    }

    @Override
    protected ObjectNode perform(TaskContext ctx, ObjectNode input) {
        return object().put("released", true)
                .put("bookingId", bookingId(ctx, input))
                .put("flight", text(input, "flight", ""))
                .put("seatNumber", text(input, "seatNumber", ""));
    }
}

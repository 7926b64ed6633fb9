package dev.baton.samples;

import java.util.List;

/** Task types of the flight-booking saga. */
public final class FlightTasks {

    public static final String RESERVE_SEAT = "reserve_seat";
    public static final String CHARGE_PAYMENT = "charge_payment";
    public static final String ISSUE_TICKET = "issue_ticket";
    public static final String NOTIFY_CUSTOMER = "notify_customer";
    /** Compensation of {@link #RESERVE_SEAT}. */
    public static final String RELEASE_SEAT = "release_seat";
    /** Compensation of {@link #CHARGE_PAYMENT}. */
    public static final String REFUND_PAYMENT = "refund_payment";

    /** The saga's forward steps, in order. */
    public static final List<String> STEPS = List.of(RESERVE_SEAT, CHARGE_PAYMENT, ISSUE_TICKET, NOTIFY_CUSTOMER);
    /** The compensations. */
    public static final List<String> COMPENSATIONS = List.of(RELEASE_SEAT, REFUND_PAYMENT);
    /** Every task type served by {@link FlightBookingServices}. */
    public static final List<String> ALL =
            List.of(RESERVE_SEAT, CHARGE_PAYMENT, ISSUE_TICKET, NOTIFY_CUSTOMER, RELEASE_SEAT, REFUND_PAYMENT);

    /** Class-path location of the saga's Conductor workflow definition. */
    public static final String WORKFLOW_RESOURCE = "/workflows/flight_booking.json";
    /** Class-path location of the saga's Conductor task definitions (JSON array). */
    public static final String TASK_DEFS_RESOURCE = "/workflows/flight_booking_tasks.json";

    private FlightTasks() {}
}

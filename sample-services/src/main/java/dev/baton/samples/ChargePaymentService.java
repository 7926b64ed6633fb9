package dev.baton.samples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.worker.TaskContext;
import java.math.BigDecimal;

/**
 * {@code charge_payment}: input bookingId, amount (required, positive), currency (default EUR),
 * passenger; output paymentId, amount, currency, status "CHARGED". A missing, non-numeric or
 * non-positive amount is a terminal error.
 */
public final class ChargePaymentService extends SampleService {

    public ChargePaymentService(Ledger ledger, FaultPolicy faults) {
        super(FlightTasks.CHARGE_PAYMENT, ledger, faults);
    }

    @Override
    protected ObjectNode perform(TaskContext ctx, ObjectNode input) throws InvalidInputException {
        BigDecimal amount = requireAmount(input);
        String currency = text(input, "currency", "EUR");
        String bookingId = bookingId(ctx, input);
        return object().put("bookingId", bookingId)
                .put("paymentId", id("PAY-", bookingId, amount.toPlainString(), currency))
                .put("amount", amount)
                .put("currency", currency)
                .put("status", "CHARGED");
    }
}

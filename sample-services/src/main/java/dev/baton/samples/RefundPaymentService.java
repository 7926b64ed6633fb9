package dev.baton.samples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.worker.TaskContext;
import java.math.BigDecimal;

/**
 * {@code refund_payment} (compensates charge_payment): input bookingId, paymentId, amount
 * (required, positive), currency (default EUR); output refundId, paymentId, amount, currency,
 * status "REFUNDED". Without a paymentId (the charge failed, perhaps after the money was taken)
 * it reverses whatever was captured for the booking; a booking id is then required.
 */
public final class RefundPaymentService extends SampleService {

    public RefundPaymentService(Ledger ledger, FaultPolicy faults) {
        super(FlightTasks.REFUND_PAYMENT, ledger, faults);
    }

    @Override
    protected ObjectNode perform(TaskContext ctx, ObjectNode input) throws InvalidInputException {
        String paymentId = text(input, "paymentId", null);
        if (paymentId == null || paymentId.isBlank()) {
            paymentId = "ANY-CAPTURE-OF-" + requireText(input, "bookingId");
        }
        BigDecimal amount = requireAmount(input);
        String currency = text(input, "currency", "EUR");
        return object().put("refundId", id("REF-", paymentId, amount.toPlainString()))
                .put("paymentId", paymentId)
                .put("bookingId", bookingId(ctx, input))
                .put("amount", amount)
                .put("currency", currency)
                .put("status", "REFUNDED");
    }
}

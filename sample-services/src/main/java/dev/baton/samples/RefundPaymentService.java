package dev.baton.samples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.worker.TaskContext;

import java.math.BigDecimal;

/**
 * {@code refund_payment} (compensates charge_payment): input bookingId, paymentId (required),
 * amount (required, positive), currency (default EUR); output refundId, paymentId, amount,
 * currency, status "REFUNDED".
 */
public final class RefundPaymentService extends SampleService {

    public RefundPaymentService(Ledger ledger, FaultPolicy faults) {
        super(FlightTasks.REFUND_PAYMENT, ledger, faults);
    }

    @Override
    protected ObjectNode perform(TaskContext ctx, ObjectNode input) throws InvalidInputException {
        String paymentId = requireText(input, "paymentId");
        BigDecimal amount = requireAmount(input);
        String currency = text(input, "currency", "EUR");
        return object()
                .put("refundId", id("REF-", paymentId, amount.toPlainString()))
                .put("paymentId", paymentId)
                .put("bookingId", bookingId(ctx, input))
                .put("amount", amount)
                .put("currency", currency)
                .put("status", "REFUNDED");
    }
}

package dev.baton.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.worker.TaskResult;
import dev.baton.worker.TaskStatus;
import org.junit.jupiter.api.Test;

/** The services' outputs and validation, without Kafka. */
class SampleServicesTest {

    private final Ledger ledger = new Ledger();

    private static final String BOOKING = """
            {"bookingId":"B-1","flight":"LH123","passenger":"Ada Lovelace","email":"ada@example.org",
             "amount":249.90,"currency":"EUR"}""";

    @Test
    void reserveSeatGivesAStableSeat() throws Exception {
        ReserveSeatService s = new ReserveSeatService(ledger, FaultPolicy.NONE);
        TaskResult r1 = s.handle(Contexts.of("reserve_seat", "wf-1", "t1", 0, BOOKING));
        TaskResult r2 = s.handle(Contexts.of("reserve_seat", "wf-1", "t1", 1, BOOKING));
        assertThat(r1.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(r1.output().get("seatNumber").asText()).matches("([1-9]|[12][0-9]|30)[A-F]");
        assertThat(r1.output()).isEqualTo(r2.output());
        assertThat(r1.output().get("reservationId").asText()).startsWith("RES-");
        assertThat(r1.output().get("passenger").asText()).isEqualTo("Ada Lovelace");
        assertThat(s.handle(Contexts.of("reserve_seat", "wf", "t", 0, "{\"bookingId\":\"B\"}"))
                        .status())
                .isEqualTo(TaskStatus.FAILED_WITH_TERMINAL_ERROR);
    }

    @Test
    void chargePaymentValidatesTheAmount() throws Exception {
        ChargePaymentService s = new ChargePaymentService(ledger, FaultPolicy.NONE);
        TaskResult ok = s.handle(Contexts.of("charge_payment", "wf-1", "t2", 0, BOOKING));
        assertThat(ok.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(ok.output().get("paymentId").asText()).startsWith("PAY-");
        assertThat(ok.output().get("amount").decimalValue()).isEqualByComparingTo("249.90");
        assertThat(ok.output().get("currency").asText()).isEqualTo("EUR");
        assertThat(ok.output().get("status").asText()).isEqualTo("CHARGED");

        TaskResult missing = s.handle(Contexts.of("charge_payment", "wf", "t", 0, "{\"bookingId\":\"B\"}"));
        assertThat(missing.status()).isEqualTo(TaskStatus.FAILED_WITH_TERMINAL_ERROR);
        assertThat(missing.reason()).contains("amount is required");
        assertThat(s.handle(Contexts.of("charge_payment", "wf", "t", 0, "{\"amount\":-5}"))
                        .reason())
                .contains("positive");
        assertThat(s.handle(Contexts.of("charge_payment", "wf", "t", 0, "{\"amount\":\"12.5\"}"))
                        .status())
                .isEqualTo(TaskStatus.COMPLETED);
        assertThat(s.handle(Contexts.of("charge_payment", "wf", "t", 0, "{\"amount\":\"lots\"}"))
                        .reason())
                .contains("not a number");
    }

    @Test
    void ticketNotificationAndCompensations() throws Exception {
        TaskResult ticket = new IssueTicketService(ledger, FaultPolicy.NONE)
                .handle(Contexts.of(
                        "issue_ticket",
                        "wf",
                        "t3",
                        0,
                        "{\"bookingId\":\"B-1\",\"flight\":\"LH123\",\"seatNumber\":\"12C\",\"paymentId\":\"PAY-1\","
                                + "\"passenger\":{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\"}}"));
        assertThat(ticket.output().get("ticketNumber").asText()).matches("176\\d{10}");
        assertThat(ticket.output().get("passenger").asText()).isEqualTo("Ada Lovelace");

        TaskResult note = new NotifyCustomerService(ledger, FaultPolicy.NONE)
                .handle(
                        Contexts.of(
                                "notify_customer",
                                "wf",
                                "t4",
                                0,
                                "{\"bookingId\":\"B-1\",\"passenger\":\"Ada\",\"email\":\"ada@example.org\",\"ticketNumber\":\"1761234567890\"}"));
        assertThat(note.output().get("notificationId").asText()).startsWith("NTF-");
        assertThat(note.output().get("channel").asText()).isEqualTo("email");
        assertThat(note.output().get("recipient").asText()).isEqualTo("ada@example.org");
        assertThat(note.output().get("message").asText()).contains("1761234567890");

        TaskResult release = new ReleaseSeatService(ledger, FaultPolicy.NONE)
                .handle(Contexts.of(
                        "release_seat",
                        "wf",
                        "t5",
                        0,
                        "{\"bookingId\":\"B-1\",\"flight\":\"LH123\",\"seatNumber\":\"12C\"}"));
        assertThat(release.output().get("released").asBoolean()).isTrue();
        assertThat(release.output().get("seatNumber").asText()).isEqualTo("12C");

        RefundPaymentService refund = new RefundPaymentService(ledger, FaultPolicy.NONE);
        TaskResult refunded =
                refund.handle(Contexts.of("refund_payment", "wf", "t6", 0, "{\"paymentId\":\"PAY-1\",\"amount\":10}"));
        assertThat(refunded.output().get("refundId").asText()).startsWith("REF-");
        assertThat(refunded.output().get("status").asText()).isEqualTo("REFUNDED");
        assertThat(refund.handle(Contexts.of("refund_payment", "wf", "t", 0, "{\"amount\":10}"))
                        .status())
                .as("no payment and no booking to refund")
                .isEqualTo(TaskStatus.FAILED_WITH_TERMINAL_ERROR);
        TaskResult byBooking =
                refund.handle(Contexts.of("refund_payment", "wf", "t7", 0, "{\"bookingId\":\"B-2\",\"amount\":10}"));
        assertThat(byBooking.output().get("paymentId").asText()).isEqualTo("ANY-CAPTURE-OF-B-2");

        assertThat(ledger.countsByService())
                .containsOnlyKeys("issue_ticket", "notify_customer", "release_seat", "refund_payment");
    }

    @Test
    void injectedFailuresAreRetryableAndRecorded() throws Exception {
        ChargePaymentService s = new ChargePaymentService(ledger, new FaultPolicy(1.0, 0, null));
        TaskResult r = s.handle(Contexts.of("charge_payment", "wf", "t", 2, BOOKING));
        assertThat(r.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(r.reason()).contains("injected failure in charge_payment");
        assertThat(ledger.count("charge_payment")).isEqualTo(1);
        assertThat(ledger.deliveries().get(0)).isEqualTo(new Ledger.Delivery("charge_payment", "wf", "t", 2));
    }
}

package dev.baton.samples;

import static dev.baton.samples.Kafka.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The flight-booking services on a real in-process KRaft broker (the testkit's shared cluster). */
@KafkaCluster
class FlightBookingServicesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static KafkaTestCluster kafka;
    private static String bootstrap;

    @BeforeAll
    static void broker() {
        bootstrap = kafka.bootstrapServers();
    }

    private static String replyTopic() {
        return kafka.createUniqueTopic("replies", 1);
    }

    private static JsonNode json(ConsumerRecord<byte[], byte[]> r) throws Exception {
        return MAPPER.readTree(r.value());
    }

    @Test
    void everyServiceAnswersItsCommand() throws Exception {
        String replies = replyTopic();
        String wf = "wf-" + UUID.randomUUID();
        try (FlightBookingServices services = FlightBookingServices.start(bootstrap, Map.of(), Map.of())) {
            assertThat(services.taskTypes()).containsExactlyElementsOf(FlightTasks.ALL);
            Kafka.sendCommand(
                    bootstrap,
                    "reserve_seat",
                    wf,
                    "t-reserve",
                    0,
                    replies,
                    "{\"bookingId\":\"B-7\",\"flight\":\"BA117\",\"passenger\":\"Grace Hopper\"}");
            List<ConsumerRecord<byte[], byte[]>> first = Kafka.readReplies(bootstrap, replies, 1);
            assertThat(first).hasSize(1);
            ConsumerRecord<byte[], byte[]> reply = first.get(0);
            assertThat(new String(reply.key())).isEqualTo(wf);
            assertThat(header(reply, "baton-status")).isEqualTo("COMPLETED");
            assertThat(header(reply, "baton-task-id")).isEqualTo("t-reserve");
            assertThat(header(reply, "baton-correlation-id")).isEqualTo("corr-t-reserve");
            String seat = json(reply).get("seatNumber").asText();
            assertThat(seat).matches("\\d{1,2}[A-F]");

            Kafka.sendCommand(
                    bootstrap,
                    "charge_payment",
                    wf,
                    "t-charge",
                    0,
                    replies,
                    "{\"bookingId\":\"B-7\",\"amount\":120.5,\"currency\":\"USD\"}");
            Kafka.sendCommand(
                    bootstrap,
                    "issue_ticket",
                    wf,
                    "t-ticket",
                    0,
                    replies,
                    "{\"bookingId\":\"B-7\",\"flight\":\"BA117\",\"seatNumber\":\"" + seat
                            + "\",\"paymentId\":\"PAY-X\"}");
            Kafka.sendCommand(
                    bootstrap,
                    "notify_customer",
                    wf,
                    "t-notify",
                    0,
                    replies,
                    "{\"bookingId\":\"B-7\",\"passenger\":\"Grace Hopper\",\"email\":\"grace@example.org\"}");
            Kafka.sendCommand(
                    bootstrap,
                    "release_seat",
                    wf,
                    "t-release",
                    0,
                    replies,
                    "{\"bookingId\":\"B-7\",\"flight\":\"BA117\",\"seatNumber\":\"" + seat + "\"}");
            Kafka.sendCommand(
                    bootstrap,
                    "refund_payment",
                    wf,
                    "t-refund",
                    0,
                    replies,
                    "{\"bookingId\":\"B-7\",\"paymentId\":\"PAY-X\",\"amount\":120.5}");

            List<ConsumerRecord<byte[], byte[]>> all = Kafka.readReplies(bootstrap, replies, 6);
            assertThat(all).hasSize(6);
            Map<String, JsonNode> byTask = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : all) {
                assertThat(header(r, "baton-status")).isEqualTo("COMPLETED");
                byTask.put(header(r, "baton-task-id"), json(r));
            }
            assertThat(byTask.get("t-charge").get("paymentId").asText()).startsWith("PAY-");
            assertThat(byTask.get("t-charge").get("amount").decimalValue()).isEqualByComparingTo("120.5");
            assertThat(byTask.get("t-ticket").get("ticketNumber").asText()).matches("\\d{13}");
            assertThat(byTask.get("t-notify").get("notificationId").asText()).startsWith("NTF-");
            assertThat(byTask.get("t-release").get("released").asBoolean()).isTrue();
            assertThat(byTask.get("t-refund").get("refundId").asText()).startsWith("REF-");

            Ledger ledger = services.ledger();
            assertThat(ledger.total()).isEqualTo(6);
            FlightTasks.ALL.forEach(t -> assertThat(ledger.count(t, wf)).as(t).isEqualTo(1));
            assertThat(ledger.hasDuplicates()).isFalse();
        }
    }

    @Test
    void failureRateOneAnswersEveryAttemptWithFailed() throws Exception {
        String replies = replyTopic();
        try (FlightBookingServices services = FlightBookingServices.builder()
                .bootstrapServers(bootstrap)
                .failureRate("reserve_seat", 1.0)
                .seed(3)
                .build()
                .start()) {
            for (int attempt = 0; attempt < 3; attempt++) {
                Kafka.sendCommand(
                        bootstrap,
                        "reserve_seat",
                        "wf-fail",
                        "t-1",
                        attempt,
                        replies,
                        "{\"bookingId\":\"B-9\",\"flight\":\"AF1\"}");
            }
            List<ConsumerRecord<byte[], byte[]>> got = Kafka.readReplies(bootstrap, replies, 3);
            assertThat(got).hasSize(3);
            assertThat(got).allSatisfy(r -> {
                assertThat(header(r, "baton-status")).isEqualTo("FAILED");
                assertThat(header(r, "baton-reason")).contains("injected failure in reserve_seat");
            });
            assertThat(got).extracting(r -> header(r, "baton-attempt")).containsExactly("0", "1", "2");
            assertThat(services.ledger().count("reserve_seat", "wf-fail")).isEqualTo(3);
            assertThat(services.ledger().distinct("reserve_seat")).isEqualTo(3);
            assertThat(services.ledger().hasDuplicates()).isFalse();
            assertThat(services.worker("reserve_seat").repliedCount()).isEqualTo(3);
        }
    }
}

package dev.baton.samples.choreography;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.samples.FlightBookingServices;
import dev.baton.samples.FlightTasks;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The flight booking as a pure choreography on a real broker, and with one step taken over by commands. */
@KafkaCluster(isolated = true)
class ChoreographyServicesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachServiceReactsToThePreviousEventUntilTheCustomerIsNotified(KafkaTestCluster kafka) throws Exception {
        String bootstrap = kafka.bootstrapServers();
        try (ChoreographyServices c = ChoreographyServices.start(
                bootstrap,
                FlightBookingServices.builder().bootstrapServers(bootstrap).build(),
                Set.of(),
                "t1-")) {
            for (int i = 0; i < 10; i++) {
                c.requestBooking(
                        BookingEvents.bookingRequested("C1-" + i, "BA117", "Ada", "ada@example.com", 100 + i, "EUR"));
            }
            List<JsonNode> notified =
                    awaitEvents(bootstrap, BookingEvents.NOTIFICATIONS, "CustomerNotified", "C1-", 10);
            assertThat(notified)
                    .extracting(e -> e.path("bookingId").asText())
                    .containsExactlyInAnyOrder(
                            "C1-0", "C1-1", "C1-2", "C1-3", "C1-4", "C1-5", "C1-6", "C1-7", "C1-8", "C1-9");
            assertThat(notified).allSatisfy(e -> {
                assertThat(e.path("seatNumber").asText()).isNotBlank();
                assertThat(e.path("paymentId").asText()).startsWith("PAY-");
                assertThat(e.path("ticketNumber").asText()).isNotBlank();
            });
            for (String step : FlightTasks.STEPS) {
                for (int i = 0; i < 10; i++) {
                    assertThat(c.ledger().count(step, "C1-" + i))
                            .as(step + " of C1-" + i)
                            .isEqualTo(1);
                }
            }
        }
    }

    @Test
    void aDeclinedPaymentReleasesTheSeat(KafkaTestCluster kafka) throws Exception {
        String bootstrap = kafka.bootstrapServers();
        try (ChoreographyServices c = ChoreographyServices.start(
                bootstrap,
                FlightBookingServices.builder()
                        .bootstrapServers(bootstrap)
                        .failureRate(FlightTasks.CHARGE_PAYMENT, 1.0)
                        .build(),
                Set.of(),
                "t2-")) {
            c.requestBooking(BookingEvents.bookingRequested("C2-1", "BA117", "Ada", "ada@example.com", 100, "EUR"));
            assertThat(awaitEvents(bootstrap, BookingEvents.PAYMENTS, "PaymentDeclined", "C2-", 1))
                    .isNotEmpty();
            List<JsonNode> released = awaitEvents(bootstrap, BookingEvents.SEATS, "SeatReleased", "C2-", 1);
            assertThat(released).extracting(e -> e.path("bookingId").asText()).contains("C2-1");
        }
    }

    @Test
    void aCommandedStepTakesBatonsCommandAnnouncesItsEventAndTheRestStaysChoreographed(KafkaTestCluster kafka)
            throws Exception {
        String bootstrap = kafka.bootstrapServers();
        try (ChoreographyServices c = ChoreographyServices.start(
                bootstrap,
                FlightBookingServices.builder().bootstrapServers(bootstrap).build(),
                Set.of(FlightTasks.CHARGE_PAYMENT),
                "t3-")) {
            c.requestBooking(BookingEvents.bookingRequested("C3-1", "BA117", "Ada", "ada@example.com", 90, "EUR"));
            JsonNode reserved = awaitEvents(bootstrap, BookingEvents.SEATS, "SeatReserved", "C3-", 1).stream()
                    .filter(e -> e.path("bookingId").asText().equals("C3-1"))
                    .findFirst()
                    .orElseThrow();
            Thread.sleep(1_000);
            assertThat(read(bootstrap, BookingEvents.PAYMENTS, "C3-"))
                    .as("payment waits for its command")
                    .isEmpty();

            String replies = kafka.createUniqueTopic("replies", 1);
            sendCommand(bootstrap, FlightTasks.CHARGE_PAYMENT, "wf-C3-1", replies, reserved.toString());
            List<JsonNode> notified = awaitEvents(bootstrap, BookingEvents.NOTIFICATIONS, "CustomerNotified", "C3-", 1);
            assertThat(notified).extracting(e -> e.path("bookingId").asText()).containsExactly("C3-1");
            assertThat(read(bootstrap, replies)).hasSize(1);

            // the same command again (a redelivery) does not charge twice
            sendCommand(bootstrap, FlightTasks.CHARGE_PAYMENT, "wf-C3-1", replies, reserved.toString());
            Thread.sleep(1_000);
            assertThat(c.ledger().count(FlightTasks.CHARGE_PAYMENT, "wf-C3-1")).isEqualTo(1);
            assertThat(read(bootstrap, BookingEvents.PAYMENTS, "C3-")).hasSize(1);
        }
    }

    private static void sendCommand(String bootstrap, String taskType, String workflowId, String replies, String input)
            throws Exception {
        try (KafkaProducer<String, String> p = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(),
                new StringSerializer())) {
            RecordHeaders h = new RecordHeaders();
            h.add("baton-workflow-id", workflowId.getBytes());
            h.add("baton-task-id", UUID.randomUUID().toString().getBytes());
            h.add("baton-task-ref", taskType.getBytes());
            h.add("baton-task-type", taskType.getBytes());
            h.add("baton-attempt", "0".getBytes());
            h.add("baton-reply-to", replies.getBytes());
            p.send(new ProducerRecord<>(taskType + ".commands", null, workflowId, input, h))
                    .get();
        }
    }

    private static List<JsonNode> awaitEvents(
            String bootstrap, String topic, String type, String bookingPrefix, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<JsonNode> found = List.of();
        while (System.nanoTime() < deadline) {
            found = read(bootstrap, topic, bookingPrefix).stream()
                    .filter(e -> type.equals(e.path("type").asText()))
                    .collect(Collectors.toList());
            if (found.size() >= count) {
                return found;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("only " + found.size() + " " + type + " events on " + topic);
    }

    /** The events on a topic for bookings whose id starts with the prefix (the tests share the topics). */
    private static List<JsonNode> read(String bootstrap, String topic, String bookingPrefix) throws Exception {
        return read(bootstrap, topic).stream()
                .filter(e -> e.path("bookingId").asText().startsWith(bookingPrefix))
                .toList();
    }

    private static List<JsonNode> read(String bootstrap, String topic) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "reader-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long idle = 0;
            while (idle < 3) {
                var records = consumer.poll(Duration.ofMillis(300));
                idle = records.isEmpty() ? idle + 1 : 0;
                for (ConsumerRecord<String, String> r : records) {
                    out.add(JSON.readTree(r.value()));
                }
            }
        }
        return out;
    }
}

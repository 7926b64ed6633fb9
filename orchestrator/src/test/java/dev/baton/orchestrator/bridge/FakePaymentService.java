package dev.baton.orchestrator.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.protocol.BatonHeaders;
import dev.baton.testkit.KafkaTestCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The payment service after the takeover: it takes Baton's payment commands and, as it always did,
 * announces the result as a PaymentCharged event on its own topic (it never replies to Baton).
 */
final class FakePaymentService implements AutoCloseable {
    /** One command taken: for which workflow, and with what input. */
    record Delivery(String workflowId, String taskId, JsonNode input) {}

    final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final KafkaConsumer<String, String> consumer;
    private final KafkaProducer<String, String> producer;
    private final String eventTopic;
    private final Thread thread;
    private volatile boolean running = true;

    FakePaymentService(KafkaTestCluster kafka, String commandTopic, String eventTopic) {
        this.consumer = kafka.consumer("payment-service-" + UUID.randomUUID());
        this.producer = kafka.producer();
        this.eventTopic = eventTopic;
        consumer.subscribe(List.of(commandTopic));
        this.thread = new Thread(this::run, "fake-payment-service");
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    JsonNode input = BridgeApp.JSON.readTree(r.value());
                    String bookingId = input.path("bookingId").asText();
                    deliveries.add(
                            new Delivery(header(r, BatonHeaders.WORKFLOW_ID), header(r, BatonHeaders.TASK_ID), input));
                    producer.send(new ProducerRecord<>(
                            eventTopic,
                            bookingId,
                            "{\"type\": \"PaymentCharged\", \"bookingId\": \"" + bookingId + "\", \"amount\": "
                                    + input.path("amount").asInt() + ", \"chargedBy\": \"payment-service\"}"));
                }
                producer.flush();
            }
        } catch (WakeupException e) {
            // closing
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            consumer.close();
            producer.close();
        }
    }

    private static String header(ConsumerRecord<?, ?> r, String key) {
        var h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}

package dev.baton.worker;

import dev.baton.protocol.BatonHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Test helper: sends command records and reads reply records on a real broker. */
final class Commands {

    private Commands() {}

    static void send(String bootstrap, String topic, String key, String value, Map<String, String> headers) {
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            RecordHeaders h = new RecordHeaders();
            headers.forEach((k, v) -> h.add(k, v.getBytes(StandardCharsets.UTF_8)));
            p.send(new ProducerRecord<>(
                            topic, null, key == null ? null : utf8(key), value == null ? null : utf8(value), h))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Command headers for (workflowId, taskId, attempt) replying to {@code replyTo}. */
    static Map<String, String> headers(String workflowId, String taskId, int attempt, String replyTo) {
        return Map.of(
                BatonHeaders.WORKFLOW_ID,
                workflowId,
                BatonHeaders.TASK_ID,
                taskId,
                BatonHeaders.TASK_REF,
                taskId + "_ref",
                BatonHeaders.ATTEMPT,
                Integer.toString(attempt),
                BatonHeaders.REPLY_TO,
                replyTo,
                BatonHeaders.CORRELATION_ID,
                "corr-" + taskId,
                BatonHeaders.TRACEPARENT,
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    }

    /** Reads until {@code count} records arrived (or the timeout passed) with the given isolation level. */
    static List<ConsumerRecord<byte[], byte[]>> read(
            String bootstrap, String topic, int count, Duration timeout, String isolationLevel) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "reader-" + java.util.UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                isolationLevel,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class))) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (out.size() < count && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(100)).forEach(out::add);
            }
        }
        return out;
    }

    /**
     * Reads committed records until {@code expected} of them match, then keeps reading for
     * {@code settle} to catch duplicates; returns the matching records.
     */
    static List<ConsumerRecord<byte[], byte[]>> readMatching(
            String bootstrap,
            String topic,
            java.util.function.Predicate<ConsumerRecord<byte[], byte[]>> filter,
            int expected,
            Duration timeout,
            Duration settle) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "reader-" + java.util.UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class))) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(100)).forEach(r -> {
                    if (filter.test(r)) {
                        out.add(r);
                    }
                });
            }
            long settleEnd = System.nanoTime() + settle.toNanos();
            while (System.nanoTime() < settleEnd) {
                c.poll(Duration.ofMillis(100)).forEach(r -> {
                    if (filter.test(r)) {
                        out.add(r);
                    }
                });
            }
        }
        return out;
    }

    static List<ConsumerRecord<byte[], byte[]>> readCommitted(String bootstrap, String topic, int count) {
        return read(bootstrap, topic, count, Duration.ofSeconds(30), "read_committed");
    }

    static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    static String key(ConsumerRecord<byte[], byte[]> r) {
        return new String(r.key(), StandardCharsets.UTF_8);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

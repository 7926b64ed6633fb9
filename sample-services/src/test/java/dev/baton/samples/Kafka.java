package dev.baton.samples;

import dev.baton.protocol.BatonHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

/** Test helper: sends Baton commands and reads committed replies on a real broker. */
final class Kafka {

    private Kafka() {}

    static void sendCommand(
            String bootstrap,
            String taskType,
            String workflowId,
            String taskId,
            int attempt,
            String replyTo,
            String inputJson) {
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            RecordHeaders h = new RecordHeaders();
            h.add(BatonHeaders.WORKFLOW_ID, utf8(workflowId));
            h.add(BatonHeaders.TASK_ID, utf8(taskId));
            h.add(BatonHeaders.TASK_REF, utf8(taskType + "_ref"));
            h.add(BatonHeaders.TASK_TYPE, utf8(taskType));
            h.add(BatonHeaders.ATTEMPT, utf8(Integer.toString(attempt)));
            h.add(BatonHeaders.REPLY_TO, utf8(replyTo));
            h.add(BatonHeaders.CORRELATION_ID, utf8("corr-" + taskId));
            p.send(new ProducerRecord<>(
                            BatonHeaders.commandTopic(taskType), null, utf8(workflowId), utf8(inputJson), h))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads committed records from the start of {@code topic} until {@code count} arrived or 30 s passed. */
    static List<ConsumerRecord<byte[], byte[]>> readReplies(String bootstrap, String topic, int count) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class))) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < count && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(100)).forEach(out::add);
            }
        }
        return out;
    }

    static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

package dev.baton.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.IntegerDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The view on a real broker: caught up after what was there, live records after, failures skipped, a bounded close. */
@KafkaCluster
class TopicViewIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    KafkaTestCluster kafka;

    private Map<String, Object> client() {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(client(), new StringSerializer(), new ByteArraySerializer());
    }

    private static byte[] number(int n) {
        return ByteBuffer.allocate(4).putInt(n).array();
    }

    @Test
    void isCaughtUpAfterTheRecordsThereAtStartThenFollowsNewOnesAndSkipsFailures() throws Exception {
        String topic = kafka.createUniqueTopic("view", 3);
        List<Integer> seen = new CopyOnWriteArrayList<>();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int i = 0; i < 30; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, number(i)));
            }
            producer.flush();
            try (TopicView<String, Integer> view = TopicView.of(
                            topic, client(), new StringDeserializer(), new IntegerDeserializer())
                    .onRecord(r -> {
                        if (r.value() == 42) {
                            throw new IllegalStateException("a handler that fails on 42");
                        }
                        seen.add(r.value());
                    })
                    .start()) {
                assertThat(view.awaitCaughtUp(WAIT)).isTrue();
                assertThat(seen).hasSize(30).containsExactlyInAnyOrderElementsOf(range(0, 30));

                // live records, one of which the handler fails on, and one that is not an integer
                producer.send(new ProducerRecord<>(topic, 0, "bad", number(42)));
                producer.send(new ProducerRecord<>(topic, 0, "odd", new byte[] {1, 2, 3}));
                RecordMetadata last = null;
                for (int i = 30; i < 40; i++) {
                    last = producer.send(new ProducerRecord<>(topic, 0, "k" + i, number(i)))
                            .get();
                }
                assertThat(view.awaitPosition(new TopicPartition(topic, 0), last.offset() + 1, WAIT))
                        .isTrue();
                assertThat(seen).hasSize(40).containsExactlyInAnyOrderElementsOf(range(0, 40));

                producer.send(new ProducerRecord<>(topic, 1, "k40", number(40)));
                producer.flush();
                assertThat(view.awaitCatchUp(WAIT)).isTrue();
                assertThat(seen).contains(40);
            }
        }
    }

    @Test
    void aViewFromTheEndSeesOnlyWhatIsWrittenAfterItIsPositioned() throws Exception {
        String topic = kafka.createUniqueTopic("tail", 2);
        List<Integer> seen = new CopyOnWriteArrayList<>();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(topic, "old", number(1))).get();
            try (TopicView<String, Integer> view = TopicView.of(
                            topic, client(), new StringDeserializer(), new IntegerDeserializer())
                    .fromEnd()
                    .onRecord(r -> seen.add(r.value()))
                    .start()) {
                assertThat(view.awaitCaughtUp(WAIT)).isTrue();
                producer.send(new ProducerRecord<>(topic, "new", number(2))).get();
                await(() -> seen.contains(2));
                assertThat(seen).containsExactly(2);
            }
        }
    }

    @Test
    void closeReturnsWithinItsDeadline() throws Exception {
        String topic = kafka.createUniqueTopic("close", 1);
        TopicView<String, Integer> view = TopicView.of(
                        topic, client(), new StringDeserializer(), new IntegerDeserializer())
                .onRecord(r -> {})
                .start();
        assertThat(view.awaitCaughtUp(WAIT)).isTrue();
        long start = System.nanoTime();
        assertThat(view.close(Duration.ofSeconds(3))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(view.catchUp()).isCancelled();

        // a view still waiting for its topic to exist stops in time too
        TopicView<String, Integer> waiting = TopicView.of(
                        "no-such-topic-" + System.nanoTime(),
                        client(),
                        new StringDeserializer(),
                        new IntegerDeserializer())
                .onRecord(r -> {})
                .start();
        start = System.nanoTime();
        assertThat(waiting.close(Duration.ofSeconds(3))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(waiting.caughtUp()).isCancelled();
    }

    private static List<Integer> range(int from, int to) {
        return java.util.stream.IntStream.range(from, to).boxed().toList();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("within " + WAIT).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}

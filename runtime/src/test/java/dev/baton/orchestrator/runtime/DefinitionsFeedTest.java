package dev.baton.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.kafka.embedded.EmbeddedKafkaCluster;
import dev.baton.orchestrator.kafka.Topics;
import dev.baton.orchestrator.state.InstanceCache;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.Test;

/** The definitions global store keeps record timestamps and tells its feed of every record it applies. */
class DefinitionsFeedTest {
    private record Applied(String key, String value, long timestamp, long offset) {}

    @Test
    void theLoaderKeepsTimestampsAndPassesEveryRecordToTheFeed() throws Exception {
        DefinitionsFeed feed = new DefinitionsFeed();
        List<Applied> applied = new ArrayList<>();
        feed.addListener((key, value, timestamp, offset) -> applied.add(
                new Applied(key, value == null ? null : new String(value, StandardCharsets.UTF_8), timestamp, offset)));
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "feed-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(
                StreamsConfig.STATE_DIR_CONFIG,
                Files.createTempDirectory("baton-feed").toString());
        ProtocolCodec codec = ProtocolCodec.json();
        try (TopologyTestDriver driver = new TopologyTestDriver(
                BatonTopology.build(
                        codec,
                        new ReplyDecoder(null),
                        new CommandPayloads(null),
                        ProcessorSettings.of(
                                ReplyTopics.of(Topics.REPLIES, null), Duration.ofMillis(100), Duration.ofDays(1)),
                        new RuntimeMetrics(),
                        new InstanceCache(1 << 20),
                        feed,
                        new AppliedNotices(),
                        t -> {}),
                p,
                Instant.ofEpochMilli(1_000_000))) {
            TestInputTopic<String, byte[]> definitions =
                    driver.createInputTopic(Topics.DEFINITIONS, new StringSerializer(), new ByteArraySerializer());
            definitions.pipeInput("eventsource:a", bytes("{\"a\":1}"), 111L);
            definitions.pipeInput("task:t", bytes("{\"name\":\"t\"}"), 222L);
            definitions.pipeInput("eventsource:a", null, 333L);

            assertThat(applied)
                    .containsExactly(
                            new Applied("eventsource:a", "{\"a\":1}", 111L, 0),
                            new Applied("task:t", "{\"name\":\"t\"}", 222L, 1),
                            new Applied("eventsource:a", null, 333L, 2));
            assertThat(feed.position()).isEqualTo(3);
            assertThat(feed.awaitPosition(3, Duration.ZERO)).isTrue();
            assertThat(feed.awaitPosition(4, Duration.ofMillis(10))).isFalse();

            KeyValueStore<String, ValueAndTimestamp<byte[]>> store =
                    driver.getTimestampedKeyValueStore(Topics.DEFINITION_STORE);
            assertThat(store.get("eventsource:a")).isNull();
            assertThat(store.get("task:t").timestamp()).isEqualTo(222L);
            // The engine's view reads the values through the timestamps, as before.
            assertThat(DefinitionsView.timestamped(store, feed::generation).task("t"))
                    .isPresent();
            KeyValueStore<String, byte[]> plain = driver.getKeyValueStore(Topics.DEFINITION_STORE);
            assertThat(new DefinitionsView(plain).task("t")).isPresent();
        }
    }

    @Test
    void theGlobalConsumersPositionCountsOnceThePolledRecordsAreAppliedAndPassesTheTransactionMarker()
            throws Exception {
        DefinitionsFeed feed = new DefinitionsFeed();
        TopicPartition tp = new TopicPartition(Topics.DEFINITIONS, 0);
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().build().start();
                Admin admin =
                        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.DEFINITIONS, 1, (short) 1)))
                    .all()
                    .get();
            // given: two records in one transaction, so the log ends in its commit marker (offset 2)
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            kafka.bootstrapServers(),
                            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                            "definitions-feed-test"),
                    new ByteArraySerializer(),
                    new ByteArraySerializer())) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(Topics.DEFINITIONS, 0, new byte[0], new byte[0]));
                producer.send(new ProducerRecord<>(Topics.DEFINITIONS, 0, new byte[0], new byte[0]));
                producer.commitTransaction();
            }
            try (Consumer<byte[], byte[]> consumer = DefinitionsClientSupplier.tracking(
                    new KafkaConsumer<>(
                            Map.of(
                                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                            new ByteArrayDeserializer(),
                            new ByteArrayDeserializer()),
                    feed)) {
                consumer.assign(List.of(tp));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                int read = 0;
                while (read < 2 && System.nanoTime() < deadline) {
                    read += consumer.poll(Duration.ofMillis(100)).count();
                }
                assertThat(read).isEqualTo(2);
                assertThat(feed.position()).as("returned, not yet applied").isLessThan(2);

                // when: the global thread polls again (it has applied what the last poll returned)
                while (feed.position() < 3 && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(100));
                }

                // then: the position is past the marker, though no record shows it
                assertThat(feed.position()).isEqualTo(3);
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

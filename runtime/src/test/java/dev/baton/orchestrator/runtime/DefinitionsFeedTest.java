package dev.baton.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
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
            assertThat(DefinitionsView.timestamped(store).task("t")).isPresent();
            KeyValueStore<String, byte[]> plain = driver.getKeyValueStore(Topics.DEFINITION_STORE);
            assertThat(new DefinitionsView(plain).task("t")).isPresent();
        }
    }

    @Test
    void theGlobalConsumersPositionCountsOnceThePolledRecordsAreApplied() {
        DefinitionsFeed feed = new DefinitionsFeed();
        TopicPartition tp = new TopicPartition(Topics.DEFINITIONS, 0);
        MockConsumer<byte[], byte[]> mock = new MockConsumer<>("earliest");
        mock.assign(List.of(tp));
        mock.updateBeginningOffsets(Map.of(tp, 0L));
        Consumer<byte[], byte[]> consumer = DefinitionsClientSupplier.tracking(mock, feed);
        mock.addRecord(new ConsumerRecord<>(Topics.DEFINITIONS, 0, 0, new byte[0], new byte[0]));
        mock.addRecord(new ConsumerRecord<>(Topics.DEFINITIONS, 0, 1, new byte[0], new byte[0]));

        assertThat(consumer.poll(Duration.ZERO).count()).isEqualTo(2);
        assertThat(feed.position()).isEqualTo(-1); // returned, not yet applied
        // e.g. a transaction marker at 2: the consumer's position moves past it though no record shows it
        mock.seek(tp, 3);
        consumer.poll(Duration.ZERO);
        assertThat(feed.position()).isEqualTo(2);
        consumer.poll(Duration.ZERO);
        assertThat(feed.position()).isEqualTo(3);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

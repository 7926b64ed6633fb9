package dev.baton.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.Test;

class StreamsRuntimeQueryTest {
    /** A read that reaches a node while it shuts down (SIGTERM in a rolling restart) is a 503, not a 500. */
    @Test
    void aStoreOfAStoppedKafkaStreamsIsUnavailableNotAnIllegalState() throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        builder.globalTable(
                "defs",
                org.apache.kafka.streams.kstream.Materialized
                        .<String, String,
                                org.apache.kafka.streams.state.KeyValueStore<
                                        org.apache.kafka.common.utils.Bytes, byte[]>>
                                as("defs-store")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.String()));
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "query-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        p.put(
                StreamsConfig.STATE_DIR_CONFIG,
                Files.createTempDirectory("query-test").toString());
        KafkaStreams streams = new KafkaStreams(builder.build(), p);
        streams.close(Duration.ofSeconds(5));
        assertThatThrownBy(() -> StreamsRuntime.query(
                        streams,
                        StoreQueryParameters.fromNameAndType(
                                "defs-store", QueryableStoreTypes.<String, String>keyValueStore())))
                .isInstanceOf(InvalidStateStoreException.class);
    }
}

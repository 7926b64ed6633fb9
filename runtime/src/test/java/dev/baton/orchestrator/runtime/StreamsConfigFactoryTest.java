package dev.baton.orchestrator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsConfigFactoryTest {
    private static Properties build(Map<String, Object> client) {
        return StreamsConfigFactory.build(client, "app", Path.of("/tmp/state"), 20, 1, (short) 1, 0);
    }

    @Test
    void exactlyOnceV2AndBatonsProducerDefaults() {
        Properties p = build(Map.of());
        assertEquals(StreamsConfig.EXACTLY_ONCE_V2, p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertEquals(5, p.get("producer.linger.ms"));
        assertEquals(10, p.get("producer.retry.backoff.ms"));
    }

    @Test
    void aLingerTheOperatorSetIsKept() {
        assertEquals(50, build(Map.of("producer.linger.ms", 50)).get("producer.linger.ms"));
        Properties plain = build(Map.of("linger.ms", 40));
        assertEquals(40, plain.get("linger.ms"));
        assertEquals(null, plain.get("producer.linger.ms"));
    }
}

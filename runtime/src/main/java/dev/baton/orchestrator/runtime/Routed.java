package dev.baton.orchestrator.runtime;

import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/**
 * A value already encoded, with the topic it goes to. The topology has one sink that routes by
 * it, so that task commands can go to any service topic.
 */
public record Routed(String topic, byte[] bytes) {

    /** Writes the encoded bytes as they are. */
    public static final class BytesSerializer implements Serializer<Routed> {
        @Override
        public byte[] serialize(String topic, Routed data) {
            return data == null ? null : data.bytes();
        }
    }

    /** Picks the topic carried by the value. */
    public static final class Router implements TopicNameExtractor<String, Routed> {
        @Override
        public String extract(String key, Routed value, RecordContext recordContext) {
            return value.topic();
        }
    }
}

package dev.baton.orchestrator.runtime;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Builds the headers of a record sent to {@code baton.dlq}: the original headers plus why and where from. */
public final class DeadLetters {
    public static final String REASON = "baton-dlq-reason";
    public static final String SOURCE_TOPIC = "baton-dlq-source-topic";
    public static final String PARTITION = "baton-dlq-partition";
    public static final String OFFSET = "baton-dlq-offset";
    public static final String EXCEPTION = "baton-dlq-exception";

    private DeadLetters() {}

    /** Set when the original value was larger than a DLQ record may be: only its first bytes are kept. */
    public static final String TRUNCATED = "baton-dlq-original-size";

    /** The original value, cut to {@code max} bytes when larger (the DLQ record must fit in one Kafka record). */
    public static byte[] bounded(byte[] value, int max) {
        if (value == null || value.length <= max) {
            return value;
        }
        return java.util.Arrays.copyOf(value, max);
    }

    /** Headers for a value that may have been cut to fit. */
    public static Headers headers(
            Headers original, String reason, RecordMetadata source, Throwable error, byte[] value) {
        Headers h = headers(original, reason, source, error);
        if (value != null) {
            put(h, TRUNCATED, Integer.toString(value.length));
        }
        return h;
    }

    /** Headers of a DLQ record for a due timer whose step failed (no input record carried it). */
    public static Headers timerHeaders(String reason, Throwable error) {
        Headers h = new RecordHeaders();
        put(h, REASON, reason);
        put(h, SOURCE_TOPIC, "baton-timers");
        if (error != null) {
            put(h, EXCEPTION, error.getClass().getName());
        }
        return h;
    }

    public static Headers headers(Headers original, String reason, RecordMetadata source, Throwable error) {
        Headers h = new RecordHeaders(original == null ? new RecordHeaders().toArray() : original.toArray());
        put(h, REASON, reason);
        put(h, SOURCE_TOPIC, source.topic());
        put(h, PARTITION, Integer.toString(source.partition()));
        put(h, OFFSET, Long.toString(source.offset()));
        if (error != null) {
            put(h, EXCEPTION, error.getClass().getName());
        }
        return h;
    }

    private static void put(Headers h, String key, String value) {
        h.remove(key);
        h.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}

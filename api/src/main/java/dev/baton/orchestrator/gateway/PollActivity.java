package dev.baton.orchestrator.gateway;

import dev.baton.worker.PollerRecords;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records HTTP polls on {@code baton.pollers} (Conductor's poll data), at most once a second per
 * task type and domain from this node, so that the orchestrator sends a task to the first of its
 * domains with an active worker, whichever node the worker polls.
 */
final class PollActivity implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PollActivity.class);
    private static final long EVERY_MS = 1_000;
    private static final int MAX_REMEMBERED = 10_000;

    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, Long> lastSent = new ConcurrentHashMap<>();
    private final Map<String, String> lastWorker = new ConcurrentHashMap<>();

    PollActivity(Map<String, Object> clientProperties) {
        Map<String, Object> p = new java.util.HashMap<>(clientProperties);
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    void polled(String taskType, String domain, String workerId, long now) {
        String key = PollerRecords.key(taskType, domain);
        // a poll from another worker is recorded at once: the poll data names the last worker
        String sentKey = key + "\u0000" + workerId;
        Long last = lastSent.get(sentKey);
        if (last != null && now - last < EVERY_MS && String.valueOf(workerId).equals(lastWorker.get(key))) {
            return;
        }
        if (last == null && lastSent.size() >= MAX_REMEMBERED) {
            lastSent.clear(); // made-up types and workers cannot grow it without bound
            lastWorker.clear();
        }
        lastSent.put(sentKey, now);
        lastWorker.put(key, String.valueOf(workerId));
        try {
            producer.send(
                    new ProducerRecord<>(
                            PollerRecords.TOPIC,
                            key,
                            PollerRecords.value(new PollerRecords.Poll(taskType, domain, workerId, now))),
                    (md, e) -> {
                        if (e != null) {
                            LOG.debug("Could not record a poll of {}: {}", key, e.toString());
                        }
                    });
        } catch (RuntimeException e) {
            LOG.debug("Could not record a poll of {}: {}", key, e.toString());
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}

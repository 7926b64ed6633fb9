package dev.baton.worker;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the orchestrator, while the worker runs, that a task type has an active worker in a domain:
 * a {@link PollerRecords} record every interval (Conductor counts a domain active for 10 s after a
 * poll). Without it, a task whose domain list falls back to other domains would pass this one by.
 */
final class PollAnnouncer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PollAnnouncer.class);

    private final Producer<byte[], byte[]> producer;
    private final ScheduledExecutorService timer;
    private final String taskType;
    private final String domain;
    private final String workerId;

    PollAnnouncer(Map<String, Object> producerConfig, String taskType, String domain, String workerId, Duration every) {
        this.producer = new KafkaProducer<>(producerConfig);
        this.taskType = taskType;
        this.domain = domain;
        this.workerId = workerId;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "baton-worker-polls-" + taskType);
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::announce, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void announce() {
        try {
            producer.send(
                    new ProducerRecord<>(
                            PollerRecords.TOPIC,
                            PollerRecords.key(taskType, domain).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            PollerRecords.value(
                                    new PollerRecords.Poll(taskType, domain, workerId, System.currentTimeMillis()))),
                    (md, e) -> {
                        if (e != null) {
                            LOG.debug(
                                    "Could not announce polls of {} in domain {}: {}", taskType, domain, e.toString());
                        }
                    });
        } catch (RuntimeException e) {
            LOG.debug("Could not announce polls of {} in domain {}: {}", taskType, domain, e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        producer.close(Duration.ofSeconds(5));
    }
}

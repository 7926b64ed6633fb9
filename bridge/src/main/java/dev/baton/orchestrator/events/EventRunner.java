package dev.baton.orchestrator.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.orchestrator.client.WorkflowClient;
import dev.baton.orchestrator.kafka.Topics;
import dev.baton.orchestrator.runtime.DeadLetters;
import dev.baton.protocol.WorkflowControl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the event handlers. One consumer (in a group shared by every node, so each record
 * is handled by one of them) follows the topics of the active handlers. For each record and each
 * active handler of its event: the condition is evaluated, and each action becomes a command on
 * {@code baton.commands} through the {@link WorkflowClient}.
 *
 * <p>At least once: offsets are committed only after every command (and dead letter) of the
 * polled records has been acknowledged; a failure re-reads from the last commit. Command ids are
 * {@code topic-partition-offset-handler-action}, so a redelivery writes the same commands again
 * (and a start_workflow the same workflow id, which Baton does not start twice).
 *
 * <p>A record that is not JSON, a condition that fails, or an action that cannot be built goes to
 * {@code baton.dlq} with the original bytes and a {@code baton-dlq-reason} header, and is counted;
 * the runner moves on.
 *
 * <p>A partition first read for a handler starts at the first record written after the handler
 * became active (and never before the group's committed offset), so a new handler sees the events
 * that follow its creation even while the consumer is still joining the group.
 */
public final class EventRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventRunner.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Object> clientProperties;
    private final String groupId;
    private final EventsConfig config;
    private final EventHandlerStore store;
    private final WorkflowClient client;
    private final EventMetrics metrics;
    private final Conditions conditions = new Conditions();
    private final KafkaProducer<byte[], byte[]> dlq;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    public EventRunner(
            Map<String, Object> clientProperties,
            String groupId,
            EventsConfig config,
            EventHandlerStore store,
            WorkflowClient client,
            EventMetrics metrics) {
        this.clientProperties = new HashMap<>(clientProperties);
        this.groupId = groupId;
        this.config = config;
        this.store = store;
        this.client = client;
        this.metrics = metrics;
        Map<String, Object> p = new HashMap<>(clientProperties);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.dlq = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        this.thread = new Thread(this::run, "baton-event-runner");
        thread.setDaemon(true);
        thread.start();
    }

    public EventMetrics metrics() {
        return metrics;
    }

    private KafkaConsumer<byte[], byte[]> newConsumer() {
        Map<String, Object> c = new HashMap<>(clientProperties);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        c.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, (int) config.getMetadataMaxAgeMs());
        c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<byte[], byte[]> c = newConsumer()) {
                consumer = c;
                if (!running) {
                    return;
                }
                consume(c);
            } catch (WakeupException e) {
                if (running) {
                    LOG.warn("Event runner woken up unexpectedly; restarting");
                }
            } catch (RuntimeException e) {
                LOG.warn("Event runner restarts from the last committed offsets after: {}", e.toString());
                sleep(500);
            } finally {
                consumer = null;
            }
        }
    }

    private void consume(KafkaConsumer<byte[], byte[]> c) {
        String subscribed = null;
        while (running) {
            String wanted = store.topicRegex();
            if (!Objects.equals(wanted, subscribed)) {
                if (wanted == null) {
                    c.unsubscribe();
                } else {
                    c.subscribe(Pattern.compile(wanted), new StartWhereHandlersBegin(c));
                }
                LOG.info("Event runner follows {}", wanted == null ? "no topic" : wanted);
                subscribed = wanted;
            }
            if (subscribed == null) {
                sleep(config.getPollMs());
                continue;
            }
            ConsumerRecords<byte[], byte[]> records = c.poll(Duration.ofMillis(config.getPollMs()));
            if (records.isEmpty()) {
                continue;
            }
            Batch batch = new Batch();
            for (ConsumerRecord<byte[], byte[]> r : records) {
                handle(r, batch);
            }
            batch.awaitWrites();
            c.commitSync(batch.offsets);
        }
    }

    /** Everything one poll wrote, and the offsets to commit once it is acknowledged. */
    private final class Batch {
        final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        final List<Future<RecordMetadata>> writes = new ArrayList<>();
        final List<Long> eventTimes = new ArrayList<>();

        void awaitWrites() {
            for (Future<RecordMetadata> f : writes) {
                try {
                    f.get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a command or dead letter was not written: " + e.getCause(), e);
                } catch (TimeoutException e) {
                    throw new IllegalStateException(
                            "a command or dead letter was not acknowledged in " + WRITE_TIMEOUT, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new WakeupException();
                }
            }
            long now = System.currentTimeMillis();
            eventTimes.forEach(t -> metrics.latency(now - t));
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> r, Batch batch) {
        batch.offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
        List<EventHandlerStore.Stored> handlers = store.activeFor(EventNames.of(r.topic(), r.headers()));
        if (handlers.isEmpty()) {
            return;
        }
        metrics.event();
        JsonNode payload;
        try {
            payload = parse(r.value());
        } catch (IOException e) {
            deadLetter(r, "not a JSON event: " + e.getMessage(), e, batch);
            return;
        }
        String messageId = r.topic() + "-" + r.partition() + "-" + r.offset();
        Map<String, String> headers = textHeaders(r.headers());
        JsonNode expanded = null;
        for (EventHandlerStore.Stored s : handlers) {
            EventHandler h = s.handler();
            boolean holds;
            try {
                if (expanded == null) {
                    expanded = InlineJson.expand(payload);
                }
                holds = conditions.test(h.condition(), h.evaluatorType(), expanded, headers);
            } catch (Conditions.ConditionException | RuntimeException e) {
                deadLetter(r, "event handler " + h.name() + ": condition failed: " + e.getMessage(), e, batch);
                continue;
            }
            if (!holds) {
                metrics.conditionFalse();
                continue;
            }
            ActionCommands.Event event = new ActionCommands.Event(h.event(), messageId, payload);
            for (int i = 0; i < h.actions().size(); i++) {
                EventHandler.Action action = h.actions().get(i);
                String commandId = ActionCommands.commandId(r.topic(), r.partition(), r.offset(), h.name(), i);
                WorkflowControl command;
                try {
                    command = ActionCommands.build(h, action, event, commandId, System.currentTimeMillis());
                } catch (ActionCommands.ActionException | RuntimeException e) {
                    deadLetter(
                            r,
                            "event handler " + h.name() + " action " + i + " ("
                                    + (action.action() == null
                                            ? "?"
                                            : action.action().json()) + "): " + e.getMessage(),
                            e,
                            batch);
                    continue;
                }
                batch.writes.add(client.submit(command));
                metrics.action();
            }
        }
        batch.eventTimes.add(r.timestamp());
    }

    private static JsonNode parse(byte[] value) throws IOException {
        if (value == null || value.length == 0) {
            throw new IOException("empty value");
        }
        return EventHandlerJson.MAPPER.readTree(value);
    }

    private static Map<String, String> textHeaders(Headers headers) {
        Map<String, String> out = new HashMap<>();
        for (Header h : headers) {
            if (h.value() != null) {
                out.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> r, String reason, Throwable error, Batch batch) {
        LOG.warn("Sending {}-{}@{} to {}: {}", r.topic(), r.partition(), r.offset(), Topics.DLQ, reason);
        Headers h = new RecordHeaders(r.headers().toArray());
        put(h, DeadLetters.REASON, reason);
        put(h, DeadLetters.SOURCE_TOPIC, r.topic());
        put(h, DeadLetters.PARTITION, Integer.toString(r.partition()));
        put(h, DeadLetters.OFFSET, Long.toString(r.offset()));
        if (error != null) {
            put(h, DeadLetters.EXCEPTION, error.getClass().getName());
        }
        batch.writes.add(dlq.send(new ProducerRecord<>(Topics.DLQ, null, r.timestamp(), r.key(), r.value(), h)));
        metrics.deadLetter();
    }

    private static void put(Headers h, String key, String value) {
        h.remove(key);
        h.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * On assignment, a partition starts at the first record written since its handlers became
     * active, or at the group's committed offset if that is later.
     */
    private final class StartWhereHandlersBegin implements ConsumerRebalanceListener {
        private final KafkaConsumer<byte[], byte[]> c;

        StartWhereHandlersBegin(KafkaConsumer<byte[], byte[]> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // Offsets are committed after every poll's writes: nothing is pending here.
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = c.committed(new HashSet<>(partitions));
            Map<TopicPartition, Long> since = new HashMap<>();
            for (TopicPartition tp : partitions) {
                Optional<Long> t = store.listenedSince(tp.topic());
                t.ifPresent(v -> since.put(tp, v));
            }
            Map<TopicPartition, OffsetAndTimestamp> byTime = since.isEmpty() ? Map.of() : c.offsetsForTimes(since);
            Map<TopicPartition, Long> ends = c.endOffsets(partitions);
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata done = committed.get(tp);
                if (!since.containsKey(tp)) {
                    continue; // no handler reads it any more: the committed offset (or the end) is fine
                }
                OffsetAndTimestamp first = byTime.get(tp);
                long from = first != null ? first.offset() : ends.get(tp);
                long start = done == null ? from : Math.max(done.offset(), from);
                c.seek(tp, start);
            }
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dlq.close(Duration.ofSeconds(5));
    }
}

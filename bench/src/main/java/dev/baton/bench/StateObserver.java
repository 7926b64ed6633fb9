package dev.baton.bench;

import dev.baton.orchestrator.kafka.Topics;
import dev.baton.orchestrator.runtime.ProtocolCodec;
import dev.baton.protocol.TaskSnapshot;
import dev.baton.protocol.WorkflowSnapshot;
import dev.baton.protocol.WorkflowStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code baton.state} and {@code baton.tasks} (read_committed, from their end when
 * created) on its own thread. A terminal snapshot of an instance the current {@link Tracker}
 * started (matched by correlation id) completes it; the engine's times of each echo task that
 * ends while a run is tracked (its record on baton.tasks) give the step latencies. Also keeps
 * snapshot sizes per workflow and status, and the id of the last completed instance of each
 * workflow.
 */
final class StateObserver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StateObserver.class);
    private final KafkaConsumer<String, byte[]> consumer;
    private final ProtocolCodec codec;
    private final Thread thread;
    private final SizeStats sizes = new SizeStats();
    private final Map<String, String> lastCompleted = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private volatile Tracker tracker;
    private volatile Consumer<WorkflowSnapshot> hook;

    StateObserver(String bootstrap, ProtocolCodec codec) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.codec = codec;
        List<TopicPartition> parts = Stream.of(Topics.STATE, Topics.TASKS)
                .flatMap(topic -> consumer.partitionsFor(topic).stream())
                .map(i -> new TopicPartition(i.topic(), i.partition()))
                .toList();
        consumer.assign(parts);
        consumer.seekToEnd(parts);
        parts.forEach(consumer::position); // resolve now: later snapshots must not be skipped
        this.thread = new Thread(this::run, "bench-state-observer");
        thread.setDaemon(true);
        thread.start();
    }

    /** The run whose instances are being measured (null: none). */
    void track(Tracker tracker) {
        this.tracker = tracker;
    }

    /** Also called with every decoded snapshot (null: none). */
    void hook(Consumer<WorkflowSnapshot> hook) {
        this.hook = hook;
    }

    /** Snapshot sizes, keyed "workflowName STATUS". */
    SizeStats sizes() {
        return sizes;
    }

    /** Workflow id of the last COMPLETED instance seen of a workflow, or null. */
    String lastCompleted(String workflowName) {
        return lastCompleted.get(workflowName);
    }

    private void run() {
        while (running) {
            try {
                var records = consumer.poll(Duration.ofMillis(100));
                long now = System.nanoTime();
                for (ConsumerRecord<String, byte[]> r : records) {
                    if (r.value() == null) {
                        continue;
                    }
                    if (r.topic().equals(Topics.TASKS)) {
                        step(r.value());
                    } else {
                        handle(r.value(), now);
                    }
                }
            } catch (WakeupException e) {
                // closing
            } catch (RuntimeException e) {
                LOG.error("state observer: {}", e.toString(), e);
            }
        }
        consumer.close();
    }

    private void step(byte[] value) {
        Tracker t = tracker;
        if (t == null) {
            return;
        }
        TaskSnapshot task = codec.decodeTaskSnapshot(value);
        if (task.getTaskType().startsWith("bench_echo")
                && "COMPLETED".equals(task.getStatus())
                && task.getEndTime() != null
                && task.getScheduledTime() != null) {
            t.step(task.getEndTime() - task.getScheduledTime());
        }
    }

    private void handle(byte[] value, long now) {
        WorkflowSnapshot s = codec.decodeSnapshot(value);
        WorkflowStatus status = s.getStatus();
        sizes.record(s.getWorkflowName() + " " + status, value.length);
        Consumer<WorkflowSnapshot> h = hook;
        if (h != null) {
            h.accept(s);
        }
        if (status == WorkflowStatus.RUNNING || status == WorkflowStatus.PAUSED) {
            return;
        }
        if (status == WorkflowStatus.COMPLETED) {
            lastCompleted.put(s.getWorkflowName(), s.getWorkflowId());
        }
        Tracker t = tracker;
        String id = s.getCorrelationId();
        if (t == null || id == null || !t.isInFlight(id)) {
            return;
        }
        t.finished(id, status == WorkflowStatus.COMPLETED, now);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

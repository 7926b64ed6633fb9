package dev.baton.orchestrator.http;

import dev.baton.dsl.TaskKind;
import dev.baton.worker.TaskWorker;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The built-in worker of Conductor's HTTP system task: a {@link TaskWorker} for task type
 * {@value #TASK_TYPE} reading {@value #COMMAND_TOPIC} in consumer group {@value #GROUP_ID} and
 * answering with an {@link HttpTaskHandler}. The calls block their worker thread, never a Kafka
 * Streams thread; run several threads (default {@value #DEFAULT_THREADS}) for concurrent calls.
 *
 * <p>A command's reply commits in a transaction that stays open while its call runs, so the
 * producers' {@code transaction.timeout.ms} is raised to cover the longest call
 * ({@link HttpTaskLimits#maxCallDuration()}) plus the worker's own transaction budget; closing
 * waits as long for calls in flight.
 *
 * <pre>{@code
 * try (HttpTaskWorker worker = HttpTaskWorker.builder().bootstrapServers("127.0.0.1:9092").build().start()) { ... }
 * }</pre>
 */
public final class HttpTaskWorker implements AutoCloseable {

    /** The command topic the orchestrator sends HTTP tasks to. */
    public static final String COMMAND_TOPIC = "baton.http.commands";
    /** Task type of the HTTP system task. */
    public static final String TASK_TYPE = TaskKind.HTTP.typeName();
    /** Consumer group of the built-in HTTP workers. */
    public static final String GROUP_ID = "baton-http-worker";
    /** Worker threads unless configured. */
    public static final int DEFAULT_THREADS = 4;

    /** Slack on top of the longest call: the worker commits early after 10 s of an open transaction. */
    private static final Duration TRANSACTION_SLACK = Duration.ofSeconds(30);

    private final TaskWorker worker;
    private final HttpTaskHandler handler;

    private HttpTaskWorker(TaskWorker worker, HttpTaskHandler handler) {
        this.worker = worker;
        this.handler = handler;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates the command topic if missing, connects and starts the threads.
     *
     * @return this worker
     * @throws IllegalStateException if already started or closed
     * @throws org.apache.kafka.common.KafkaException if the clients cannot be created
     */
    public HttpTaskWorker start() {
        worker.start();
        return this;
    }

    /** Stops after the calls in flight (waiting at most the longest call), commits their replies, closes the clients. Idempotent. */
    @Override
    public void close() {
        worker.close();
    }

    /** True between {@link #start()} and {@link #close()}. */
    public boolean isRunning() {
        return worker.isRunning();
    }

    /** Waits until the group has assigned this worker a partition; true if it did within the timeout. */
    public boolean awaitAssignment(Duration timeout) throws InterruptedException {
        return worker.awaitAssignment(timeout);
    }

    /** Replies committed so far. */
    public long repliedCount() {
        return worker.repliedCount();
    }

    public String commandTopic() {
        return worker.commandTopic();
    }

    public String groupId() {
        return worker.groupId();
    }

    public HttpTaskHandler handler() {
        return handler;
    }

    /** Builds an {@link HttpTaskWorker}; only {@code bootstrapServers} is required. */
    public static final class Builder {
        private String bootstrapServers;
        private final Map<String, Object> properties = new HashMap<>();
        private int threads = DEFAULT_THREADS;
        private int partitions = 6;
        private Short replicationFactor;
        private String groupId = GROUP_ID;
        private HttpTaskLimits limits = HttpTaskLimits.DEFAULTS;

        private Builder() {}

        /** Kafka {@code bootstrap.servers} (required). */
        public Builder bootstrapServers(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
            return this;
        }

        /** Kafka client properties for every client (SASL, SSL, ...), e.g. {@code KafkaConnection.clientProperties()}. */
        public Builder properties(Map<String, ?> properties) {
            this.properties.putAll(properties);
            return this;
        }

        /** Worker threads, each with its own consumer and transactional producer; default {@value HttpTaskWorker#DEFAULT_THREADS}. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1");
            }
            this.threads = threads;
            return this;
        }

        /** Partitions of {@value HttpTaskWorker#COMMAND_TOPIC} if the worker creates it; default 6. */
        public Builder partitions(int partitions) {
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be >= 1");
            }
            this.partitions = partitions;
            return this;
        }

        /** Replication factor of the command topic if the worker creates it; default the broker's. */
        public Builder replicationFactor(short replicationFactor) {
            this.replicationFactor = replicationFactor;
            return this;
        }

        /** Consumer group; default {@value HttpTaskWorker#GROUP_ID}. */
        public Builder groupId(String groupId) {
            this.groupId = Objects.requireNonNull(groupId, "groupId");
            return this;
        }

        /** Timeouts and size limits of the calls; default {@link HttpTaskLimits#DEFAULTS}. */
        public Builder limits(HttpTaskLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** The worker, not started. */
        public HttpTaskWorker build() {
            HttpTaskHandler handler = new HttpTaskHandler(limits);
            Duration longestTransaction = limits.maxCallDuration().plus(TRANSACTION_SLACK);
            Map<String, Object> producer = new HashMap<>();
            long configured = longSetting(properties.get(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG));
            producer.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int)
                    Math.max(configured, longestTransaction.toMillis()));
            Map<String, Object> consumer = new HashMap<>();
            if (!properties.containsKey(ConsumerConfig.MAX_POLL_RECORDS_CONFIG)) {
                // calls are slow: poll little at a time so that a rebalance or abort re-reads little
                consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20);
            }
            TaskWorker.Builder b = TaskWorker.builder()
                    .bootstrapServers(bootstrapServers)
                    .properties(properties)
                    .producerProperties(producer)
                    .consumerProperties(consumer)
                    .taskType(TASK_TYPE)
                    .commandTopic(COMMAND_TOPIC)
                    .groupId(groupId)
                    .threads(threads)
                    .partitions(partitions)
                    .closeTimeout(limits.maxCallDuration().plusSeconds(5))
                    .handler(handler);
            if (replicationFactor != null) {
                b.replicationFactor(replicationFactor);
            }
            return new HttpTaskWorker(b.build(), handler);
        }

        private static long longSetting(Object value) {
            if (value == null) {
                return 0;
            }
            try {
                return Long.parseLong(value.toString().trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }
}

package dev.baton.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.protocol.BatonHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one Baton task type over Kafka: reads commands from the task type's command topic
 * ({@code isolation.level=read_committed}), calls a {@link TaskHandler} and sends each reply to
 * the command's {@code baton-reply-to} topic. Replies and consumed offsets commit in one
 * producer transaction, so each command yields exactly one committed reply.
 *
 * <pre>{@code
 * try (TaskWorker worker = TaskWorker.builder()
 *         .bootstrapServers("127.0.0.1:9092")
 *         .taskType("reserve_seat")
 *         .handler(ctx -> TaskResult.completed(Map.of("seatNumber", "12A")))
 *         .build()
 *         .start()) {
 *     ...
 * }
 * }</pre>
 */
public final class TaskWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskWorker.class);

    private final WorkerSettings settings;
    private final WorkerCounters counters = new WorkerCounters();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<WorkerLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile Replies replies;
    private final Object replyLock = new Object();
    private Producer<byte[], byte[]> asyncProducer;
    private boolean asyncClosed;
    private PollAnnouncer announcer;

    private TaskWorker(WorkerSettings settings) {
        this.settings = settings;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates the command topic if asked to, creates the clients (initialising the transactional
     * producers) and starts the consumer threads. Blocks until the clients are ready.
     *
     * @return this worker
     * @throws IllegalStateException if already started or closed
     * @throws org.apache.kafka.common.KafkaException if the clients cannot be created
     */
    public synchronized TaskWorker start() {
        if (closed.get()) {
            throw new IllegalStateException("worker is closed");
        }
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("worker already started");
        }
        try {
            if (settings.createTopic()) {
                TopicCreator.ensureTopic(
                        settings.adminConfig(),
                        settings.commandTopic(),
                        settings.partitions(),
                        settings.replicationFactor());
            }
            CommandDecoder decoder = new CommandDecoder(settings.mapper(), settings.taskType());
            replies = new Replies(settings.mapper(), settings.maxReplyBytes());
            for (int i = 0; i < settings.threads(); i++) {
                final int index = i;
                Supplier<Producer<byte[], byte[]>> producerFactory = () -> newProducer(index);
                Producer<byte[], byte[]> producer = producerFactory.get();
                Consumer<byte[], byte[]> consumer;
                try {
                    consumer = new KafkaConsumer<>(settings.consumerConfig(index));
                    consumer.subscribe(List.of(settings.commandTopic()));
                } catch (RuntimeException e) {
                    producer.close(Duration.ZERO);
                    throw e;
                }
                loops.add(new WorkerLoop(
                        consumer,
                        producerFactory,
                        producer,
                        settings.handler(),
                        decoder,
                        replies,
                        settings.pollTimeout(),
                        settings.transactionBudget(),
                        settings.pollBudget(),
                        counters));
            }
        } catch (RuntimeException e) {
            closed.set(true);
            // a loop stopped before it ran only closes its clients
            loops.forEach(WorkerLoop::stop);
            loops.forEach(WorkerLoop::run);
            loops.clear();
            throw e;
        }
        for (int i = 0; i < loops.size(); i++) {
            Thread t = new Thread(loops.get(i), "baton-worker-" + settings.taskType() + "-" + i);
            t.setDaemon(false);
            threads.add(t);
            t.start();
        }
        if (settings.domain() != null) {
            announcer = new PollAnnouncer(
                    settings.announceProducerConfig(),
                    settings.taskType(),
                    settings.domain(),
                    settings.workerId(),
                    settings.announceInterval());
        }
        LOG.info(
                "worker for task type {} started: topic {}, group {}, {} thread(s){}",
                settings.taskType(),
                settings.commandTopic(),
                settings.groupId(),
                settings.threads(),
                settings.domain() == null ? "" : ", domain " + settings.domain());
        return this;
    }

    /**
     * Sends a further reply for a command outside its handler, e.g. the final result of a task
     * whose handler answered {@link TaskResult#inProgress(long)}. The reply carries the same
     * correlation headers as the handler's reply would. It is sent with an idempotent producer,
     * not in a transaction with any consumed offset. The handler's own reply becomes visible only
     * when its transaction commits, so a reply sent from inside the handler, or right after it
     * returns, may reach the reply topic first.
     *
     * @return completes when the broker has acknowledged the reply
     * @throws IllegalStateException if the worker was not started or has finished closing
     */
    public CompletableFuture<Void> reply(TaskContext ctx, TaskResult result) {
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(result, "result");
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (replyLock) {
            if (!started.get() || asyncClosed || replies == null) {
                throw new IllegalStateException("worker is not running");
            }
            if (asyncProducer == null) {
                asyncProducer = new KafkaProducer<>(settings.asyncReplyProducerConfig());
            }
            asyncProducer.send(replies.reply(ctx.rawHeaders(), ctx.workflowId(), ctx.replyTo(), result), (md, e) -> {
                if (e != null) {
                    done.completeExceptionally(e);
                } else {
                    done.complete(null);
                }
            });
        }
        return done;
    }

    private Producer<byte[], byte[]> newProducer(int index) {
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings.producerConfig(index));
        try {
            producer.initTransactions();
            return producer;
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
    }

    /**
     * Stops the consumer threads after the command each is handling, commits what was handled,
     * and closes the clients. Waits up to the close timeout. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        synchronized (this) {
            if (announcer != null) {
                announcer.close(); // the domain stops counting as active 10 s after its last announcement
            }
            loops.forEach(WorkerLoop::stop);
            long deadline = System.nanoTime() + settings.closeTimeout().toNanos();
            for (Thread t : threads) {
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                try {
                    t.join(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                if (t.isAlive()) {
                    LOG.warn("worker thread {} did not stop within {}", t.getName(), settings.closeTimeout());
                }
            }
            synchronized (replyLock) {
                asyncClosed = true;
                if (asyncProducer != null) {
                    asyncProducer.close(settings.closeTimeout());
                }
            }
            LOG.info("worker for task type {} closed", settings.taskType());
        }
    }

    /** True between {@link #start()} and {@link #close()}. */
    public boolean isRunning() {
        return started.get() && !closed.get();
    }

    /**
     * Waits until the consumer group has given this worker's consumers at least one partition
     * (useful in tests before measuring latency; commands sent earlier are read anyway).
     *
     * @return true if assigned within the timeout
     */
    public boolean awaitAssignment(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (loops.stream().anyMatch(l -> l.assignedPartitions() > 0)) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    public String taskType() {
        return settings.taskType();
    }

    public String commandTopic() {
        return settings.commandTopic();
    }

    public String groupId() {
        return settings.groupId();
    }

    /** The task domain served (null: the default queue). */
    public String domain() {
        return settings.domain();
    }

    /** Replies committed so far (including terminal-failure replies to undecodable commands). */
    public long repliedCount() {
        return counters.replied.get();
    }

    /** Commands skipped without a reply because no workflow id could be found (committed). */
    public long skippedCount() {
        return counters.skipped.get();
    }

    /** Commands answered with FAILED_WITH_TERMINAL_ERROR because they could not be decoded (committed). */
    public long rejectedCount() {
        return counters.poison.get();
    }

    /** Transactions aborted (their commands were read again). */
    public long abortedTransactionCount() {
        return counters.aborted.get();
    }

    /** Builds a {@link TaskWorker}; {@code bootstrapServers}, {@code taskType} and {@code handler} are required. */
    public static final class Builder {
        private String bootstrapServers;
        private final Map<String, Object> common = new HashMap<>();
        private final Map<String, Object> consumerOnly = new HashMap<>();
        private final Map<String, Object> producerOnly = new HashMap<>();
        private String taskType;
        private String commandTopic;
        private String groupId;
        private TaskHandler handler;
        private int threads = 1;
        private boolean createTopic = true;
        private int partitions = 6;
        private Short replicationFactor;
        private ObjectMapper mapper;
        private String transactionalIdPrefix;
        private Duration pollTimeout = Duration.ofMillis(200);
        private Duration closeTimeout = Duration.ofSeconds(30);
        private String domain;
        private String workerId;
        private Duration announceInterval = Duration.ofSeconds(2);
        private Duration commitInterval = Duration.ofMillis(100);

        private Builder() {}

        /** Kafka {@code bootstrap.servers}. */
        public Builder bootstrapServers(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
            return this;
        }

        /** A Kafka client property for all clients (consumer, producer, admin), e.g. SASL/SSL settings. */
        public Builder property(String key, Object value) {
            common.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
            return this;
        }

        /** Kafka client properties for all clients; each client receives those it knows (and unknown plug-in keys). */
        public Builder properties(Map<String, ?> properties) {
            properties.forEach(this::property);
            return this;
        }

        /** Properties for the consumers only (override the common ones). */
        public Builder consumerProperties(Map<String, ?> properties) {
            consumerOnly.putAll(properties);
            return this;
        }

        /** Properties for the producers only (override the common ones). */
        public Builder producerProperties(Map<String, ?> properties) {
            producerOnly.putAll(properties);
            return this;
        }

        /** The task type served (required). */
        public Builder taskType(String taskType) {
            this.taskType = taskType;
            return this;
        }

        /** Command topic; default {@code <taskType>.commands}. */
        public Builder commandTopic(String commandTopic) {
            this.commandTopic = commandTopic;
            return this;
        }

        /**
         * Serve the task type's commands in a Conductor task domain: read {@code <domain>.<commandTopic>}
         * (in group {@code baton-worker-<domain>:<taskType>} unless one is given) and tell the
         * orchestrator, every {@link #announceInterval}, that the domain has an active worker
         * (topic {@code baton.pollers}), as a polling Conductor worker would.
         */
        public Builder domain(String domain) {
            String problem = TaskDomains.problem(domain, "x");
            if (problem != null) {
                throw new IllegalArgumentException("domain " + domain + ": " + problem);
            }
            this.domain = domain;
            return this;
        }

        /** The worker id announced with a domain's polls; default the host name. */
        public Builder workerId(String workerId) {
            this.workerId = Objects.requireNonNull(workerId);
            return this;
        }

        /**
         * How long a thread's transaction may stay open while it works through the commands of a
         * poll; its replies reach the orchestrator only when it commits. Default 100 ms (Kafka
         * Streams' commit interval under exactly-once): with slow handlers, replies flow every 100 ms
         * instead of once per poll. Never more than a third of {@code transaction.timeout.ms}.
         */
        public Builder commitInterval(Duration every) {
            if (every.isNegative() || every.isZero()) {
                throw new IllegalArgumentException("commitInterval must be positive");
            }
            this.commitInterval = every;
            return this;
        }

        /** How often a domain's worker announces that it polls; default 2 s (a domain is active for 10 s after). */
        public Builder announceInterval(Duration every) {
            if (every.isNegative() || every.isZero()) {
                throw new IllegalArgumentException("announceInterval must be positive");
            }
            this.announceInterval = every;
            return this;
        }

        /** Consumer group id; default {@code baton-worker-<taskType>} ({@code baton-worker-<domain>:<taskType>} in a domain). */
        public Builder groupId(String groupId) {
            this.groupId = groupId;
            return this;
        }

        /** The handler (required). */
        public Builder handler(TaskHandler handler) {
            this.handler = handler;
            return this;
        }

        /** Consumer threads, each with its own consumer and transactional producer; default 1. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1");
            }
            this.threads = threads;
            return this;
        }

        /** Whether {@link TaskWorker#start()} creates the command topic if missing; default true. */
        public Builder createTopic(boolean createTopic) {
            this.createTopic = createTopic;
            return this;
        }

        /** Partitions of the command topic when it is created; default 6. */
        public Builder partitions(int partitions) {
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be >= 1");
            }
            this.partitions = partitions;
            return this;
        }

        /** Replication factor of the command topic when it is created; default: the broker's default. */
        public Builder replicationFactor(short replicationFactor) {
            this.replicationFactor = replicationFactor;
            return this;
        }

        /** Jackson mapper for inputs and outputs; default a plain {@link ObjectMapper}. */
        public Builder objectMapper(ObjectMapper mapper) {
            this.mapper = mapper;
            return this;
        }

        /**
         * Prefix of the producers' {@code transactional.id} (thread index appended). Default
         * {@code baton-worker-<taskType>-<random uuid>}. A stable prefix per instance lets a
         * restarted instance abort its predecessor's open transaction at once.
         */
        public Builder transactionalIdPrefix(String prefix) {
            this.transactionalIdPrefix = prefix;
            return this;
        }

        /** Consumer poll timeout; default 200 ms. */
        public Builder pollTimeout(Duration pollTimeout) {
            this.pollTimeout = Objects.requireNonNull(pollTimeout);
            return this;
        }

        /** How long {@link TaskWorker#close()} waits for the threads; default 30 s. */
        public Builder closeTimeout(Duration closeTimeout) {
            this.closeTimeout = Objects.requireNonNull(closeTimeout);
            return this;
        }

        /** The worker (not started). */
        public TaskWorker build() {
            if (bootstrapServers == null || bootstrapServers.isBlank()) {
                throw new IllegalStateException("bootstrapServers is required");
            }
            if (taskType == null || taskType.isBlank()) {
                throw new IllegalStateException("taskType is required");
            }
            if (handler == null) {
                throw new IllegalStateException("handler is required");
            }
            String topic = TaskDomains.topic(
                    domain, commandTopic != null ? commandTopic : BatonHeaders.commandTopic(taskType));
            String group = groupId != null ? groupId : "baton-worker-" + PollerRecords.key(taskType, domain);
            String txPrefix = transactionalIdPrefix != null
                    ? transactionalIdPrefix
                    : "baton-worker-" + taskType + "-" + UUID.randomUUID();
            return new TaskWorker(new WorkerSettings(
                    bootstrapServers,
                    Map.copyOf(common),
                    Map.copyOf(consumerOnly),
                    Map.copyOf(producerOnly),
                    taskType,
                    topic,
                    group,
                    handler,
                    threads,
                    createTopic,
                    partitions,
                    Optional.ofNullable(replicationFactor),
                    mapper != null ? mapper : new ObjectMapper(),
                    txPrefix,
                    pollTimeout,
                    closeTimeout,
                    domain,
                    workerId != null ? workerId : hostName(),
                    announceInterval,
                    commitInterval));
        }

        private static String hostName() {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                return "unknown";
            }
        }
    }
}

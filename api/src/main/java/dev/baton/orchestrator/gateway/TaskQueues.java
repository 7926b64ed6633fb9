package dev.baton.orchestrator.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.baton.worker.PollerRecords;
import dev.baton.worker.TaskDomains;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task types served over HTTP on this node: a {@link TaskQueue} per type and domain (Conductor's
 * queue {@code <domain>:<type>}), started by its first poll once its command topic exists (a
 * domain's topic, {@code <domain>.<commandTopic>}, is created by that poll), and closed (leaving the
 * consumer group to the Kafka workers) after it has not been polled for a while.
 */
final class TaskQueues implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskQueues.class);

    private final TaskGatewayConfig config;
    private final Map<String, Object> clientProperties;
    private final Function<String, Optional<String>> topicOf;
    private final Admin admin;
    private final Consumer<String> createTopic;
    /** By queue name: {@code <type>}, or {@code <domain>:<type>}. */
    private final Map<String, TaskQueue> queues = new ConcurrentHashMap<>();
    /** Whether a command topic exists, remembered briefly so that polls of unknown types stay cheap. */
    private final Cache<String, Boolean> topicExists = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(2))
            .maximumSize(10_000)
            .build();

    private final ScheduledExecutorService reaper;
    private final AtomicInteger clientIds = new AtomicInteger();
    /** Tells this node's client ids from another's in the same JVM. */
    private final String instance = UUID.randomUUID().toString().substring(0, 8);

    private volatile boolean closed;

    /**
     * @param topicOf the command topic of a task type; empty while it cannot be known (definitions not loaded yet)
     * @param createTopic creates a domain's command topic (with Baton's partitions) when a poll names one that is missing
     */
    TaskQueues(
            TaskGatewayConfig config,
            Map<String, Object> clientProperties,
            Function<String, Optional<String>> topicOf,
            Admin admin,
            Consumer<String> createTopic) {
        this.config = config;
        this.clientProperties = Map.copyOf(clientProperties);
        this.topicOf = topicOf;
        this.admin = admin;
        this.createTopic = createTopic;
        this.reaper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "baton-gateway-reaper");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(100, Math.min(1_000, config.getIdleCloseMs() / 4));
        reaper.scheduleWithFixedDelay(this::closeIdle, every, every, TimeUnit.MILLISECONDS);
    }

    /** The queue of a task type (no domain), started if needed; empty when its command topic does not exist (yet). */
    Optional<TaskQueue> forType(String taskType) {
        return forType(taskType, null);
    }

    /**
     * The queue of a task type in a domain (null: the default queue), started if needed; empty when
     * its topic does not exist (yet). A domain's topic is created if missing.
     */
    Optional<TaskQueue> forType(String taskType, String domain) {
        String name = PollerRecords.key(taskType, domain);
        TaskQueue q = queues.get(name);
        if (q != null && !q.isClosed()) {
            return Optional.of(q);
        }
        if (closed) {
            return Optional.empty();
        }
        Optional<String> topic = topicOf.apply(taskType).map(t -> TaskDomains.topic(domain, t));
        if (topic.isEmpty()) {
            return Optional.empty();
        }
        if (!exists(topic.get())) {
            if (domain == null || !create(topic.get())) {
                return Optional.empty();
            }
        }
        return Optional.of(queues.compute(
                name,
                (n, current) ->
                        current != null && !current.isClosed() ? current : open(taskType, domain, topic.get())));
    }

    /** The queue of a task type (no domain) if this node serves it now. */
    Optional<TaskQueue> existing(String taskType) {
        return existing(taskType, null);
    }

    /** The queue of a task type in a domain if this node serves it now. */
    Optional<TaskQueue> existing(String taskType, String domain) {
        return Optional.ofNullable(queues.get(PollerRecords.key(taskType, domain)))
                .filter(q -> !q.isClosed());
    }

    /** The queues of a task type this node serves now, in every domain. */
    List<TaskQueue> allOf(String taskType) {
        return queues.values().stream()
                .filter(q -> q.taskType().equals(taskType) && !q.isClosed())
                .toList();
    }

    private boolean create(String topic) {
        try {
            createTopic.accept(topic);
            topicExists.put(topic, true);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("Cannot create the domain topic {}: {}", topic, e.toString());
            return false;
        }
    }

    private TaskQueue open(String taskType, String domain, String topic) {
        String queueName = PollerRecords.key(taskType, domain);
        Map<String, Object> c = new HashMap<>(clientProperties);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupFor(queueName));
        c.put(
                ConsumerConfig.CLIENT_ID_CONFIG,
                "baton-gateway-" + queueName.replace(':', '.') + "-" + instance + "-" + clientIds.incrementAndGet());
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.getBufferSize());
        LOG.info(
                "Task gateway serves {} over HTTP: reading {} in group {}",
                queueName,
                topic,
                config.groupFor(queueName));
        return new TaskQueue(taskType, topic, config.getBufferSize(), c);
    }

    private boolean exists(String topic) {
        Boolean known = topicExists.getIfPresent(topic);
        if (known != null) {
            return known;
        }
        boolean found;
        try {
            admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS);
            found = true;
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                LOG.warn(
                        "Cannot tell whether topic {} exists: {}",
                        topic,
                        e.getCause().toString());
            }
            found = false;
        } catch (TimeoutException e) {
            LOG.warn("Cannot tell whether topic {} exists: no answer from Kafka", topic);
            found = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        topicExists.put(topic, found);
        return found;
    }

    private void closeIdle() {
        for (Map.Entry<String, TaskQueue> e : queues.entrySet()) {
            TaskQueue q = e.getValue();
            if (q.isClosed() || q.idle(config.getIdleCloseMs())) {
                if (queues.remove(e.getKey(), q)) {
                    LOG.info("Task gateway stops serving {}: no poll for {} ms", e.getKey(), config.getIdleCloseMs());
                    q.close();
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        reaper.shutdownNow();
        queues.values().forEach(TaskQueue::close);
        queues.clear();
    }
}

package dev.baton.testkit;

import dev.baton.kafka.embedded.EmbeddedKafkaCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ForwardingAdmin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A handle on a running in-process Kafka cluster for tests: its address, an admin client, topic
 * creation and client settings. Obtain it as a parameter or field of a {@link KafkaCluster} test, or via
 * {@link #shared()} from anywhere in the test JVM.
 */
public final class KafkaTestCluster {

    private static final Duration TOPIC_READY_TIMEOUT = Duration.ofSeconds(30);

    private final EmbeddedKafkaCluster cluster;
    private final boolean shared;
    private final OwnedAdmin admin;

    KafkaTestCluster(EmbeddedKafkaCluster cluster, boolean shared) {
        this.cluster = cluster;
        this.shared = shared;
        this.admin = new OwnedAdmin(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                cluster.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG,
                "baton-testkit-admin"));
    }

    /**
     * The single-node cluster shared by the whole test JVM, started on first use. The same instance
     * {@link KafkaExtension} hands to tests without {@code brokers}/{@code isolated}; useful where a
     * bootstrap address is needed before the extension runs (e.g. a Micronaut {@code TestPropertyProvider}).
     */
    public static KafkaTestCluster shared() {
        return SharedCluster.get();
    }

    /** Comma-separated {@code 127.0.0.1:port} list of all nodes. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Number of nodes (running or stopped). */
    public int nodeCount() {
        return cluster.nodeCount();
    }

    /** Whether this is the JVM-wide shared cluster (whose nodes cannot be stopped). */
    public boolean isShared() {
        return shared;
    }

    /**
     * An admin client owned by this handle and closed with the cluster; closing it yourself is harmless
     * (a no-op), so try-with-resources is fine.
     */
    public Admin admin() {
        return admin;
    }

    /**
     * Creates {@code name} with {@code partitions} partitions and replication factor min(nodes, 3), unless
     * it exists; returns once every partition has a leader.
     */
    public void createTopic(String name, int partitions) {
        createTopic(new NewTopic(name, partitions, (short) Math.min(nodeCount(), 3)));
    }

    /** Creates {@code topic} unless a topic of that name exists; returns once every partition has a leader. */
    public void createTopic(NewTopic topic) {
        try {
            admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic.name(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic.name(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating topic " + topic.name(), e);
        }
        awaitLeaders(topic.name());
    }

    /**
     * Creates a topic named {@code prefix} plus a random suffix (handy on the shared cluster) and returns
     * its name.
     */
    public String createUniqueTopic(String prefix, int partitions) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        createTopic(name, partitions);
        return name;
    }

    /**
     * Producer settings: bootstrap servers, {@code acks=all}, idempotence, String key/value serializers.
     * Returns a fresh mutable map; override any entry.
     */
    public Map<String, Object> producerProps() {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return props;
    }

    /**
     * Consumer settings: bootstrap servers, {@code groupId}, {@code isolation.level=read_committed},
     * {@code auto.offset.reset=earliest}, String key/value deserializers. A fresh mutable map.
     */
    public Map<String, Object> consumerProps(String groupId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return props;
    }

    /** A new String/String producer with {@link #producerProps()}; the caller closes it. */
    public KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(producerProps());
    }

    /** A new String/String read_committed consumer with {@link #consumerProps(String)}; the caller closes it. */
    public KafkaConsumer<String, String> consumer(String groupId) {
        return new KafkaConsumer<>(consumerProps(groupId));
    }

    /**
     * Stops node {@code nodeId} (0-based, the Kafka node id) with a controlled shutdown.
     *
     * @throws IllegalStateException on the shared cluster
     */
    public void stopNode(int nodeId) {
        requireOwn("stopNode");
        cluster.stopNode(nodeId);
    }

    /**
     * Restarts a stopped node with its data; returns once its broker is serving.
     *
     * @throws IllegalStateException on the shared cluster
     */
    public void startNode(int nodeId) {
        requireOwn("startNode");
        cluster.startNode(nodeId);
    }

    /** Whether node {@code nodeId} is running. */
    public boolean isNodeRunning(int nodeId) {
        return cluster.isNodeRunning(nodeId);
    }

    @Override
    public String toString() {
        return "KafkaTestCluster[" + bootstrapServers() + (shared ? ", shared" : "") + "]";
    }

    /** Closes the admin client and the cluster. */
    void close() {
        try {
            admin.closeForReal();
        } finally {
            cluster.close();
        }
    }

    private void requireOwn(String operation) {
        if (shared) {
            throw new IllegalStateException(operation + " is not allowed on the shared cluster;"
                    + " use @KafkaCluster(isolated = true) or brokers > 1");
        }
    }

    private void awaitLeaders(String topic) {
        long deadline = System.nanoTime() + TOPIC_READY_TIMEOUT.toNanos();
        while (true) {
            try {
                TopicDescription description = admin.describeTopics(List.of(topic))
                        .allTopicNames()
                        .get(10, TimeUnit.SECONDS)
                        .get(topic);
                if (allHaveLeaders(description.partitions())) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("cannot describe topic " + topic, e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topic " + topic, e);
            } catch (TimeoutException e) {
                // retry until the deadline
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topic " + topic + " has no leader for every partition after "
                        + TOPIC_READY_TIMEOUT.toSeconds() + " s");
            }
            sleep();
        }
    }

    private static boolean allHaveLeaders(List<TopicPartitionInfo> partitions) {
        List<TopicPartitionInfo> leaderless = new ArrayList<>();
        for (TopicPartitionInfo p : partitions) {
            if (p.leader() == null || p.leader().isEmpty()) {
                leaderless.add(p);
            }
        }
        return leaderless.isEmpty();
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a topic", e);
        }
    }

    /** The handle's admin client: close() by users is a no-op; the handle closes it with the cluster. */
    private static final class OwnedAdmin extends ForwardingAdmin {

        OwnedAdmin(Map<String, Object> configs) {
            super(configs);
        }

        @Override
        public void close(Duration timeout) {
            // owned by the KafkaTestCluster
        }

        void closeForReal() {
            super.close(Duration.ofSeconds(5));
        }
    }
}

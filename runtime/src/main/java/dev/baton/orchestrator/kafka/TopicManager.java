package dev.baton.orchestrator.kafka;

import dev.baton.orchestrator.config.BatonConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates Baton's topics (and service command topics) with the configured partitions and replication. */
public final class TopicManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicManager.class);

    private final Admin admin;
    private final BatonConfig config;

    public TopicManager(Map<String, Object> clientProperties, BatonConfig config) {
        this.admin = Admin.create(clientProperties);
        this.config = config;
    }

    /**
     * Creates Baton's own topics that are missing, then checks the ones that exist. A setting that
     * differs from what Baton would create is reported (returned and logged); a partition count
     * that would misroute records (commands and replies must be co-partitioned) stops the start
     * with a clear message.
     *
     * @return the differences found, one sentence each
     */
    public List<String> createBatonTopics() {
        List<NewTopic> topics = batonTopics(config);
        create(topics);
        return check(topics);
    }

    /**
     * The topics Baton creates for itself, with their partitions, replication and settings: what a
     * topic operator (Strimzi's {@code KafkaTopic} resources in deploy/kubernetes) must declare.
     */
    public static List<NewTopic> batonTopics(BatonConfig config) {
        List<NewTopic> topics = new ArrayList<>();
        topics.add(instanceTopic(config, Topics.COMMANDS));
        // a task output up to Conductor's hard barrier travels in one reply record
        topics.add(instanceTopic(config, config.getReplyTopic())
                .configs(Map.of(
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                        Long.toString((config.getLimits().getMaxTaskOutputKb() << 10) + (1L << 20)))));
        topics.add(instanceTopic(config, Topics.EVENTS));
        topics.add(instanceTopic(config, Topics.STATE)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        topics.add(instanceTopic(config, Topics.TASKS)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        topics.add(instanceTopic(config, Topics.DLQ));
        topics.add(instanceTopic(config, Topics.HTTP_COMMANDS));
        topics.add(instanceTopic(config, Topics.BRIDGE));
        topics.add(instanceTopic(config, Topics.BRIDGE_PARKED));
        topics.add(instanceTopic(config, Topics.LIMITER));
        topics.add(new NewTopic(Topics.POLLERS, 1, config.getReplicationFactor())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        topics.add(new NewTopic(Topics.DEFINITIONS, 1, config.getReplicationFactor())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        topics.addAll(eventTopics(config));
        return topics;
    }

    private List<String> check(List<NewTopic> expected) {
        Map<String, TopicDescription> found = null;
        Map<ConfigResource, Config> configs = null;
        long deadline = System.currentTimeMillis() + 15_000;
        while (found == null) {
            try {
                found = admin.describeTopics(
                                expected.stream().map(NewTopic::name).toList())
                        .allTopicNames()
                        .get();
                configs = admin.describeConfigs(expected.stream()
                                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name()))
                                .toList())
                        .all()
                        .get();
            } catch (ExecutionException e) {
                // Topics just created may not be known to every broker yet: ask again for a while.
                if (!(e.getCause() instanceof RetriableException) || System.currentTimeMillis() > deadline) {
                    LOG.warn("Could not check Baton's topics: {}", e.getCause().getMessage());
                    return List.of("topics not checked: " + e.getCause().getMessage());
                }
                found = null;
                sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        List<String> problems = new ArrayList<>();
        for (NewTopic want : expected) {
            TopicDescription have = found.get(want.name());
            int partitions = have.partitions().size();
            if (partitions != want.numPartitions()) {
                problems.add("topic " + want.name() + " has " + partitions + " partitions; Baton is configured for "
                        + want.numPartitions());
            }
            int replicas = have.partitions().get(0).replicas().size();
            if (replicas != want.replicationFactor()) {
                problems.add("topic " + want.name() + " has replication factor " + replicas
                        + "; Baton is configured for " + want.replicationFactor());
            }
            String wantPolicy = want.configs() == null ? null : want.configs().get(TopicConfig.CLEANUP_POLICY_CONFIG);
            if (wantPolicy != null) {
                ConfigEntry policy = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, want.name()))
                        .get(TopicConfig.CLEANUP_POLICY_CONFIG);
                if (policy == null || !policy.value().contains(wantPolicy)) {
                    problems.add(
                            "topic " + want.name() + " has cleanup.policy=" + (policy == null ? "?" : policy.value())
                                    + "; it must be " + wantPolicy + " (it holds the latest record per key)");
                }
            }
        }
        problems.forEach(p -> LOG.warn("Topic check: {}", p));
        int commands = found.get(Topics.COMMANDS).partitions().size();
        int replies = found.get(config.getReplyTopic()).partitions().size();
        if (commands != replies) {
            throw new IllegalStateException("topic " + Topics.COMMANDS + " has " + commands + " partitions but "
                    + config.getReplyTopic() + " has " + replies + ": both are keyed by workflow id and read by the "
                    + "same stream task, so they must have the same number of partitions. Recreate one of them, or "
                    + "point baton.reply-topic at a topic with " + commands + " partitions.");
        }
        return problems;
    }

    /** The event handlers' topics (compacted handler definitions, EVENT records of the conductor sink), if missing. */
    public void createEventTopics() {
        create(eventTopics(config));
    }

    private static List<NewTopic> eventTopics(BatonConfig config) {
        return List.of(
                new NewTopic(Topics.EVENT_HANDLERS, 1, config.getReplicationFactor())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                instanceTopic(config, Topics.CONDUCTOR_EVENTS));
    }

    /** Service command topics, created when a definition that uses them is registered. */
    public void createServiceTopics(Collection<String> names) {
        create(names.stream().distinct().map(n -> instanceTopic(config, n)).toList());
    }

    private static NewTopic instanceTopic(BatonConfig config, String name) {
        return new NewTopic(name, config.getPartitions(), config.getReplicationFactor());
    }

    private void create(List<NewTopic> topics) {
        if (topics.isEmpty()) {
            return;
        }
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing =
                    topics.stream().filter(t -> !existing.contains(t.name())).toList();
            if (missing.isEmpty()) {
                return;
            }
            admin.createTopics(missing).values().forEach((name, f) -> {
                try {
                    f.get();
                    LOG.info("Created topic {}", name);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException(
                                "cannot create topic " + name + ": "
                                        + e.getCause().getMessage(),
                                e);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            });
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "cannot list topics: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}

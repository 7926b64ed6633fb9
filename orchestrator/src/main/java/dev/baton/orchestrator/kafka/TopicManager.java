package dev.baton.orchestrator.kafka;

import dev.baton.orchestrator.config.BatonConfig;
import dev.baton.orchestrator.runtime.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
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

    /** Baton's own topics. */
    public void createBatonTopics() {
        List<NewTopic> topics = new ArrayList<>();
        topics.add(instanceTopic(Topics.COMMANDS));
        topics.add(instanceTopic(config.getReplyTopic()));
        topics.add(instanceTopic(Topics.EVENTS));
        topics.add(instanceTopic(Topics.STATE).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        topics.add(instanceTopic(Topics.DLQ));
        topics.add(instanceTopic(Topics.HTTP_COMMANDS));
        topics.add(new NewTopic(Topics.DEFINITIONS, 1, config.getReplicationFactor()).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        create(topics);
    }

    /** Service command topics, created when a definition that uses them is registered. */
    public void createServiceTopics(Collection<String> names) {
        create(names.stream().distinct().map(this::instanceTopic).toList());
    }

    private NewTopic instanceTopic(String name) {
        return new NewTopic(name, config.getPartitions(), config.getReplicationFactor());
    }

    private void create(List<NewTopic> topics) {
        if (topics.isEmpty()) {
            return;
        }
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
            if (missing.isEmpty()) {
                return;
            }
            admin.createTopics(missing).values().forEach((name, f) -> {
                try {
                    f.get();
                    LOG.info("Created topic {}", name);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(), e);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            });
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list topics: " + e.getCause().getMessage(), e);
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

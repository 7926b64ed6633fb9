package dev.baton.orchestrator.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.orchestrator.config.BatonConfig;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/** Baton creates its topics, and checks the ones that already exist instead of crashing on them. */
@KafkaCluster(isolated = true)
class TopicManagerIT {

    @Test
    void createsItsTopicsThenReportsWhatDiffersAndRefusesMisroutedPartitions(KafkaTestCluster kafka) {
        BatonConfig config = new BatonConfig();
        Map<String, Object> client = Map.of("bootstrap.servers", kafka.bootstrapServers());
        try (TopicManager topics = new TopicManager(client, config)) {
            // A fresh cluster: everything is created as configured, nothing to report.
            assertThat(topics.createBatonTopics()).isEmpty();
        }

        // Someone changed things by hand.
        kafka.createTopic(new NewTopic("other.replies", 3, (short) 1));
        config.setReplyTopic("other.replies");
        try (TopicManager topics = new TopicManager(client, config)) {
            assertThatThrownBy(topics::createBatonTopics)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("baton.commands has 6 partitions but other.replies has 3")
                    .hasMessageContaining("must have the same number of partitions");
        }

        BatonConfig wider = new BatonConfig();
        wider.setPartitions(12);
        kafka.admin()
                .incrementalAlterConfigs(Map.of(
                        new org.apache.kafka.common.config.ConfigResource(
                                org.apache.kafka.common.config.ConfigResource.Type.TOPIC, Topics.STATE),
                        List.of(new org.apache.kafka.clients.admin.AlterConfigOp(
                                new org.apache.kafka.clients.admin.ConfigEntry(
                                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE),
                                org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET))))
                .all()
                .toCompletionStage()
                .toCompletableFuture()
                .join();
        try (TopicManager topics = new TopicManager(client, wider)) {
            List<String> problems = topics.createBatonTopics();
            assertThat(problems)
                    .contains(
                            "topic baton.events has 6 partitions; Baton is configured for 12",
                            "topic baton.state has cleanup.policy=delete; it must be compact (it holds the latest record per key)");
        }
    }
}

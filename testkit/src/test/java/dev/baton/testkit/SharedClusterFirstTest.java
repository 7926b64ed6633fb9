package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@KafkaCluster
class SharedClusterFirstTest {

    static KafkaTestCluster staticField;
    KafkaTestCluster instanceField;
    private static KafkaTestCluster fromBeforeAll;

    @BeforeAll
    static void beforeAll(KafkaTestCluster kafka) {
        fromBeforeAll = kafka;
        assertThat(staticField)
                .as("static fields are injected before @BeforeAll")
                .isSameAs(kafka);
    }

    @Test
    void everyInjectionPointGetsTheJvmWideSharedSingleNode(KafkaTestCluster kafka) {
        assertThat(kafka.isShared()).isTrue();
        assertThat(kafka.nodeCount()).isEqualTo(1);
        assertThat(kafka.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(kafka)
                .isSameAs(staticField)
                .isSameAs(instanceField)
                .isSameAs(fromBeforeAll)
                .isSameAs(KafkaTestCluster.shared());
        SeenClusters.SHARED.add(kafka);
        assertThat(SeenClusters.SHARED).hasSize(1);
    }

    @Test
    void sharedNodesCannotBeStopped(KafkaTestCluster kafka) {
        assertThatThrownBy(() -> kafka.stopNode(0)).isInstanceOf(IllegalStateException.class);
        assertThat(kafka.isNodeRunning(0)).isTrue();
    }
}

package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Uses the plain extension (no annotation): still the shared cluster, the same one the other class sees. */
@ExtendWith(KafkaExtension.class)
class SharedClusterSecondTest {

    private final KafkaTestCluster kafka;

    SharedClusterSecondTest(KafkaTestCluster kafka) {
        this.kafka = kafka;
    }

    @Test
    void seesTheSameSharedClusterAsOtherClasses() {
        assertThat(kafka.isShared()).isTrue();
        assertThat(kafka).isSameAs(KafkaTestCluster.shared());
        SeenClusters.SHARED.add(kafka);
        assertThat(SeenClusters.SHARED).hasSize(1);
        assertThat(SeenClusters.SHARED.iterator().next().bootstrapServers()).isEqualTo(kafka.bootstrapServers());
    }
}

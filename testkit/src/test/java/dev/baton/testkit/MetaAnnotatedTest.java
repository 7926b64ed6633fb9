package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

@WithSharedKafka
class MetaAnnotatedTest {

    @Test
    void metaAnnotationEnablesTheExtension(KafkaTestCluster kafka) {
        assertThat(kafka).isSameAs(KafkaTestCluster.shared());
        SeenClusters.SHARED.add(kafka);
        assertThat(SeenClusters.SHARED).hasSize(1);
    }
}

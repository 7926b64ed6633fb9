package dev.baton.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterLifecycleTest {

    @TempDir
    Path dir;

    @Test
    void restartOnSameDirectoryKeepsClusterIdAndData() throws Exception {
        int port = FreePorts.resolve(0);
        String clusterId;
        try (EmbeddedKafkaCluster first = EmbeddedKafkaCluster.builder()
                .dataDir(dir)
                .brokerPort(port)
                .build()
                .start()) {
            assertThat(first.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            clusterId = first.clusterId();
            produce(first.bootstrapServers(), "kept", "before-restart");
        }
        assertThat(dir.resolve("node-0").resolve("meta.properties")).exists();

        try (EmbeddedKafkaCluster second = EmbeddedKafkaCluster.builder()
                .dataDir(dir)
                .brokerPort(port)
                .build()
                .start()) {
            assertThat(second.clusterId()).isEqualTo(clusterId);
            produce(second.bootstrapServers(), "kept", "after-restart");
            assertThat(Clients.readValues(
                            second.bootstrapServers(), "kept", "read_committed", 2, Duration.ofSeconds(20)))
                    .containsExactly("before-restart", "after-restart");
        }
        assertThat(dir).exists();
    }

    @Test
    void stoppedNodeRestartsWithItsData() throws Exception {
        try (EmbeddedKafkaCluster kafka =
                EmbeddedKafkaCluster.builder().dataDir(dir).build().start()) {
            produce(kafka.bootstrapServers(), "survives", "one");
            kafka.stopNode(0);
            assertThat(kafka.isNodeRunning(0)).isFalse();
            kafka.startNode(0);
            assertThat(kafka.isNodeRunning(0)).isTrue();
            produce(kafka.bootstrapServers(), "survives", "two");
            assertThat(Clients.readValues(
                            kafka.bootstrapServers(), "survives", "read_committed", 2, Duration.ofSeconds(20)))
                    .containsExactly("one", "two");
        }
    }

    @Test
    void temporaryDataIsDeletedOnCloseAndCloseIsIdempotent() {
        EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().build().start();
        Path data = kafka.dataDir();
        assertThat(Files.isDirectory(data)).isTrue();
        kafka.close();
        kafka.close();
        assertThat(data).doesNotExist();
    }

    @Test
    void portInUseFailsTheStartCleanly() throws Exception {
        try (ServerSocket blocker = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder()
                    .brokerPort(blocker.getLocalPort())
                    .build();
            Path data = kafka.dataDir();
            assertThatThrownBy(kafka::start)
                    .isInstanceOf(EmbeddedKafkaException.class)
                    .hasRootCauseInstanceOf(BindException.class);
            assertThat(data).doesNotExist();
        }
    }

    @Test
    void pickedPortTakenBeforeStartIsReplacedByAnother() throws Exception {
        EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().build();
        int picked = kafka.brokerPort(0);
        try (ServerSocket thief = new ServerSocket(picked, 1, InetAddress.getByName("127.0.0.1"))) {
            kafka.start();
            assertThat(kafka.brokerPort(0)).isNotEqualTo(picked);
            produce(kafka.bootstrapServers(), "moved", "ok");
        } finally {
            kafka.close();
        }
    }

    private static void produce(String bootstrap, String topic, String value) throws Exception {
        try (KafkaProducer<String, String> producer = Clients.producer(bootstrap, Map.of())) {
            producer.send(new ProducerRecord<>(topic, "k", value)).get();
        }
    }
}

package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The built distribution: a start script, the server's jars, and no Kafka broker among them. */
class DistributionIT {
    static final Path HOME = Path.of("target/baton-server");

    /** Broker-side Kafka artifacts: none may reach the server's runtime class path. */
    static final List<String> BROKER_ARTIFACTS = List.of(
            "kafka_2.13",
            "kafka-server",
            "kafka-raft",
            "kafka-metadata",
            "kafka-storage",
            "kafka-server-common",
            "kafka-group-coordinator",
            "kafka-transaction-coordinator",
            "kafka-share-coordinator",
            "kafka-coordinator-common",
            "kafka-tools",
            "baton-embedded-kafka",
            "baton-standalone",
            "baton-testkit",
            "scala-library");

    @Test
    void theRuntimeClassPathHasNoBrokerArtifact() throws IOException {
        List<String> deps = Files.readAllLines(Path.of("target/runtime-dependencies.txt")).stream()
                .map(String::trim)
                .filter(l -> l.matches("[\\w.\\-]+:[\\w.\\-]+:.*"))
                .toList();
        assertThat(deps).as("runtime dependencies").anyMatch(d -> d.startsWith("org.apache.kafka:kafka-streams:"));
        for (String artifact : BROKER_ARTIFACTS) {
            assertThat(deps).as("runtime dependencies").noneMatch(d -> d.split(":")[1].equals(artifact));
        }
    }

    @Test
    void theDistributionHoldsTheClientsButNoBrokerClass() throws Exception {
        List<Path> jars;
        try (Stream<Path> files = Files.list(HOME.resolve("lib"))) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        List<String> names = jars.stream().map(p -> p.getFileName().toString()).toList();
        assertThat(names)
                .anyMatch(n -> n.startsWith("baton-server-"))
                .anyMatch(n -> n.startsWith("kafka-streams-"))
                .anyMatch(n -> n.startsWith("baton-orchestrator-"));
        for (String artifact : BROKER_ARTIFACTS) {
            assertThat(names).noneMatch(n -> n.startsWith(artifact + "-"));
        }
        URL[] urls = jars.stream().map(DistributionIT::url).toArray(URL[]::new);
        try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            assertThat(loader.loadClass("dev.baton.server.BatonServer")).isNotNull();
            assertThat(loader.loadClass("org.apache.kafka.streams.KafkaStreams"))
                    .isNotNull();
            for (String broker : List.of(
                    "kafka.server.KafkaRaftServer",
                    "kafka.server.KafkaConfig",
                    "org.apache.kafka.raft.KafkaRaftClient",
                    "dev.baton.kafka.embedded.EmbeddedKafkaCluster",
                    "dev.baton.standalone.EmbeddedBroker")) {
                assertThat(loader.getResource(broker.replace('.', '/') + ".class"))
                        .as(broker)
                        .isNull();
            }
        }
    }

    @Test
    void theStartScriptIsExecutable() throws IOException {
        Path script = HOME.resolve("bin/baton-server");
        assertThat(Files.getPosixFilePermissions(script))
                .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
        assertThat(Files.readString(script)).startsWith("#!/usr/bin/env bash").contains("dev.baton.server.BatonServer");
        assertThat(Path.of("target").toFile().list()).anyMatch(n -> n.matches("baton-server-.*\\.tar\\.gz"));
    }

    private static URL url(Path p) {
        try {
            return p.toUri().toURL();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

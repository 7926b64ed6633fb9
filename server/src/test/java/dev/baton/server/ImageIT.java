package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import dev.baton.testkit.NodeProcess;
import dev.baton.testkit.PortRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The image tarball Jib builds: its configuration and layers, then its entrypoint started as a
 * process from the unpacked layers against a real broker. The JRE is this test's own (the default
 * build's image has an empty base; -Pimage puts a JRE under the same layers).
 */
@KafkaCluster(isolated = true)
class ImageIT {
    private static final Path TARBALL =
            Path.of(System.getProperty("baton.image.tar", "target/baton-server-layers.tar"));
    private static ImageTarball image;

    @BeforeAll
    static void read() throws Exception {
        assertThat(TARBALL).as("built by jib:buildTar in the package phase").exists();
        image = new ImageTarball(TARBALL);
    }

    @Test
    void theConfigNamesEntrypointUserPortEnvironmentAndVersion() {
        JsonNode config = image.containerConfig();
        assertThat(config.path("Entrypoint").toString()).isEqualTo("[\"/app/bin/baton-server\"]");
        assertThat(config.path("User").asText())
                .isEqualTo(System.getProperty("baton.image.user"))
                .doesNotStartWith("0");
        assertThat(config.path("ExposedPorts").has("8080/tcp"))
                .as(config.toString())
                .isTrue();
        assertThat(config.path("WorkingDir").asText()).isEqualTo("/var/lib/baton");
        assertThat(config.path("Volumes").has("/var/lib/baton"))
                .as("the state folder is a volume")
                .isTrue();
        Map<String, String> env = env(config);
        assertThat(env)
                .containsEntry("BATON_HOST", "0.0.0.0")
                .containsEntry("BATON_PORT", "8080")
                .containsEntry("BATON_DATA_DIR", "/var/lib/baton");
        assertThat(env.get("BATON_JAVA_OPTS")).contains("-XX:MaxRAMPercentage=");
        JsonNode labels = config.path("Labels");
        assertThat(labels.path("org.opencontainers.image.version").asText())
                .isEqualTo(System.getProperty("baton.version"));
        assertThat(labels.path("org.opencontainers.image.base.name").asText())
                .isEqualTo(System.getProperty("baton.image.base"));
        assertThat(labels.path("dev.baton.health.readiness").asText()).isEqualTo("/health/readiness");
        assertThat(image.configFile().path("rootfs").path("diff_ids").size())
                .isEqualTo(image.layers().size());
    }

    @Test
    void theLayersSplitLibrariesFromBatonAndHoldNoBroker() throws Exception {
        List<String> layers = image.layers();
        List<List<String>> contents = new ArrayList<>();
        for (String layer : layers) {
            contents.add(image.contents(layer).stream()
                    .map(p -> p.replaceFirst("^\\.?/", ""))
                    .toList());
        }
        int streams = indexOf(contents, "app/libs/kafka-streams-");
        int orchestrator = indexOf(contents, "app/libs/baton-orchestrator-");
        int classes = indexOf(contents, "app/classes/dev/baton/server/BatonServer.class");
        int script = indexOf(contents, "app/bin/baton-server");
        assertThat(List.of(streams, orchestrator, classes, script))
                .as("layers: " + contents)
                .doesNotContain(-1);
        assertThat(Set.of(streams, orchestrator, classes))
                .as("libraries, Baton's modules and the server's classes change "
                        + "at different rates: each in a layer of its own")
                .hasSize(3);
        assertThat(indexOf(contents, "app/config/application.yml")).isNotNegative();
        List<String> imageLibs = contents.stream()
                .flatMap(List::stream)
                .filter(p -> p.matches("app/libs/[^/]+\\.jar"))
                .map(p -> p.substring("app/libs/".length()))
                .sorted()
                .toList();
        List<String> distributionLibs;
        try (var files = Files.list(DistributionIT.HOME.resolve("lib"))) {
            distributionLibs = files.map(f -> f.getFileName().toString())
                    .filter(n -> !n.startsWith("baton-server-"))
                    .sorted()
                    .toList();
        }
        assertThat(imageLibs)
                .as("the image runs the distribution's libraries (its own classes are in app/classes)")
                .isEqualTo(distributionLibs)
                .anyMatch(n -> n.startsWith("logback-classic-"));
        for (String broker : DistributionIT.BROKER_ARTIFACTS) {
            assertThat(contents.stream().flatMap(List::stream))
                    .noneMatch(p -> p.startsWith("app/libs/" + broker + "-"));
        }
        if ("scratch".equals(System.getProperty("baton.image.base"))) {
            assertThat(contents)
                    .as("an empty base: only Baton's layers")
                    .allMatch(c -> c.stream().allMatch(p -> p.matches("(app|var)(/.*)?")));
        } else {
            assertThat(contents).as("the base's JRE").anyMatch(c -> c.stream().anyMatch(p -> p.endsWith("bin/java")));
        }
    }

    @Test
    void theEntrypointServesBatonOnARealBrokerAndExportsEveryMetricTheDashboardQueries(KafkaTestCluster kafka)
            throws Exception {
        Path root = Files.createTempDirectory("image-root");
        image.unpack(root);
        Path data = root.resolve("var/lib/baton");
        assertThat(Files.getPosixFilePermissions(data))
                .as("a non-root user writes its state there")
                .contains(PosixFilePermission.OTHERS_WRITE);
        assertThat(Files.getPosixFilePermissions(root.resolve("app/bin/baton-server")))
                .contains(PosixFilePermission.OTHERS_EXECUTE);

        int port = PortRange.free(18350, 18399);
        Map<String, String> env = new HashMap<>(env(image.containerConfig()));
        env.put("JAVA_HOME", System.getProperty("java.home")); // the base image's JRE, here this JVM's
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("BATON_HOST", "127.0.0.1"); // a container's 0.0.0.0, kept to this host here
        env.put("BATON_PORT", Integer.toString(port));
        env.put("BATON_DATA_DIR", data.toString());
        env.put("BATON_REPLICATION_FACTOR", "1"); // config/application.yml asks for 3 brokers
        env.put("BATON_JAVA_OPTS", env.get("BATON_JAVA_OPTS") + " -Xmx512m");
        List<String> entrypoint = new ArrayList<>();
        image.containerConfig().path("Entrypoint").forEach(e -> entrypoint.add(root + e.asText()));
        try (NodeProcess node =
                NodeProcess.start("image-entrypoint", entrypoint, env, data, root.resolve("node.log"))) {
            String base = "http://127.0.0.1:" + port;
            node.awaitHttpOk(base + "/health/readiness", Duration.ofSeconds(120));
            assertThat(NodeProcess.status(base + "/health/liveness")).isEqualTo(200);
            assertThat(data.resolve("streams"))
                    .as("Kafka Streams state under BATON_DATA_DIR")
                    .isDirectory();

            MetricsProbe probe = new MetricsProbe(base, kafka.bootstrapServers());
            probe.exerciseEveryMeter();
            Set<String> exported = probe.exported();
            Set<String> queried = new TreeSet<>();
            List<String> expressions = new ArrayList<>(DashboardQueries.expressions(DashboardQueries.BATON_DASHBOARD));
            expressions.addAll(DashboardQueries.alertExpressions(DashboardQueries.ALERT_RULES));
            for (String expr : expressions) {
                queried.addAll(DashboardQueries.metricNames(expr));
            }
            queried.remove("up"); // written by Prometheus itself for every scrape target
            assertThat(queried).as("the dashboard's and the alerts' metrics").hasSizeGreaterThan(10);
            assertThat(exported).as("/prometheus of a running node").containsAll(queried);
            System.out.printf(
                    "ImageIT: the dashboard and alerts query %d metrics (%d expressions), all among the %d "
                            + "a node exports%n",
                    queried.size(), expressions.size(), exported.size());

            String healthcheck = ComposeFileTest.batonHealthcheck();
            assertThat(bash(healthcheck.replace("/8080", "/" + port)))
                    .as("compose's healthcheck on a ready node")
                    .isZero();
            int closed = PortRange.free(18350, 18399);
            assertThat(bash(healthcheck.replace("/8080", "/" + closed)))
                    .as("... and where nothing listens")
                    .isNotZero();

            Duration stop = node.stop(Duration.ofSeconds(15));
            assertThat(stop).as("SIGTERM stops the container within 10 s").isLessThan(Duration.ofSeconds(10));
        }
    }

    private static int bash(String command) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return p.waitFor();
    }

    private static int indexOf(List<List<String>> contents, String prefix) {
        for (int i = 0; i < contents.size(); i++) {
            if (contents.get(i).stream().anyMatch(p -> p.startsWith(prefix))) {
                return i;
            }
        }
        return -1;
    }

    private static Map<String, String> env(JsonNode config) {
        Map<String, String> env = new HashMap<>();
        config.path("Env").forEach(e -> {
            String[] kv = e.asText().split("=", 2);
            env.put(kv[0], kv[1]);
        });
        return env;
    }
}

package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/compose: what can be checked without a Docker engine. (The dashboard's and the alerts'
 * metrics against a running node, and the Baton healthcheck's command, are checked by ImageIT.)
 */
class ComposeFileTest {
    static final Path DIR = Path.of("../deploy/compose");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static JsonNode services;

    @BeforeAll
    static void read() throws IOException {
        services = YAML.readTree(DIR.resolve("compose.yaml").toFile()).path("services");
    }

    /** The command of baton-1's healthcheck ({@code ["CMD", "bash", "-c", command]}). */
    static String batonHealthcheck() throws IOException {
        JsonNode test = YAML.readTree(DIR.resolve("compose.yaml").toFile())
                .path("services")
                .path("baton-1")
                .path("healthcheck")
                .path("test");
        assertThat(test.get(0).asText() + " " + test.get(1).asText() + " "
                        + test.get(2).asText())
                .isEqualTo("CMD bash -c");
        return test.get(3).asText();
    }

    @Test
    void threeBrokersThreeNodesPrometheusAndGrafana() {
        Set<String> names = new TreeSet<>();
        services.fieldNames().forEachRemaining(names::add);
        assertThat(names)
                .containsExactly(
                        "baton-1", "baton-2", "baton-3", "grafana", "kafka-1", "kafka-2", "kafka-3", "prometheus");
    }

    @Test
    void everyImageTagIsPinnedAndEveryServiceHasAHealthcheck() {
        services.fields().forEachRemaining(e -> {
            String image = e.getValue().path("image").asText();
            assertThat(image)
                    .as(e.getKey())
                    .matches("[a-z0-9./-]+:[A-Za-z0-9._-]*[0-9][A-Za-z0-9._-]*")
                    .doesNotEndWith(":latest");
            if (e.getKey().startsWith("kafka-")) {
                assertThat(image)
                        .as("the official image, at the version of Baton's Kafka clients")
                        .isEqualTo("apache/kafka:" + System.getProperty("kafka.version"));
            }
            if (e.getKey().startsWith("baton-")) {
                assertThat(image).isEqualTo("baton-server:" + System.getProperty("baton.version"));
            }
            assertThat(e.getValue().path("healthcheck").path("test").size())
                    .as(e.getKey() + " healthcheck")
                    .isPositive();
        });
    }

    @Test
    void theBrokersFormOneKraftQuorumReplicatingThreeWays() {
        Set<String> ids = new HashSet<>();
        Set<String> clusterIds = new HashSet<>();
        List<String> voters = new ArrayList<>();
        for (String broker : List.of("kafka-1", "kafka-2", "kafka-3")) {
            JsonNode env = services.path(broker).path("environment");
            assertThat(env.path("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
            ids.add(env.path("KAFKA_NODE_ID").asText());
            clusterIds.add(env.path("CLUSTER_ID").asText());
            voters.add(env.path("KAFKA_NODE_ID").asText() + "@" + broker + ":9093");
            assertThat(env.path("KAFKA_ADVERTISED_LISTENERS").asText()).isEqualTo("PLAINTEXT://" + broker + ":9092");
            assertThat(env.path("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR")
                            .asInt())
                    .isEqualTo(3);
            assertThat(env.path("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR").asInt()).isEqualTo(2);
            assertThat(env.path("KAFKA_MIN_INSYNC_REPLICAS").asInt()).isEqualTo(2);
            assertThat(volumeTargets(broker))
                    .contains(env.path("KAFKA_LOG_DIRS").asText());
        }
        assertThat(ids).hasSize(3);
        assertThat(clusterIds).hasSize(1).allMatch(id -> id.matches("[A-Za-z0-9_-]{22}"));
        for (String broker : List.of("kafka-1", "kafka-2", "kafka-3")) {
            assertThat(services.path(broker)
                            .path("environment")
                            .path("KAFKA_CONTROLLER_QUORUM_VOTERS")
                            .asText())
                    .isEqualTo(String.join(",", voters));
        }
    }

    @Test
    void eachBatonNodeWaitsForHealthyBrokersAndIsReachableByItsName() {
        for (String node : List.of("baton-1", "baton-2", "baton-3")) {
            JsonNode service = services.path(node);
            JsonNode env = service.path("environment");
            for (String broker : List.of("kafka-1", "kafka-2", "kafka-3")) {
                assertThat(service.path("depends_on")
                                .path(broker)
                                .path("condition")
                                .asText())
                        .isEqualTo("service_healthy");
                assertThat(env.path("KAFKA_BOOTSTRAP_SERVERS").asText().split(","))
                        .contains(broker + ":9092");
            }
            assertThat(env.path("BATON_ADVERTISED_HOST").asText())
                    .isEqualTo(node)
                    .isEqualTo(service.path("hostname").asText());
            assertThat(env.path("BATON_REPLICATION_FACTOR").asInt()).isEqualTo(3);
            assertThat(volumeTargets(node)).as("its RocksDB state on a volume").contains("/var/lib/baton");
            assertThat(service.path("ports").get(0).asText()).matches("127\\.0\\.0\\.1:808[1-3]:8080");
        }
    }

    @Test
    void prometheusScrapesEveryNodeAndGrafanaIsProvisionedWithTheDashboard() throws IOException {
        JsonNode prometheus =
                YAML.readTree(DIR.resolve("prometheus/prometheus.yml").toFile());
        JsonNode job = prometheus.path("scrape_configs").get(0);
        assertThat(job.path("metrics_path").asText()).isEqualTo("/prometheus");
        List<String> targets = new ArrayList<>();
        job.path("static_configs").get(0).path("targets").forEach(t -> targets.add(t.asText()));
        assertThat(targets).containsExactlyInAnyOrder("baton-1:8080", "baton-2:8080", "baton-3:8080");
        assertThat(prometheus.path("rule_files").get(0).asText()).isEqualTo("/etc/prometheus/alerts.yml");
        assertThat(volumeSources("prometheus")).contains("./prometheus");
        assertThat(DIR.resolve("prometheus/alerts.yml")).exists();

        JsonNode datasource = YAML.readTree(DIR.resolve("grafana/provisioning/datasources/prometheus.yml")
                        .toFile())
                .path("datasources")
                .get(0);
        assertThat(datasource.path("url").asText()).isEqualTo("http://prometheus:9090");
        JsonNode provider = YAML.readTree(
                        DIR.resolve("grafana/provisioning/dashboards/baton.yml").toFile())
                .path("providers")
                .get(0);
        assertThat(services.path("grafana").path("volumes").toString())
                .contains("./grafana/provisioning:/etc/grafana/provisioning")
                .contains("./grafana/dashboards:"
                        + provider.path("options").path("path").asText());
        JsonNode dashboard = new ObjectMapper().readTree(DashboardQueries.BATON_DASHBOARD.toFile());
        assertThat(dashboard.path("uid").asText()).isEqualTo("baton");
        assertThat(dashboard.path("panels").size()).isGreaterThanOrEqualTo(10);
        dashboard
                .path("panels")
                .forEach(p -> assertThat(p.path("datasource").path("uid").asText())
                        .as(p.path("title").asText())
                        .isEqualTo(datasource.path("uid").asText()));
        for (String service : List.of("prometheus", "grafana")) {
            for (String source : volumeSources(service)) {
                if (source.startsWith("./")) {
                    assertThat(DIR.resolve(source))
                            .as(service + " mounts " + source)
                            .exists();
                }
            }
        }
    }

    private static List<String> volumeTargets(String service) {
        List<String> out = new ArrayList<>();
        services.path(service).path("volumes").forEach(v -> out.add(v.asText().split(":")[1]));
        return out;
    }

    private static List<String> volumeSources(String service) {
        List<String> out = new ArrayList<>();
        services.path(service).path("volumes").forEach(v -> out.add(v.asText().split(":")[0]));
        return out;
    }
}

package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.baton.orchestrator.config.BatonConfig;
import dev.baton.orchestrator.kafka.TopicManager;
import dev.baton.registry.builtin.BuiltInRegistryConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** deploy/kubernetes, read as kustomize reads it, each object checked against the Kubernetes model. */
class KubernetesManifestsTest {
    static final Path DIR = Path.of("../deploy/kubernetes");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<Class<?>, String> CORE_KINDS = Map.of(
            ConfigMap.class,
            "v1",
            Secret.class,
            "v1",
            Service.class,
            "v1",
            StatefulSet.class,
            "apps/v1",
            PodDisruptionBudget.class,
            "policy/v1");

    private static JsonNode kustomization;
    private static final List<JsonNode> objects = new ArrayList<>();

    @BeforeAll
    static void read() throws IOException {
        kustomization = YAML.readTree(DIR.resolve("kustomization.yaml").toFile());
        for (JsonNode resource : kustomization.path("resources")) {
            try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class)
                    .readValues(DIR.resolve(resource.asText()).toFile())) {
                while (docs.hasNext()) {
                    JsonNode doc = docs.next();
                    if (doc != null && doc.isObject() && doc.size() > 0) {
                        objects.add(doc);
                    }
                }
            }
        }
    }

    @Test
    void everyObjectIsAValidKubernetesObjectWithNoUnknownField() throws IOException {
        assertThat(objects).hasSizeGreaterThanOrEqualTo(8);
        for (JsonNode o : objects) {
            String kind = o.path("kind").asText();
            assertThat(o.path("metadata").path("name").asText()).as(kind).matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
            Optional<Class<?>> type = CORE_KINDS.keySet().stream()
                    .filter(c -> c.getSimpleName().equals(kind))
                    .findFirst();
            if (type.isPresent()) {
                assertThat(o.path("apiVersion").asText()).as(kind).isEqualTo(CORE_KINDS.get(type.get()));
                Object model = YAML.treeToValue(o, type.get());
                assertThat(ModelFields.unknown(model))
                        .as(kind + " " + o.path("metadata").path("name").asText())
                        .isEmpty();
            } else {
                assertThat(kind + " " + o.path("apiVersion").asText())
                        .isIn("ServiceMonitor monitoring.coreos.com/v1", "KafkaTopic kafka.strimzi.io/v1beta2");
            }
        }
    }

    @Test
    void theStatefulSetKeepsStateOnAVolumeAdvertisesItsPodNameAndProbesBatonsHealth() throws IOException {
        StatefulSet set = one(StatefulSet.class);
        Service headless = service(true);
        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(set.getSpec().getServiceName())
                .isEqualTo(headless.getMetadata().getName());
        assertThat(set.getSpec().getReplicas()).isGreaterThanOrEqualTo(3);
        Map<String, String> podLabels =
                set.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(podLabels).containsAllEntriesOf(set.getSpec().getSelector().getMatchLabels());

        Container c = set.getSpec().getTemplate().getSpec().getContainers().get(0);
        JsonNode image = kustomization.path("images").get(0);
        assertThat(c.getImage()).isEqualTo(image.path("name").asText());
        assertThat(image.path("newTag").asText()).isEqualTo(System.getProperty("baton.version"));
        assertThat(c.getPorts()).anyMatch(p -> "http".equals(p.getName()) && p.getContainerPort() == 8080);
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/readiness");
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/liveness");
        assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/health/liveness");
        assertThat(List.of(c.getReadinessProbe(), c.getLivenessProbe(), c.getStartupProbe()))
                .allMatch(p -> "http".equals(p.getHttpGet().getPort().getStrVal()));

        Map<String, String> env = new HashMap<>();
        for (EnvVar v : c.getEnv()) {
            env.put(v.getName(), v.getValue());
        }
        String data = env.get("BATON_DATA_DIR");
        assertThat(data).isEqualTo("/var/lib/baton");
        String claim =
                set.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName();
        assertThat(c.getVolumeMounts())
                .anyMatch(m -> m.getName().equals(claim) && m.getMountPath().equals(data));
        assertThat(env.get("BATON_ADVERTISED_HOST"))
                .startsWith("$(POD_NAME)." + headless.getMetadata().getName() + ".");
        assertThat(c.getEnv())
                .anyMatch(v -> v.getName().equals("POD_NAME")
                        && v.getValueFrom().getFieldRef().getFieldPath().equals("metadata.name"));

        var security = set.getSpec().getTemplate().getSpec().getSecurityContext();
        assertThat(security.getRunAsNonRoot()).isTrue();
        assertThat(security.getRunAsUser() + ":" + security.getRunAsGroup())
                .isEqualTo(System.getProperty("baton.image.user"));
        assertThat(set.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
                .as("a node stops within 10 s of SIGTERM")
                .isGreaterThan(10L);

        assertThat(c.getEnvFrom()).hasSize(2);
        assertThat(c.getEnvFrom().get(0).getConfigMapRef().getName())
                .isEqualTo(one(ConfigMap.class).getMetadata().getName());
        Secret secret = one(Secret.class);
        assertThat(c.getEnvFrom().get(1).getSecretRef().getName())
                .isEqualTo(secret.getMetadata().getName());
        assertThat(secret.getStringData()).containsKeys("BATON_AUTH_TOKEN_SECRET", "BATON_AUTH_API_KEYS");
        assertThat(secret.getStringData().get("BATON_AUTH_TOKEN_SECRET"))
                .as("a placeholder Baton refuses")
                .hasSizeLessThan(32);
        assertThat(one(ConfigMap.class).getData()).containsEntry("BATON_AUTH_ENABLED", "true");
    }

    @Test
    void theDisruptionBudgetServicesAndServiceMonitorSelectThePods() throws IOException {
        Map<String, String> podLabels =
                one(StatefulSet.class).getSpec().getTemplate().getMetadata().getLabels();
        PodDisruptionBudget pdb = one(PodDisruptionBudget.class);
        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(podLabels).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
        for (Service s : all(Service.class)) {
            assertThat(podLabels)
                    .as(s.getMetadata().getName())
                    .containsAllEntriesOf(s.getSpec().getSelector());
        }
        Service api = service(false);
        JsonNode monitor = objects.stream()
                .filter(o -> o.path("kind").asText().equals("ServiceMonitor"))
                .findFirst()
                .orElseThrow();
        monitor.path("spec")
                .path("selector")
                .path("matchLabels")
                .fields()
                .forEachRemaining(e -> assertThat(api.getMetadata().getLabels())
                        .containsEntry(e.getKey(), e.getValue().asText()));
        JsonNode endpoint = monitor.path("spec").path("endpoints").get(0);
        assertThat(endpoint.path("path").asText()).isEqualTo("/prometheus");
        assertThat(api.getSpec().getPorts())
                .anyMatch(p -> p.getName().equals(endpoint.path("port").asText()));
    }

    @Test
    void theKafkaTopicsAreTheTopicsTopicManagerCreatesWithTheSameSettings() throws IOException {
        Map<String, String> settings = one(ConfigMap.class).getData();
        BatonConfig config = new BatonConfig();
        config.setPartitions(Integer.parseInt(settings.get("BATON_PARTITIONS")));
        config.setReplicationFactor(Short.parseShort(settings.get("BATON_REPLICATION_FACTOR")));
        List<NewTopic> expected = new ArrayList<>(TopicManager.batonTopics(config));
        expected.add(new NewTopic(BuiltInRegistryConfig.DEFAULT_TOPIC, 1, config.getReplicationFactor())
                .configs(Map.of("cleanup.policy", "compact")));

        Map<String, JsonNode> declared = new HashMap<>();
        for (JsonNode o : objects) {
            if (o.path("kind").asText().equals("KafkaTopic")) {
                String cluster = o.path("metadata")
                        .path("labels")
                        .path("strimzi.io/cluster")
                        .asText();
                assertThat(settings.get("KAFKA_BOOTSTRAP_SERVERS"))
                        .as("the topics' cluster is Baton's")
                        .startsWith(cluster + "-kafka-bootstrap:");
                declared.put(o.path("spec").path("topicName").asText(), o.path("spec"));
            }
        }
        assertThat(declared.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        expected.stream().map(NewTopic::name).toList());
        for (NewTopic want : expected) {
            JsonNode spec = declared.get(want.name());
            assertThat(spec.path("partitions").asInt()).as(want.name()).isEqualTo(want.numPartitions());
            assertThat(spec.path("replicas").asInt()).as(want.name()).isEqualTo(want.replicationFactor());
            Map<String, String> wanted = want.configs() == null ? Map.of() : want.configs();
            wanted.forEach((k, v) -> assertThat(spec.path("config").path(k).asText())
                    .as(want.name() + " " + k)
                    .isEqualTo(v));
            if (!wanted.containsKey("cleanup.policy")) {
                assertThat(spec.path("config").path("cleanup.policy").asText("delete"))
                        .as(want.name())
                        .isEqualTo("delete");
            }
            assertThat(spec.path("config").path("min.insync.replicas").asInt())
                    .as("a write survives one broker lost, and one broker may be down")
                    .isEqualTo(want.replicationFactor() - 1);
        }
    }

    private static Service service(boolean headless) throws IOException {
        return all(Service.class).stream()
                .filter(s -> "None".equals(s.getSpec().getClusterIP()) == headless)
                .findFirst()
                .orElseThrow();
    }

    private static <T> T one(Class<T> type) throws IOException {
        List<T> found = all(type);
        assertThat(found).as(type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    private static <T> List<T> all(Class<T> type) throws IOException {
        List<T> out = new ArrayList<>();
        for (JsonNode o : objects) {
            if (o.path("kind").asText().equals(type.getSimpleName())) {
                out.add(YAML.treeToValue(o, type));
            }
        }
        return out;
    }
}

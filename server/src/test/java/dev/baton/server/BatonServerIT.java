package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import dev.baton.testkit.NodeProcess;
import dev.baton.testkit.PortRange;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The distribution's start script as a real process: help, refusals, the config dump, and a node on a real broker. */
@KafkaCluster
class BatonServerIT {
    private static final Path SCRIPT =
            DistributionIT.HOME.resolve("bin/baton-server").toAbsolutePath();
    private static final String TOKEN_SECRET = "SEKRIT-token-0123456789abcdefghijklmnop";
    private static final String KEY_SECRET = "SEKRIT-key-9876543210";
    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required "
            + "username=\"baton\" password=\"SEKRIT-jaas\";";

    @Test
    void helpNamesTheSettings() throws Exception {
        Run run = run(Map.of(), "--help");
        assertThat(run.exit).isZero();
        assertThat(run.output)
                .contains("usage: baton-server", "KAFKA_BOOTSTRAP_SERVERS", "--print-config", "/health/readiness");
    }

    @Test
    void versionIsTheBuildsVersion() throws Exception {
        Run run = run(Map.of(), "--version");
        assertThat(run.exit).isZero();
        assertThat(run.output.trim()).isEqualTo("baton-server " + System.getProperty("baton.version"));
    }

    @Test
    void refusesToStartWithoutACluster() throws Exception {
        Run run = run(Map.of());
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.output).contains("no Kafka cluster configured", "KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void refusesAnUnknownArgument() throws Exception {
        Run run = run(Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1"), "--verbose");
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.output).contains("unknown argument --verbose");
    }

    @Test
    void printsTheSettingsInEffectWithSecretsHidden() throws Exception {
        Path file = Files.createTempDirectory("deploy-config").resolve("application.yml");
        Files.writeString(file, "baton:\n  partitions: 5\n  stream-threads: 2\n  application-id: from-file\n");
        Map<String, String> env = new HashMap<>(secretEnv());
        env.put("KAFKA_BOOTSTRAP_SERVERS", "broker-a:9092");
        env.put("MICRONAUT_CONFIG_FILES", file.toString());
        env.put("BATON_APPLICATION_ID", "from-env");
        Run run = run(env, "-Dbaton.partitions=3", "--print-config");
        assertThat(run.exit).as(run.output).isZero();
        assertThat(run.output)
                .contains(
                        "kafka.bootstrap.servers = broker-a:9092",
                        "kafka.sasl.jaas.config = [hidden]",
                        "baton.auth.token-secret = [hidden]",
                        "baton.auth.api-keys = [hidden]",
                        "baton.partitions = 3", // -D over the file
                        "baton.stream-threads = 2", // the file over the defaults
                        "baton.application-id = from-env", // the environment over the file
                        "baton.replication-factor = 1", // MICRONAUT_CONFIG_FILES replaces config/application.yml
                        "micronaut.server.host = 127.0.0.1");
        assertThat(run.output).doesNotContain("SEKRIT");

        Run invalid = run(
                Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS",
                        "broker-a:9092",
                        "BATON_PARTITIONS",
                        "12",
                        "BATON_AUTH_ENABLED",
                        "true",
                        "BATON_AUTH_TOKEN_SECRET",
                        "SEKRIT-short"),
                "--print-config");
        assertThat(invalid.exit).isZero();
        assertThat(invalid.output)
                .contains(
                        "baton.replication-factor = 3", // the distribution's config/application.yml
                        "baton.partitions = 12", // the environment over that file
                        "# this node would not start: ",
                        "token-secret",
                        "baton.auth.token-secret = [hidden]",
                        "baton.auth.enabled = true")
                .doesNotContain("SEKRIT");
    }

    @Test
    void servesTheApiOnARealBrokerAndStopsOnSigterm(KafkaTestCluster kafka) throws Exception {
        int port = PortRange.free(18300, 18349);
        Path data = Files.createTempDirectory("deploy-server");
        Map<String, String> env = new HashMap<>(secretEnv());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("KAFKA_SASL_JAAS_CONFIG", JAAS); // passed to the clients, unused on a PLAINTEXT listener
        env.put("BATON_PORT", Integer.toString(port));
        env.put("BATON_DATA_DIR", data.toString());
        env.put("BATON_AUTH_ENABLED", "true");
        try (NodeProcess node = NodeProcess.start(
                "baton-server",
                List.of(SCRIPT.toString(), "-Dbaton.replication-factor=1", "-Dbaton.application-id=server-it"),
                env,
                data,
                data.resolve("server.log"))) {
            String base = "http://127.0.0.1:" + port;
            node.awaitHttpOk(base + "/health/readiness", Duration.ofSeconds(120));
            HttpClient http = HttpClient.newHttpClient();
            assertThat(get(http, base + "/api/metadata/workflow", null).statusCode())
                    .isEqualTo(401);
            HttpResponse<String> token = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/token"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"keyId\":\"ci\",\"keySecret\":\"" + KEY_SECRET + "\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
            String jwt = token.body().replaceAll(".*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            assertThat(get(http, base + "/api/metadata/workflow", jwt).statusCode())
                    .isEqualTo(200);
            assertThat(NodeProcess.status(base + "/prometheus")).isEqualTo(200);

            Duration stop = node.stop(Duration.ofSeconds(15));
            assertThat(stop).as("SIGTERM stops the node within 10 s").isLessThan(Duration.ofSeconds(10));
            assertThat(node.output())
                    .contains("Using Kafka at " + kafka.bootstrapServers())
                    .doesNotContain("SEKRIT");
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (token != null) {
            b.header("X-Authorization", token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> secretEnv() {
        return Map.of(
                "KAFKA_SASL_JAAS_CONFIG",
                JAAS,
                "BATON_AUTH_TOKEN_SECRET",
                TOKEN_SECRET,
                "BATON_AUTH_API_KEYS",
                "ci:" + KEY_SECRET);
    }

    private record Run(int exit, String output) {}

    private static Run run(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        return new Run(p.waitFor(), out);
    }
}

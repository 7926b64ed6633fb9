package dev.baton.orchestrator.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.dsl.DefinitionParser;
import dev.baton.orchestrator.runtime.StreamsRuntime;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Conductor 3.32.1's env-backed secrets through the REST API (its EnvBackedSecretsSpec and TaskDeclaredSecretsSpec):
 * with {@code CONDUCTOR_SECRET_*} and {@code CONDUCTOR_ENV_*} set (here as system properties of the node's JVM), a
 * worker task's stored input keeps {@code ${workflow.secrets.NAME}} while its environment value is resolved when it
 * is scheduled; the worker's poll gets the secret, and the names its task definition declares in
 * {@code runtimeMetadata}.
 */
@KafkaCluster
class SecretsOnPollIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String TYPE = "sec_echo_" + RUN;
    private static final String WF = "sec_wf_" + RUN;
    private static final String SECRET = "SEC_PWD_" + RUN;
    private static final String API_KEY = "SEC_KEY_" + RUN;
    private static final String REGION = "SEC_REGION_" + RUN;
    private static final List<String> PROPERTIES =
            List.of("CONDUCTOR_SECRET_" + SECRET, "CONDUCTOR_SECRET_" + API_KEY, "CONDUCTOR_ENV_" + REGION);

    private static GatewayTestApp app;

    @BeforeAll
    static void start(KafkaTestCluster kafka) {
        System.setProperty("CONDUCTOR_SECRET_" + SECRET, "s3cr3t");
        System.setProperty("CONDUCTOR_SECRET_" + API_KEY, "key-123");
        System.setProperty("CONDUCTOR_ENV_" + REGION, "us-east-1");
        app = GatewayTestApp.start(
                kafka.bootstrapServers(), "baton-secrets-it-" + RUN, GatewayTestApp.tempDir(), Map.of());
        app.client().registerTaskDefs(List.of(DefinitionParser.task("""
                {"name": "%s", "retryCount": 0, "responseTimeoutSeconds": 60,
                 "runtimeMetadata": ["%s", "%s", "SEC_MISSING_%s"]}""".formatted(TYPE, API_KEY, REGION, RUN))));
        app.client().registerWorkflow(DefinitionParser.workflow("""
                {"name": "%s", "version": 1, "schemaVersion": 2, "tasks": [
                  {"name": "%s", "taskReferenceName": "echo", "type": "SIMPLE",
                   "inputParameters": {"pwd": "${workflow.secrets.%s}", "region": "${workflow.env.%s}"}}]}""".formatted(WF, TYPE, SECRET, REGION)));
        StreamsRuntime runtime = app.context.getBean(StreamsRuntime.class);
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> runtime.definitionsView().workflow(WF, null).isPresent()
                        && runtime.definitionsView().task(TYPE).isPresent());
    }

    @AfterAll
    static void stop() {
        PROPERTIES.forEach(System::clearProperty);
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theStoredInputKeepsTheSecretAndThePollGetsItWithTheDeclaredNames() {
        GatewayTestApp.Response started = app.post("/api/workflow/" + WF, "{}");
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        String wf = started.body().replace("\"", "");

        JsonNode scheduled = app.get("/api/workflow/" + wf).json().get("tasks").get(0);
        assertThat(scheduled.get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(scheduled.at("/inputData/pwd").asText()).isEqualTo("${workflow.secrets." + SECRET + "}");
        assertThat(scheduled.at("/inputData/region").asText()).isEqualTo("us-east-1");
        assertThat(scheduled.has("runtimeMetadata")).isFalse();

        JsonNode polled = app.pollOne(TYPE, "w1");
        assertThat(polled.at("/inputData/pwd").asText()).isEqualTo("s3cr3t");
        assertThat(polled.at("/inputData/region").asText()).isEqualTo("us-east-1");
        assertThat(polled.get("runtimeMetadata").toString())
                .isEqualTo("{\"%s\":\"key-123\",\"%s\":\"us-east-1\"}".formatted(API_KEY, REGION));

        JsonNode after = app.get("/api/workflow/" + wf).json().get("tasks").get(0);
        assertThat(after.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(after.at("/inputData/pwd").asText()).isEqualTo("${workflow.secrets." + SECRET + "}");
    }
}

package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Conductor 3.32.1's {@code ${workflow.secrets.NAME}} and {@code ${workflow.env.NAME}} (its EnvBackedSecretsSpec,
 * InlineSecretSpec, SyncSystemTaskSecretSpec): an environment value is resolved when the task is scheduled; a secret
 * stays written as its reference in every stored input and is put in only for the system task that runs with it.
 */
class SecretsAndEnvTest {
    private static final Map<String, String> SECRETS = Map.of("SECRET", "s3cr3t", "CONF", "{\"user\": \"u1\"}");
    private static final Map<String, String> ENV = Map.of("REGION", "us-east-1", "LIMITS", "{\"max\": 3}");

    private final EngineHarness h = new EngineHarness(new EngineSettings(256 * 1024).withEnvironment(new Environment() {
        @Override
        public String secret(String name) {
            return SECRETS.get(name);
        }

        @Override
        public String env(String name) {
            return ENV.get(name);
        }
    }));

    @Test
    void aWorkerTaskKeepsTheSecretReferenceAndGetsTheEnvironmentValueWhenScheduled() {
        h.registerWorkflow("""
                {"name": "sec_worker", "version": 1, "schemaVersion": 2, "tasks": [
                  {"name": "task_a", "taskReferenceName": "a", "type": "SIMPLE",
                   "inputParameters": {"pwd": "${workflow.secrets.SECRET}", "region": "${workflow.env.REGION}",
                                       "max": "${workflow.env.LIMITS.max}", "both": "${workflow.env.REGION}/${workflow.secrets.SECRET}",
                                       "none": "${workflow.env.MISSING}"}}]}""");
        String wf = h.start("sec_worker", "{}");

        assertThat(h.current(wf, "a").inputData).isEqualTo(EngineHarness.object("""
                {"pwd": "${workflow.secrets.SECRET}", "region": "us-east-1", "max": 3,
                 "both": "us-east-1/${workflow.secrets.SECRET}", "none": null}"""));
    }

    @Test
    void systemTasksRunWithTheSecretWhileTheirStoredInputKeepsTheReference() {
        h.registerWorkflow("""
                {"name": "sec_system", "version": 1, "schemaVersion": 2, "tasks": [
                  {"name": "set", "taskReferenceName": "set", "type": "SET_VARIABLE",
                   "inputParameters": {"secretVar": "${workflow.secrets.SECRET}"}},
                  {"name": "inline", "taskReferenceName": "inline", "type": "INLINE",
                   "inputParameters": {"evaluatorType": "javascript", "expression": "$.value1 + '/' + $.user",
                                       "value1": "${workflow.secrets.SECRET}", "user": "${workflow.secrets.CONF.user}"}},
                  {"name": "jq", "taskReferenceName": "jq", "type": "JSON_JQ_TRANSFORM",
                   "inputParameters": {"queryExpression": "{out: .secret, gone: .missing}",
                                       "secret": "${workflow.secrets.SECRET}", "missing": "${workflow.secrets.NOPE}"}}],
                 "outputParameters": {"vars": "${workflow.variables}", "inline": "${inline.output.result}",
                                      "jq": "${jq.output.result}"}}""");
        String wf = h.start("sec_system", "{}");

        h.assertThat(wf).hasStatus(WorkflowStatus.COMPLETED).hasOutput("""
                {"vars": {"secretVar": "s3cr3t"}, "inline": "s3cr3t/u1", "jq": {"out": "s3cr3t", "gone": null}}""");
        assertThat(h.current(wf, "set").inputData.get("secretVar").asText()).isEqualTo("${workflow.secrets.SECRET}");
        assertThat(h.current(wf, "inline").inputData.get("value1").asText()).isEqualTo("${workflow.secrets.SECRET}");
        assertThat(h.current(wf, "jq").inputData.get("secret").asText()).isEqualTo("${workflow.secrets.SECRET}");
        assertThat(h.current(wf, "jq").status).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void withoutAnEnvironmentTheReferencesStayAndEnvironmentValuesAreNull() {
        EngineHarness none = new EngineHarness(new EngineSettings(256 * 1024));
        none.registerWorkflow("""
                {"name": "sec_none", "version": 1, "schemaVersion": 2, "tasks": [
                  {"name": "inline", "taskReferenceName": "inline", "type": "INLINE",
                   "inputParameters": {"expression": "$.v", "v": "${workflow.secrets.SECRET}", "r": "${workflow.env.REGION}"}}],
                 "outputParameters": {"result": "${inline.output.result}"}}""");
        String wf = none.start("sec_none", "{}");

        none.assertThat(wf).hasStatus(WorkflowStatus.COMPLETED).hasOutput("{\"result\": null}");
        assertThat(none.current(wf, "inline").inputData)
                .isEqualTo(EngineHarness.object(
                        "{\"expression\": \"$.v\", \"v\": \"${workflow.secrets.SECRET}\", \"r\": null}"));
    }
}

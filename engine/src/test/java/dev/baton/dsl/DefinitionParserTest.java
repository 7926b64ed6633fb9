package dev.baton.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.baton.engine.Conformance;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading Conductor documents in JSON and YAML. */
class DefinitionParserTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "simple_workflow_1_integration_test.json",
                "simple_workflow_3_integration_test.json",
                "simple_workflow_1_input_template_integration_test.json",
                "simple_workflow_with_optional_task_integration_test.json",
                "simple_workflow_with_resp_time_out_integration_test.json"
            })
    void conductorDocumentsWithOnlySimpleTasksParse(String file) throws Exception {
        String text = Conformance.workflow(file);

        WorkflowDef def = DefinitionParser.workflow(text);

        JsonNode doc = new ObjectMapper().readTree(text);
        assertThat(def.name()).isEqualTo(doc.get("name").asText());
        assertThat(def.versionOrDefault()).isEqualTo(doc.get("version").asInt());
        assertThat(def.tasks()).hasSize(doc.get("tasks").size());
        for (int i = 0; i < def.tasks().size(); i++) {
            WorkflowTask t = def.tasks().get(i);
            JsonNode d = doc.get("tasks").get(i);
            assertThat(t.name()).isEqualTo(d.get("name").asText());
            assertThat(t.taskReferenceName())
                    .isEqualTo(d.get("taskReferenceName").asText());
            assertThat(t.typeOrDefault()).isEqualTo(TaskKind.SIMPLE.typeName());
            assertThat((JsonNode) t.inputParameters()).isEqualTo(d.get("inputParameters"));
        }
        assertThat(def.definitionKey()).isEqualTo("workflow:" + def.name() + ":" + def.versionOrDefault());
    }

    @Test
    void simpleWorkflowOneKeepsEveryFieldTheEngineUses() {
        WorkflowDef def = DefinitionParser.workflow(Conformance.workflow("simple_workflow_1_integration_test.json"));

        assertThat(def.name()).isEqualTo("integration_test_wf");
        assertThat(def.schemaVersion()).isEqualTo(2);
        assertThat(def.inputParameters()).containsExactly("param1", "param2");
        assertThat(def.outputParameters().get("o2").asText()).isEqualTo("${t2.output.uuid}");
        assertThat(def.timeoutPolicy()).isEqualTo("ALERT_ONLY");
        assertThat(def.restartable()).isTrue();
        assertThat(def.failureWorkflow()).isEqualTo("$workflow.input.failureWfName");
        WorkflowTask t1 = def.tasks().get(0);
        assertThat(t1.inputParameters().has("someNullKey")).isTrue();
        assertThat(t1.inputParameters().get("someNullKey").isNull()).isTrue();
        assertThat(t1.inputParameters().get("p3").asText()).isEqualTo("${CPEWF_TASK_ID}");
    }

    @Test
    void simpleWorkflowThreeKeepsOperatorFieldsAsDeclared() {
        WorkflowDef def = DefinitionParser.workflow(Conformance.workflow("simple_workflow_3_integration_test.json"));

        assertThat(def.tasks()).extracting(WorkflowTask::taskReferenceName).containsExactly("t1", "t2", "t3");
        WorkflowTask t1 = def.tasks().get(0);
        assertThat(t1.isOptional()).isFalse();
        assertThat(t1.startDelay()).isZero();
        assertThat(t1.decisionCases()).isEmpty();
        assertThat(t1.loopOver()).isEmpty();
        assertThat(def.outputParameters()).isEmpty();
    }

    @Test
    void yamlFormOfADocumentParsesEqual() throws Exception {
        String json = Conformance.workflow("simple_workflow_1_integration_test.json");
        String yaml = new YAMLMapper().writeValueAsString(new ObjectMapper().readTree(json));
        assertThat(yaml).doesNotStartWith("{");

        assertThat(DefinitionParser.workflow(yaml)).isEqualTo(DefinitionParser.workflow(json));
    }

    @Test
    void handWrittenYamlParses() {
        WorkflowDef def = DefinitionParser.workflow("""
                # an order saga
                name: order_saga
                version: 2
                tasks:
                  - name: reserve_stock
                    taskReferenceName: reserve
                    inputParameters:
                      sku: ${workflow.input.sku}
                      qty: 3
                  - name: charge_card
                    taskReferenceName: charge
                    optional: true
                outputParameters:
                  charged: ${charge.output.ok}
                """);

        assertThat(def.name()).isEqualTo("order_saga");
        assertThat(def.versionOrDefault()).isEqualTo(2);
        assertThat(def.tasks()).extracting(WorkflowTask::taskReferenceName).containsExactly("reserve", "charge");
        assertThat(def.tasks().get(0).inputParameters().get("sku").asText()).isEqualTo("${workflow.input.sku}");
        assertThat(def.tasks().get(0).inputParameters().get("qty").asInt()).isEqualTo(3);
        assertThat(def.tasks().get(1).isOptional()).isTrue();
        assertThat(def.tasks().get(1).typeOrDefault()).isEqualTo("SIMPLE");
    }

    @Test
    void writtenJsonReadsBackEqual() {
        WorkflowDef def = DefinitionParser.workflow(
                Conformance.workflow("simple_workflow_1_input_template_integration_test.json"));

        assertThat(DefinitionParser.workflow(DefinitionParser.toJson(def))).isEqualTo(def);
    }

    @Test
    void taskDefinitionsParseWithDefaults() {
        TaskDef def = DefinitionParser.task("""
                {"name": "charge_card", "retryCount": 2, "retryLogic": "EXPONENTIAL_BACKOFF",
                 "retryDelaySeconds": 5, "commandTopic": "payments.commands", "unknownField": 1}""");

        assertThat(def.retryCountOrDefault()).isEqualTo(2);
        assertThat(def.retryLogicOrDefault()).isEqualTo(RetryLogic.EXPONENTIAL_BACKOFF);
        assertThat(def.commandTopicOrDefault()).isEqualTo("payments.commands");
        assertThat(def.definitionKey()).isEqualTo("task:charge_card");

        TaskDef bare = DefinitionParser.task("name: bare");
        assertThat(bare.retryCountOrDefault()).isEqualTo(3);
        assertThat(bare.retryDelaySecondsOrDefault()).isEqualTo(60);
        assertThat(bare.retryLogicOrDefault()).isEqualTo(RetryLogic.FIXED);
        assertThat(bare.commandTopicOrDefault()).isEqualTo("bare.commands");
    }

    @Test
    void theConformanceTaskDefinitionsParse() throws Exception {
        JsonNode file = new ObjectMapper()
                .readTree(Conformance.dir().resolve("taskdefs.json").toFile());

        List<TaskDef> defs = DefinitionParser.tasks(file.get("taskDefs").toString());

        assertThat(defs).hasSize(file.get("taskDefs").size());
        assertThat(defs).extracting(TaskDef::name).contains("integration_task_1", "task_optional");
    }

    @Test
    void everyConductorWorkflowOfTheCorpusParses() throws Exception {
        try (var files = java.nio.file.Files.list(Conformance.dir().resolve("workflows"))) {
            for (var f : files.filter(p -> !p.getFileName().toString().equals("start_workflow_input.json"))
                    .toList()) {
                assertThat(DefinitionParser.workflow(java.nio.file.Files.readString(f))
                                .name())
                        .as(f.toString())
                        .isNotBlank();
            }
        }
    }

    @Test
    void documentsWithUnsupportedTaskTypesAreRefusedAtTheTaskType() {
        assertThatThrownBy(() -> DefinitionParser.workflow(Conformance.workflow("fork_join_integration_test.json")
                        .replace("\"type\": \"FORK_JOIN\"", "\"type\": \"USER_DEFINED\"")))
                .isInstanceOfSatisfying(
                        InvalidDefinitionException.class,
                        e -> assertThat(e.errors()).isNotEmpty().allSatisfy(err -> {
                            assertThat(err.path()).matches("\\$\\.tasks\\[\\d+]\\.type");
                            assertThat(err.message()).contains("not supported");
                        }));
    }

    @Test
    void theRetryJitterTakesConductorsNameAndStillReadsBatonsEarlierOne() {
        TaskDef conductors = DefinitionParser.task("{\"name\": \"t\", \"backoffJitterMs\": 1500}");
        TaskDef earlier = DefinitionParser.task("{\"name\": \"t\", \"retryJitterMillis\": 1500}");

        assertThat(conductors.backoffJitterMs()).isEqualTo(1500);
        assertThat(earlier.backoffJitterMs()).isEqualTo(1500);
        assertThat(DefinitionParser.toJson(earlier))
                .contains("\"backoffJitterMs\":1500")
                .doesNotContain("retryJitterMillis");
        assertThatThrownBy(() -> DefinitionParser.tasks("[{\"name\": \"t\", \"backoffJitterMs\": -5}]"))
                .isInstanceOfSatisfying(
                        InvalidDefinitionException.class,
                        e -> assertThat(e.errors())
                                .anySatisfy(err -> assertThat(err.path()).endsWith(".backoffJitterMs")));
    }

    @Test
    void taskDefinitionsConductorRefusesAreRefusedWithItsMessages() {
        assertThat(DefinitionValidator.registrationProblems(
                        DefinitionParser.task(
                                "{\"name\": \"t\", \"maxRetryDelaySeconds\": -1, \"backoffScaleFactor\": 0}"),
                        "$"))
                .extracting(ValidationError::message)
                .containsExactly(
                        "TaskDef maxRetryDelaySeconds: -1 must be >= 0",
                        "Backoff scale factor. Applicable for LINEAR_BACKOFF");
        // registered on its own (not inlined in a workflow, not read back from the store)
        TaskDef tooLong =
                DefinitionParser.task("{\"name\": \"t\", \"timeoutSeconds\": 10, \"responseTimeoutSeconds\": 20}");
        assertThat(DefinitionValidator.registrationProblems(tooLong, "$"))
                .extracting(ValidationError::message)
                .containsExactly("TaskDef: t responseTimeoutSeconds: 20 must be less than timeoutSeconds: 10");
        TaskDef fits =
                DefinitionParser.task("{\"name\": \"t\", \"timeoutSeconds\": 20, \"responseTimeoutSeconds\": 20}");
        assertThat(DefinitionValidator.registrationProblems(fits, "$")).isEmpty();
    }

    @Test
    void aWaitsLiteralTimesAreCheckedAtRegistrationAsInConductor() {
        assertThat(waitRefusal("\"duration\": \"10s\", \"until\": \"2030-01-01 10:00\""))
                .isEqualTo("Both 'duration' and 'until' specified. Please provide only one input");
        assertThat(waitRefusal("\"duration\": \"ten minutes\""))
                .isEqualTo("Either date or duration is passed as null ");
        assertThat(waitRefusal("\"until\": \"tomorrow\"")).isEqualTo("Unable to parse date ");
        assertThat(DefinitionParser.workflow(waitWorkflow("\"duration\": \"${workflow.input.d}\""))
                        .name())
                .isEqualTo("w");
        assertThat(DefinitionParser.workflow(waitWorkflow("\"duration\": \"3 seconds\""))
                        .name())
                .isEqualTo("w");
    }

    private static String waitRefusal(String inputs) {
        try {
            DefinitionParser.workflow(waitWorkflow(inputs));
        } catch (InvalidDefinitionException e) {
            return e.errors().get(0).message();
        }
        throw new AssertionError("accepted: " + inputs);
    }

    private static String waitWorkflow(String inputs) {
        return """
                {"name": "w", "version": 1, "tasks": [
                  {"name": "w", "taskReferenceName": "w", "type": "WAIT", "inputParameters": {%s}}]}""".formatted(inputs);
    }

    @Test
    void aTasksPermissiveFlagIsKept() {
        WorkflowDef def = DefinitionParser.workflow("""
                {"name": "p", "version": 1, "tasks": [
                  {"name": "a", "taskReferenceName": "a", "type": "SIMPLE", "permissive": true},
                  {"name": "b", "taskReferenceName": "b", "type": "SIMPLE", "permissive": true, "optional": true}]}""");

        assertThat(def.tasks().get(0).failsPermissively()).isTrue();
        assertThat(def.tasks().get(1).failsPermissively()).as("optional wins").isFalse();
        assertThat(DefinitionParser.toJson(def)).contains("\"permissive\":true");
    }
}

package dev.baton.engine;

import static dev.baton.engine.EngineHarness.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.dsl.WorkflowDef;
import dev.baton.engine.input.EngineInput;
import org.junit.jupiter.api.Test;

/** Defaults from a task definition's and a workflow definition's inputTemplate. */
class InputTemplateTest {
    private final EngineHarness h = new EngineHarness();

    @Test
    void taskDefinitionTemplateFillsMissingInputKeysOnly() {
        // given
        h.registerTask("""
                {"name": "task_a", "inputTemplate": {"region": "eu", "limits": {"max": 5}, "p1": "template"}}
                """);
        h.registerWorkflow("""
                {"name": "tpl_wf", "tasks": [{"name": "task_a", "taskReferenceName": "t1",
                  "inputParameters": {"p1": "${workflow.input.x}"}}]}
                """);

        // when
        String wf = h.start("tpl_wf", "{\"x\": \"given\"}");

        // then
        assertThat((JsonNode) h.commands(wf).get(0).input()).isEqualTo(object("""
                {"p1": "given", "region": "eu", "limits": {"max": 5}}"""));
    }

    @Test
    void templateExpressionsAreResolvedAndAParameterResolvingToNullTakesTheTemplatesValue() {
        // as Conductor 3.32.1 showed: {"tmpl_expr": "X", "a": "A"}
        h.registerTask("""
                {"name": "task_b", "inputTemplate": {"tmpl_expr": "${workflow.input.x}", "a": "A"}}""");
        h.registerWorkflow("""
                {"name": "tpl_wf2", "tasks": [{"name": "task_b", "taskReferenceName": "t1",
                  "inputParameters": {"a": "${workflow.input.missing}"}}]}""");

        String wf = h.start("tpl_wf2", "{\"x\": \"X\"}");

        assertThat((JsonNode) h.commands(wf).get(0).input()).isEqualTo(object("{\"a\": \"A\", \"tmpl_expr\": \"X\"}"));
    }

    @Test
    void inlineTaskDefinitionTemplateIsUsed() {
        // given
        h.registerWorkflow("""
                {"name": "inline_tpl", "tasks": [{"name": "task_a", "taskReferenceName": "t1",
                  "taskDefinition": {"name": "task_a", "inputTemplate": {"mode": "inline"}}}]}
                """);

        // when
        String wf = h.start("inline_tpl", "{}");

        // then
        assertThat((JsonNode) h.commands(wf).get(0).input()).isEqualTo(object("{\"mode\": \"inline\"}"));
    }

    @Test
    void workflowTemplateFillsMissingStartInputs() {
        // given: Conductor's input-template workflow
        h.registerWorkflow(Conformance.workflow("simple_workflow_1_input_template_integration_test.json"));

        // when
        String wf = h.start("integration_test_template_wf", "{\"param2\": [\"mine\"], \"param4\": 4}");

        // then: keys given win, keys missing come from the template, as objects and lists
        assertThat((JsonNode) h.instance(wf).input).isEqualTo(object("""
                {"param2": ["mine"], "param4": 4, "param1": {"nested_object": {"nested_key": "nested_value"}},
                 "param3": "string"}"""));
        assertThat((JsonNode) h.commands(wf).get(0).input().get("p1"))
                .isEqualTo(object("{\"nested_object\": {\"nested_key\": \"nested_value\"}}"));
        assertThat(h.commands(wf).get(0).input().get("p2").get(0).asText()).isEqualTo("mine");

        // when
        h.complete(wf, "t1", "{\"op\": \"done\"}");

        // then
        h.assertThat(wf).hasOutput("""
                {"output": "done", "param1": {"nested_object": {"nested_key": "nested_value"}},
                 "param2": ["mine"], "param3": "string"}""");
    }

    @Test
    void startDoesNotShareTheTemplateWithTheInstance() {
        // given
        WorkflowDef def = h.registerWorkflow("""
                {"name": "shared_tpl", "inputTemplate": {"obj": {"n": 1}}, "variables": {"v": {"n": 1}},
                 "tasks": [{"name": "task_a", "taskReferenceName": "t1"}]}
                """);
        Transition started =
                h.engine().start(new EngineInput.Start("wf-x", def, object("{}"), null, null, null), EngineHarness.T0);

        // when
        started.instance().input.with("obj").put("n", 99);
        started.instance().variables.with("v").put("n", 99);

        // then
        assertThat(def.inputTemplate().get("obj").get("n").asInt()).isEqualTo(1);
        assertThat(def.variables().get("v").get("n").asInt()).isEqualTo(1);
    }
}

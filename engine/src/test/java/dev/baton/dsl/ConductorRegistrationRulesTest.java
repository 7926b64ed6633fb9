package dev.baton.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What Conductor 3.32.1 refused at registration (its messages, as its API answered them). */
class ConductorRegistrationRulesTest {

    private static List<String> messages(String json) {
        return ConductorRegistrationRules.problems(DefinitionParser.workflow(json)).stream()
                .map(ValidationError::message)
                .toList();
    }

    @Test
    void anInputParameterNamingATaskTheWorkflowDoesNotHaveIsRefused() {
        assertThat(messages("""
                {"name": "w", "tasks": [{"name": "vs", "taskReferenceName": "v", "type": "SET_VARIABLE",
                  "inputParameters": {"x": "${nope.output.x}", "m": {"l": ["a-${nope2.input.y}-b"]}}}]}"""))
                .containsExactly(
                        "taskReferenceName: nope for given task: vs input value: x of input parameter: ${nope.output.x}"
                                + " is not defined in workflow definition.",
                        "taskReferenceName: nope2 for given task: vs input value: l of input parameter:"
                                + " a-${nope2.input.y}-b is not defined in workflow definition.");
    }

    @Test
    void anEmptyExpressionIsRefused() {
        assertThat(messages("""
                {"name": "w", "tasks": [{"name": "a", "taskReferenceName": "a", "inputParameters": {"e": "${}"}}]}""")).containsExactly("key: e input parameter value:  is not valid");
    }

    @Test
    void referencesToTheWorkflowToAnyTaskOfItAndToTheTaskIdAreAccepted() {
        assertThat(messages("""
                {"name": "w", "tasks": [
                  {"name": "a", "taskReferenceName": "a", "inputParameters":
                    {"x": "${workflow.input.x}", "later": "${c.output}", "id": "${CPEWF_TASK_ID}", "lit": "$${kept}"}},
                  {"name": "f", "taskReferenceName": "f", "type": "FORK_JOIN", "forkTasks": [[
                    {"name": "c", "taskReferenceName": "c", "inputParameters": {"y": "${nope.output}"}}]]},
                  {"name": "j", "taskReferenceName": "j", "type": "JOIN", "joinOn": ["c"]}],
                 "outputParameters": {"o": "${nope.output}"}}"""))
                // as Conductor, only the parameters of top-level tasks are checked
                .isEmpty();
    }

    @Test
    void conductorsOtherRegistrationChecks() {
        assertThat(messages("""
                {"name": "w", "tasks": [
                  {"taskReferenceName": "n", "type": "NOOP"},
                  {"name": "s", "taskReferenceName": "s", "type": "SWITCH", "expression": "x",
                   "defaultCase": [{"name": "d", "taskReferenceName": "d", "type": "NOOP"}]},
                  {"name": "h", "taskReferenceName": "h", "type": "HTTP", "inputParameters": {}},
                  {"name": "t", "taskReferenceName": "t", "type": "TERMINATE", "startDelay": -1,
                   "inputParameters": {"terminationStatus": "${workflow.input.s}"}}]}"""))
                .containsExactly(
                        "WorkflowTask name cannot be empty or null",
                        "evaluatorType field is required for taskType: SWITCH taskName: s",
                        "decisionCases should have atleast one task for taskType: SWITCH taskName: s",
                        "inputParameters.http_request or inputParameters.uri field is required for taskType: HTTP"
                                + " taskName: h",
                        "must be greater than or equal to 0",
                        "terminate task must have an terminationStatus parameter and must be set to COMPLETED or"
                                + " FAILED, taskName: t");
    }

    @Test
    void aTaskDefinitionsResponseTimeoutIsAtLeastASecond() {
        assertThat(DefinitionValidator.registrationProblems(
                                DefinitionParser.task("{\"name\": \"t\", \"responseTimeoutSeconds\": 0}"), "$")
                        .stream()
                        .map(ValidationError::message))
                .containsExactly("TaskDef responseTimeoutSeconds: 0 should be minimum 1 second");
    }
}

package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** INLINE and LAMBDA as Conductor runs them: evaluators, and what a script that fails leaves behind. */
class InlineTaskTest {
    private EngineHarness h;

    @BeforeEach
    void setUp() {
        h = new EngineHarness();
    }

    @Test
    void aFailingInlineScriptFailsTheTaskForGoodWithTheErrorInItsOutput() {
        TaskState a = run("INLINE", "\"evaluatorType\": \"javascript\", \"expression\": \"throw new Error('kaboom')\"");
        assertThat(a.status).isEqualTo(TaskStatus.FAILED_WITH_TERMINAL_ERROR);
        assertThat(a.reasonForIncompletion).isEqualTo("Error evaluating the script `Error: kaboom`");
        assertThat(a.outputData.get("error").asText()).isEqualTo(a.reasonForIncompletion);
    }

    @Test
    void aFailingLambdaFailsTheTaskWithTheErrorInItsOutput() {
        TaskState a = run("LAMBDA", "\"scriptExpression\": \"throw new Error('kaboom')\"");
        assertThat(a.status).isEqualTo(TaskStatus.FAILED);
        assertThat(a.outputData.get("error").asText()).isEqualTo("Error evaluating the script `Error: kaboom`");
    }

    @Test
    void theEnginesErrorsReadAsConductorsWithTheirLine() {
        // the reasons Conductor 3.32.1 gave for these scripts
        assertThat(run("INLINE", "\"evaluatorType\": \"javascript\", \"expression\": \"$.q.x\"").reasonForIncompletion)
                .isEqualTo("Error evaluating the script `TypeError: Cannot read property 'x' of undefined` at line 1");
        assertThat(run("INLINE", "\"evaluatorType\": \"javascript\", \"expression\": \"$.n.x\", \"n\": null")
                        .reasonForIncompletion)
                .isEqualTo("Error evaluating the script `TypeError: Cannot read property 'x' of null` at line 1");
        assertThat(run("INLINE", "\"evaluatorType\": \"javascript\", \"expression\": \"foo + 1\"")
                        .reasonForIncompletion)
                .isEqualTo("Error evaluating the script `ReferenceError: foo is not defined` at line 1");
        assertThat(run(
                                "INLINE",
                                "\"evaluatorType\": \"javascript\", \"expression\": \"function f() {\\n return $.q.x;\\n}\\nf();\"")
                        .reasonForIncompletion)
                .isEqualTo("Error evaluating the script `TypeError: Cannot read property 'x' of undefined` at line 2");
        assertThat(run("INLINE", "\"evaluatorType\": \"javascript\", \"expression\": \"var x = ;\"")
                        .reasonForIncompletion)
                .startsWith("Error evaluating the script `SyntaxError: ")
                .endsWith("` at line 1");
    }

    @Test
    void theValueParamEvaluatorAnswersTheInputItNames() {
        TaskState a = run("INLINE", "\"evaluatorType\": \"value-param\", \"expression\": \"v\", \"v\": {\"z\": 1}");
        assertThat(a.status).isEqualTo(TaskStatus.COMPLETED);
        assertThat(a.outputData.toString()).isEqualTo("{\"result\":{\"z\":1}}");
    }

    @Test
    void anUnknownEvaluatorFailsTheTaskForGood() {
        TaskState a = run("INLINE", "\"evaluatorType\": \"cobol\", \"expression\": \"1\"");
        assertThat(a.status).isEqualTo(TaskStatus.FAILED_WITH_TERMINAL_ERROR);
        assertThat(a.reasonForIncompletion).isEqualTo("Unknown evaluator 'cobol' in INLINE task.");
    }

    private TaskState run(String type, String input) {
        String name = "wf_" + type + "_" + Math.abs(input.hashCode());
        h.registerWorkflow("""
                {"name": "%s", "version": 1, "tasks": [
                  {"name": "a", "taskReferenceName": "a", "type": "%s", "inputParameters": {%s}}]}""".formatted(name, type, input));
        return h.current(h.start(name, "{}"), "a");
    }
}

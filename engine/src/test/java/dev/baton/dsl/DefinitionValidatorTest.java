package dev.baton.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Invalid definitions are refused whole, and every error names the JSON path it is about. */
class DefinitionValidatorTest {

    private static List<ValidationError> workflowErrors(String text) {
        InvalidDefinitionException e =
                catchThrowableOfType(InvalidDefinitionException.class, () -> DefinitionParser.workflow(text));
        assertThat(e).as("refused: " + text).isNotNull();
        return e.errors();
    }

    private static List<String> paths(List<ValidationError> errors) {
        return errors.stream().map(ValidationError::path).toList();
    }

    @Test
    void missingNameIsReportedAtName() {
        List<ValidationError> errors = workflowErrors("""
                {"tasks": [{"name": "a", "taskReferenceName": "a"}]}""");

        assertThat(errors)
                .extracting(ValidationError::path, ValidationError::message)
                .containsExactly(tuple("$.name", "workflow name is required"));
        assertThat(workflowErrors("{\"name\": \"  \", \"tasks\": [{\"name\": \"a\", \"taskReferenceName\": \"a\"}]}"))
                .extracting(ValidationError::path)
                .containsExactly("$.name");
    }

    @Test
    void duplicateTaskReferenceNameIsReportedAtTheSecondTask() {
        List<ValidationError> errors = workflowErrors("""
                {"name": "w", "tasks": [{"name": "a", "taskReferenceName": "same"},
                                        {"name": "b", "taskReferenceName": "same"}]}""");

        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).path()).isEqualTo("$.tasks[1].taskReferenceName");
        assertThat(errors.get(0).message()).contains("duplicate").contains("same");
    }

    @Test
    void missingTaskReferenceNameIsReported() {
        assertThat(paths(workflowErrors("{\"name\": \"w\", \"tasks\": [{\"name\": \"a\"}]}")))
                .containsExactly("$.tasks[0].taskReferenceName");
    }

    @Test
    void unknownTaskTypeIsReportedAtItsType() {
        List<ValidationError> errors = workflowErrors("""
                {"name": "w", "tasks": [{"name": "a", "taskReferenceName": "a", "type": "TELEPORT"}]}""");

        assertThat(errors).extracting(ValidationError::path).containsExactly("$.tasks[0].type");
        assertThat(errors.get(0).message()).contains("unknown task type").contains("TELEPORT");
    }

    @Test
    void knownButUnsupportedTaskTypeIsReportedAtItsType() {
        List<ValidationError> errors = workflowErrors("""
                {"name": "w", "tasks": [{"name": "a", "taskReferenceName": "a"},
                                        {"taskReferenceName": "ud", "type": "USER_DEFINED"}]}""");

        assertThat(errors).extracting(ValidationError::path).containsExactly("$.tasks[1].type");
        assertThat(errors.get(0).message()).contains("not supported");
    }

    @Test
    void simpleTaskWithoutNameIsReported() {
        assertThat(paths(workflowErrors("{\"name\": \"w\", \"tasks\": [{\"taskReferenceName\": \"a\"}]}")))
                .containsExactly("$.tasks[0].name");
    }

    @Test
    void emptyOrMissingTasksAreReported() {
        assertThat(paths(workflowErrors("{\"name\": \"w\", \"tasks\": []}"))).containsExactly("$.tasks");
        assertThat(paths(workflowErrors("{\"name\": \"w\"}"))).containsExactly("$.tasks");
    }

    /** DefinitionValidator has a "task is null" check for this; it should be the error reported. */
    @Test
    void aNullTaskIsReportedAtItsIndex() {
        assertThat(workflowErrors(
                        "{\"name\": \"w\", \"tasks\": [{\"name\": \"a\", \"taskReferenceName\": \"a\"}, null]}"))
                .extracting(ValidationError::path, ValidationError::message)
                .containsExactly(tuple("$.tasks[1]", "task is null"));
    }

    @Test
    void badRetryLogicInATaskDefinitionIsReported() {
        assertThatThrownBy(() -> DefinitionParser.task("{\"name\": \"t\", \"retryLogic\": \"SOMETIMES\"}"))
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> {
                    assertThat(e.errors()).extracting(ValidationError::path).containsExactly("$.retryLogic");
                    assertThat(e.errors().get(0).message())
                            .contains("SOMETIMES")
                            .contains("EXPONENTIAL_BACKOFF");
                });
    }

    @Test
    void badRetryLogicInAListOfTaskDefinitionsNamesTheEntry() {
        assertThatThrownBy(() -> DefinitionParser.tasks("""
                [{"name": "ok"}, {"name": "bad", "retryLogic": "RANDOM"}, {"retryCount": -1}]"""))
                .isInstanceOfSatisfying(
                        InvalidDefinitionException.class,
                        e -> assertThat(e.errors())
                                .extracting(ValidationError::path)
                                .containsExactly("$[1].retryLogic", "$[2].name", "$[2].retryCount"));
    }

    @Test
    void badRetryLogicInAnInlineTaskDefinitionNamesItsPath() {
        assertThat(paths(workflowErrors("""
                {"name": "w", "tasks": [{"name": "a", "taskReferenceName": "a",
                  "taskDefinition": {"name": "a", "retryLogic": "NEVER", "retryDelaySeconds": -5}}]}""")))
                // a negative retry delay is accepted, as Conductor does (it waits no time)
                .containsExactly("$.tasks[0].taskDefinition.retryLogic");
    }

    @Test
    void otherTaskDefinitionChecks() {
        assertThatThrownBy(() -> DefinitionParser.task("""
                {"retryCount": -1, "retryDelaySeconds": -1, "timeoutPolicy": "PANIC"}"""))
                .isInstanceOfSatisfying(
                        InvalidDefinitionException.class,
                        e -> assertThat(e.errors())
                                .extracting(ValidationError::path)
                                .containsExactlyInAnyOrder("$.name", "$.retryCount", "$.timeoutPolicy"));
        assertThatThrownBy(() -> DefinitionParser.tasks("{\"name\": \"not a list\"}"))
                .isInstanceOfSatisfying(
                        InvalidDefinitionException.class,
                        e -> assertThat(e.errors())
                                .extracting(ValidationError::path)
                                .containsExactly("$"));
    }

    @Test
    void workflowLevelFieldsAreChecked() {
        assertThat(paths(workflowErrors("""
                {"name": "w", "version": 0, "schemaVersion": 1, "timeoutPolicy": "SOMETIMES",
                 "tasks": [{"name": "a", "taskReferenceName": "a"}]}"""))).containsExactly("$.version", "$.schemaVersion", "$.timeoutPolicy");
    }

    @Test
    void malformedJsonIsReportedAtTheRoot() {
        List<ValidationError> errors = workflowErrors("{\"name\": \"w\", \"tasks\": [");

        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).path()).isEqualTo("$");
        assertThat(errors.get(0).message()).startsWith("not valid JSON or YAML");
    }

    @Test
    void emptyDocumentsAreRefused() {
        assertThat(workflowErrors(""))
                .extracting(ValidationError::path, ValidationError::message)
                .containsExactly(tuple("$", "empty document"));
        assertThat(workflowErrors("   \n")).extracting(ValidationError::path).containsExactly("$");
    }

    @Test
    void aValueOfTheWrongTypeNamesItsPath() {
        assertThat(paths(workflowErrors("{\"name\": \"w\", \"version\": \"first\", \"tasks\": []}")))
                .containsExactly("$.version");
        assertThat(paths(workflowErrors("""
                {"name": "w", "tasks": [{"name": "a", "taskReferenceName": "a"},
                                        {"name": "b", "taskReferenceName": "b", "retryCount": "many"}]}"""))).containsExactly("$.tasks[1].retryCount");
    }

    @Test
    void everyErrorIsReportedAndTheDocumentIsRefusedWhole() {
        String text = """
                {"tasks": [
                  {"name": "a", "taskReferenceName": "a"},
                  {"name": "b", "taskReferenceName": "a"},
                  {"name": "c", "taskReferenceName": "c", "type": "NOPE"},
                  {"taskReferenceName": "d"},
                  {"name": "e", "taskReferenceName": "e", "taskDefinition": {"name": "e", "retryLogic": "X"}}
                ]}""";

        assertThatThrownBy(() -> DefinitionParser.workflow(text))
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> {
                    assertThat(e.errors())
                            .extracting(ValidationError::path)
                            .containsExactly(
                                    "$.name",
                                    "$.tasks[1].taskReferenceName",
                                    "$.tasks[2].type",
                                    "$.tasks[3].name",
                                    "$.tasks[4].taskDefinition.retryLogic");
                    assertThat(e.getMessage())
                            .contains("$.name: workflow name is required")
                            .contains("$.tasks[2].type: unknown task type 'NOPE'");
                });
    }

    @Test
    void validatorAcceptsAMinimalWorkflow() {
        WorkflowDef def = DefinitionParser.workflow("""
                {"name": "w", "tasks": [{"name": "a", "taskReferenceName": "a"}]}""");

        assertThat(DefinitionValidator.validate(def)).isEmpty();
        assertThat(def.versionOrDefault()).isEqualTo(1);
        assertThat(def.inputParameters()).isEmpty();
    }

    @Test
    void unknownPayloadFormatIsReportedAtItsPath() {
        InvalidDefinitionException e = catchThrowableOfType(
                InvalidDefinitionException.class,
                () -> DefinitionParser.task("{\"name\": \"t\", \"payloadFormat\": \"protobuf\"}"));
        assertThat(e.errors())
                .extracting(ValidationError::path, ValidationError::message)
                .containsExactly(tuple("$.payloadFormat", "unknown payloadFormat 'protobuf' (expected JSON or AVRO)"));
    }

    @Test
    void bridgeBindingsAreCheckedWithTheirPaths() {
        List<ValidationError> errors = workflowErrors("""
                {"name": "w", "eventSources": [
                   {"name": "s", "topic": "t", "action": "explode"},
                   {"name": "s", "topic": "bad topic", "action": "complete_task", "correlationKey": "bookingId"},
                   {"name": "x", "topic": "t", "action": "fail_task", "taskRef": "nope"}],
                 "tasks": [
                   {"name": "a", "taskReferenceName": "a", "mode": "observe"},
                   {"name": "b", "taskReferenceName": "b", "mode": "sometimes", "expectedDurationSeconds": 0},
                   {"name": "c", "taskReferenceName": "c", "type": "WAIT", "mode": "observe",
                    "completeOn": {"topic": "t", "format": "xml"}}]}""");
        assertThat(errors)
                .extracting(ValidationError::path)
                .containsExactlyInAnyOrder(
                        "$.tasks[0].completeOn",
                        "$.tasks[1].mode",
                        "$.tasks[1].expectedDurationSeconds",
                        "$.tasks[2].mode",
                        "$.tasks[2].completeOn.format",
                        "$.eventSources[0].action",
                        "$.eventSources[1].topic",
                        "$.eventSources[1].correlationKey",
                        "$.eventSources[1].taskRef",
                        "$.eventSources[1].name",
                        "$.eventSources[2].taskRef");
        assertThat(errors)
                .filteredOn(e -> e.path().equals("$.eventSources[2].taskRef"))
                .extracting(ValidationError::message)
                .containsExactly("no task has the reference name 'nope'");
    }

    @Test
    void commandKeyMustBeAJsonPathAndTopicsValidNames() {
        InvalidDefinitionException e = catchThrowableOfType(
                InvalidDefinitionException.class,
                () -> DefinitionParser.task(
                        "{\"name\": \"t\", \"commandKey\": \"bookingId\", \"replyTopic\": \"bad topic!\"}"));
        assertThat(paths(e.errors())).containsExactly("$.commandKey", "$.replyTopic");
        assertThat(e.errors().get(0).message()).contains("JSONPath").contains("$.bookingId");
        assertThat(DefinitionParser.task(
                                "{\"name\": \"t\", \"commandKey\": \"$.booking.id\", \"replyTopic\": \"t.replies\"}")
                        .commandKey())
                .isEqualTo("$.booking.id");
    }

    @Test
    void avroPayloadsUseTheCommandTopicSubjectUnlessOneIsNamed() {
        assertThat(DefinitionParser.task("{\"name\": \"t\"}").avroCommandSubject())
                .isNull();
        assertThat(DefinitionParser.task("{\"name\": \"t\", \"payloadFormat\": \"AVRO\"}")
                        .avroCommandSubject())
                .isEqualTo("t.commands-value");
        assertThat(DefinitionParser.task("{\"name\": \"t\", \"payloadFormat\": \"avro\", \"commandTopic\": \"pay.in\"}")
                        .avroCommandSubject())
                .isEqualTo("pay.in-value");
        assertThat(DefinitionParser.task(
                                "{\"name\": \"t\", \"payloadFormat\": \"AVRO\", \"commandSchemaSubject\": \"Payment\"}")
                        .avroCommandSubject())
                .isEqualTo("Payment");
    }

    @Test
    void operatorsNeedWhatTheyRunOn() {
        assertThat(workflowErrors("""
                {"name": "w", "tasks": [
                  {"name": "s", "taskReferenceName": "s", "type": "SWITCH", "expression": "x"},
                  {"name": "d", "taskReferenceName": "d", "type": "DECISION", "decisionCases": {"a": []}},
                  {"name": "sub", "taskReferenceName": "sub", "type": "SUB_WORKFLOW", "subWorkflowParam": {"version": 1}},
                  {"name": "loop", "taskReferenceName": "loop", "type": "DO_WHILE", "loopOver": []},
                  {"name": "f", "taskReferenceName": "f", "type": "FORK_JOIN", "forkTasks": [[{"name": "a", "taskReferenceName": "a"}]]},
                  {"name": "j", "taskReferenceName": "j", "type": "JOIN", "joinOn": ["a", "ghost"]},
                  {"name": "t", "taskReferenceName": "t", "type": "TERMINATE", "inputParameters": {"terminationStatus": "DONE"}},
                  {"name": "e", "taskReferenceName": "e", "type": "EVENT"},
                  {"name": "x", "taskReferenceName": "x", "type": "SWITCH", "evaluatorType": "python", "expression": "1",
                   "defaultCase": [{"name": "b", "taskReferenceName": "b", "compensation": 42}]}]}"""))
                .extracting(ValidationError::path, ValidationError::message)
                .contains(
                        tuple("$.tasks[0].decisionCases", "a SWITCH needs decisionCases or a defaultCase"),
                        tuple("$.tasks[1].caseValueParam", "a DECISION needs caseValueParam or caseExpression"),
                        tuple("$.tasks[2].subWorkflowParam.name", "a SUB_WORKFLOW needs the name of its workflow"),
                        tuple("$.tasks[3].loopCondition", "a DO_WHILE needs a loopCondition (or items)"),
                        tuple("$.tasks[3].loopOver", "a DO_WHILE needs tasks in loopOver"),
                        tuple("$.tasks[5].joinOn[1]", "JOIN waits on unknown task reference 'ghost'"),
                        tuple(
                                "$.tasks[6].inputParameters.terminationStatus",
                                "terminationStatus must be COMPLETED, FAILED or TERMINATED"),
                        tuple("$.tasks[7].sink", "an EVENT task needs a sink"),
                        tuple(
                                "$.tasks[8].evaluatorType",
                                "unknown evaluatorType 'python' (expected value-param, javascript or graaljs)"),
                        tuple(
                                "$.tasks[8].defaultCase[0].compensation",
                                "a compensation is a task name or a task with a name"));
    }

    @Test
    void referenceNamesAreUniqueAcrossNestedLists() {
        assertThat(paths(workflowErrors("""
                {"name": "w", "tasks": [
                  {"name": "a", "taskReferenceName": "a"},
                  {"name": "s", "taskReferenceName": "s", "type": "SWITCH", "expression": "x",
                   "decisionCases": {"k": [{"name": "a", "taskReferenceName": "a"}]}}]}"""))).containsExactly("$.tasks[1].decisionCases.k[0].taskReferenceName");
    }
}

package dev.baton.orchestrator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.orchestrator.error.ApiException;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

/** Reading handler documents: Conductor's fields, and 400s that name the field at fault. */
class EventHandlerJsonTest {
    private static final Conditions CONDITIONS = new Conditions();

    private static EventHandler parse(String json) {
        return EventHandlerJson.parse(json, CONDITIONS);
    }

    private static void refused(ThrowableAssert.ThrowingCallable call, String path, String problem) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status().getCode()).isEqualTo(400);
            assertThat(e.fields()).singleElement().satisfies(f -> {
                assertThat(f.path()).isEqualTo(path);
                assertThat(f.message()).contains(problem);
            });
        });
    }

    @Test
    void readsConductorsDocumentAndWritesItBackTheSameWay() {
        EventHandler h = parse("""
                {"name": "h", "event": "kafka:orders", "condition": "$.a > 1", "evaluatorType": "javascript",
                 "active": true, "createdBy": "someone",
                 "actions": [{"action": "start_workflow", "expandInlineJSON": true,
                              "start_workflow": {"name": "w", "version": 1, "input": {"x": "${x}"}, "taskToDomain": {"*": "d"}}},
                             {"action": "update_workflow_variables",
                              "update_workflow_variables": {"workflowId": "${id}", "variables": {"v": 1}, "appendArray": false}}]}""");

        assertThat(h.name()).isEqualTo("h");
        assertThat(h.active()).isTrue();
        assertThat(h.actions()).hasSize(2);
        assertThat(h.actions().get(0).action()).isEqualTo(EventHandler.ActionType.START_WORKFLOW);
        assertThat(h.actions().get(0).expandInlineJSON()).isTrue();
        assertThat(h.actions().get(0).startWorkflow().taskToDomain()).containsEntry("*", "d");
        String json = EventHandlerJson.toJson(h);
        assertThat(json)
                .contains(
                        "\"action\":\"start_workflow\"",
                        "\"start_workflow\":{",
                        "\"expandInlineJSON\":true",
                        "\"update_workflow_variables\":{",
                        "\"appendArray\":false")
                .doesNotContain("createdBy", "null");
        assertThat(parse(json)).isEqualTo(h);
    }

    @Test
    void activeIsFalseUnlessSaidAsInConductor() {
        assertThat(parse("""
                {"name": "h", "event": "kafka:t", "actions": [{"action": "terminate_workflow",
                 "terminate_workflow": {"workflowId": "${id}"}}]}""").active()).isFalse();
    }

    @Test
    void refusesWhatCannotBeCarriedOut() {
        String ok = "[{\"action\": \"terminate_workflow\", \"terminate_workflow\": {\"workflowId\": \"${id}\"}}]";
        refused(() -> parse("not json"), "body", "not valid JSON");
        refused(() -> parse("[1]"), "body", "must be a JSON object");
        refused(() -> parse("{\"event\": \"kafka:t\", \"actions\": " + ok + "}"), "name", "Missing event handler name");
        refused(() -> parse("{\"name\": \"h\", \"actions\": " + ok + "}"), "event", "Missing event location");
        refused(
                () -> parse("{\"name\": \"h\", \"event\": \"orders\", \"actions\": " + ok + "}"),
                "event",
                "<type>:<name>");
        refused(
                () -> parse("{\"name\": \"h\", \"event\": \"kafka:bad topic\", \"actions\": " + ok + "}"),
                "event",
                "not a legal Kafka topic name");
        refused(() -> parse("{\"name\": \"h\", \"event\": \"kafka:t\", \"actions\": []}"), "actions", "No actions");
        refused(
                () -> parse("{\"name\": \"h\", \"event\": \"kafka:t\", \"actions\": [{\"action\": \"start_wf\"}]}"),
                "actions[0].action",
                "must be one of start_workflow, complete_task, fail_task, terminate_workflow, update_workflow_variables");
        refused(
                () -> parse(
                        "{\"name\": \"h\", \"event\": \"kafka:t\", \"actions\": [{\"action\": \"start_workflow\"}]}"),
                "actions[0].start_workflow",
                "needs its parameters");
        refused(
                () -> parse("{\"name\": \"h\", \"event\": \"kafka:t\", \"actions\": ["
                        + "{\"action\": \"start_workflow\"," + " \"start_workflow\": {\"version\": 1}}]}"),
                "actions[0].start_workflow.name",
                "missing");
        refused(
                () -> parse("{\"name\": \"h\", \"event\": \"kafka:t\", \"actions\": ["
                        + "{\"action\": \"complete_task\"," + " \"complete_task\": {\"workflowId\": \"${w}\"}}]}"),
                "actions[0].complete_task.taskRefName",
                "taskRefName or taskId");
        refused(
                () -> parse("{\"name\": \"h\", \"event\": \"kafka:t\", \"actions\": [" + "{\"action\": \"fail_task\","
                        + " \"fail_task\": {\"taskId\": \"t\"}}]}"),
                "actions[0].fail_task.workflowId",
                "required");
        refused(
                () -> parse("{\"name\": \"h\", \"event\": \"kafka:t\", \"actions\": ["
                        + "{\"action\": \"update_workflow_variables\","
                        + " \"update_workflow_variables\": {\"workflowId\": \"w\", \"variables\": {}}}]}"),
                "actions[0].update_workflow_variables.variables",
                "non-empty");
        refused(
                () -> parse(
                        "{\"name\": \"h\", \"event\": \"kafka:t\", \"condition\": \"$.a >\", \"actions\": " + ok + "}"),
                "condition",
                "not usable JavaScript");
        refused(
                () -> parse(
                        "{\"name\": \"h\", \"event\": \"kafka:t\", \"condition\": \"x\", \"evaluatorType\": \"python\","
                                + " \"actions\": " + ok + "}"),
                "evaluatorType",
                "must be javascript");
        refused(
                () -> parse(
                        "{\"name\": \"h\", \"event\": \"kafka:t\", \"actions\": [" + "{\"action\": \"start_workflow\","
                                + " \"start_workflow\": {\"name\": \"w\", \"version\": \"two\"}}]}"),
                "actions[0].start_workflow.version",
                "wrong type");
    }
}

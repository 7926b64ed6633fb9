package dev.baton.orchestrator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.protocol.ControlType;
import dev.baton.protocol.TaskReplyStatus;
import dev.baton.protocol.WorkflowControl;
import org.junit.jupiter.api.Test;

/** Parameter substitution from the event payload, and the command each action becomes. */
class ActionCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Conditions CONDITIONS = new Conditions();
    private static final JsonNode PAYLOAD = json("""
            {"workflowId": "wf-9", "orderId": "o-1", "amount": 12.5, "data": {"id": 7, "items": ["x", "y"]},
             "embedded": "{\\"inner\\": {\\"n\\": 1}}", "ref": "wait_ref"}""");
    private static final ActionCommands.Event EVENT = new ActionCommands.Event("kafka:orders", "orders-0-42", PAYLOAD);

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static EventHandler handler(String actionJson) {
        return EventHandlerJson.parse("""
                {"name": "h1", "event": "kafka:orders", "active": true, "actions": [%s]}""".formatted(actionJson), CONDITIONS);
    }

    private static WorkflowControl build(String actionJson) throws ActionCommands.ActionException {
        EventHandler h = handler(actionJson);
        return ActionCommands.build(h, h.actions().get(0), EVENT, "orders-0-42-h1-0", 1_000L);
    }

    @Test
    void startWorkflowPassesTheHandlersTaskToDomainElseTheOneTheEventCarries() throws Exception {
        assertThat(build("""
                {"action": "start_workflow", "start_workflow": {"name": "fulfil", "taskToDomain": {"*": "d1"}}}""").getTaskToDomain()).isEqualTo(java.util.Map.of("*", "d1"));
        assertThat(build("""
                {"action": "start_workflow", "start_workflow": {"name": "fulfil"}}""").getTaskToDomain()).isNull();

        EventHandler h = handler("""
                {"action": "start_workflow", "start_workflow": {"name": "fulfil"}}""");
        ActionCommands.Event fromEventTask = new ActionCommands.Event(
                "conductor:wf:evt", "m-1", json("{\"taskToDomain\": {\"task_a\": \"d2,NO_DOMAIN\"}}"));
        assertThat(ActionCommands.build(h, h.actions().get(0), fromEventTask, "m-1-h1-0", 1L)
                        .getTaskToDomain())
                .isEqualTo(java.util.Map.of("task_a", "d2,NO_DOMAIN"));
    }

    @Test
    void startWorkflowResolvesInputFromThePayloadAndDerivesItsIdFromTheCommandId() throws Exception {
        WorkflowControl c = build("""
                {"action": "start_workflow", "start_workflow": {"name": "fulfil", "version": 2,
                  "correlationId": "order-${orderId}",
                  "input": {"orderId": "${orderId}", "dataId": "${$.data.id}", "items": "${data.items}",
                            "whole": "${$}", "text": "order ${orderId} of ${amount}", "missing": "${nope}", "fixed": 5}}}""");

        assertThat(c.getType()).isEqualTo(ControlType.START);
        assertThat(c.getCommandId()).isEqualTo("orders-0-42-h1-0");
        assertThat(c.getWorkflowId()).isEqualTo(ActionCommands.workflowIdFor("orders-0-42-h1-0"));
        assertThat(ActionCommands.workflowIdFor("orders-0-42-h1-0"))
                .isEqualTo(ActionCommands.workflowIdFor("orders-0-42-h1-0"))
                .isNotEqualTo(ActionCommands.workflowIdFor("orders-0-43-h1-0"));
        assertThat(c.getWorkflowName()).isEqualTo("fulfil");
        assertThat(c.getWorkflowVersion()).isEqualTo(2);
        assertThat(c.getCorrelationId()).isEqualTo("order-o-1");
        assertThat(c.getRequestedBy()).isEqualTo("event-handler:h1");
        assertThat(c.getTimestamp()).isEqualTo(1_000L);
        JsonNode input = json(c.getInput());
        assertThat(input.get("orderId").asText()).isEqualTo("o-1");
        assertThat(input.get("dataId").isInt()).isTrue();
        assertThat(input.get("dataId").asInt()).isEqualTo(7);
        assertThat(input.get("items")).isEqualTo(json("[\"x\", \"y\"]"));
        assertThat(input.get("whole")).isEqualTo(PAYLOAD);
        assertThat(input.get("text").asText()).isEqualTo("order o-1 of 12.5");
        assertThat(input.get("missing").isNull()).isTrue();
        assertThat(input.get("fixed").asInt()).isEqualTo(5);
        assertThat(input.get("conductor.event.messageId").asText()).isEqualTo("orders-0-42");
        assertThat(input.get("conductor.event.name").asText()).isEqualTo("kafka:orders");
    }

    @Test
    void completeTaskSignalsTheTaskByReferenceWithTheResolvedOutput() throws Exception {
        WorkflowControl c = build("""
                {"action": "complete_task", "complete_task": {"workflowId": "${workflowId}", "taskRefName": "${ref}",
                  "output": {"approved": true, "order": "${orderId}"}}}""");

        assertThat(c.getType()).isEqualTo(ControlType.SIGNAL);
        assertThat(c.getWorkflowId()).isEqualTo("wf-9");
        assertThat(c.getTaskRef()).isEqualTo("wait_ref");
        assertThat(c.getTaskId()).isNull();
        assertThat(c.getTaskStatus()).isEqualTo(TaskReplyStatus.COMPLETED);
        JsonNode out = json(c.getTaskOutput());
        assertThat(out.get("approved").asBoolean()).isTrue();
        assertThat(out.get("order").asText()).isEqualTo("o-1");
        assertThat(out.get("workflowId").asText()).isEqualTo("wf-9");
        assertThat(out.has("taskId")).isFalse();
        assertThat(out.get("conductor.event.messageId").asText()).isEqualTo("orders-0-42");
    }

    @Test
    void failTaskByTaskIdFailsTheTask() throws Exception {
        WorkflowControl c = build("""
                {"action": "fail_task", "fail_task": {"workflowId": "${workflowId}", "taskId": "t-${data.id}"}}""");

        assertThat(c.getType()).isEqualTo(ControlType.SIGNAL);
        assertThat(c.getTaskRef()).isNull();
        assertThat(c.getTaskId()).isEqualTo("t-7");
        assertThat(c.getTaskStatus()).isEqualTo(TaskReplyStatus.FAILED);
        assertThat(c.getReason()).isEqualTo("failed by event handler h1 on kafka:orders");
    }

    @Test
    void terminateAndUpdateVariables() throws Exception {
        WorkflowControl t = build("""
                {"action": "terminate_workflow", "terminate_workflow": {"workflowId": "${workflowId}",
                  "terminationReason": "order ${orderId} cancelled"}}""");
        assertThat(t.getType()).isEqualTo(ControlType.TERMINATE);
        assertThat(t.getWorkflowId()).isEqualTo("wf-9");
        assertThat(t.getReason()).isEqualTo("order o-1 cancelled");

        WorkflowControl u = build("""
                {"action": "update_workflow_variables", "update_workflow_variables": {"workflowId": "${workflowId}",
                  "variables": {"lastOrder": "${orderId}", "items": "${data.items}"}, "appendArray": true}}""");
        assertThat(u.getType()).isEqualTo(ControlType.UPDATE_VARIABLES);
        assertThat(u.getWorkflowId()).isEqualTo("wf-9");
        assertThat(json(u.getInput())).isEqualTo(json("{\"lastOrder\": \"o-1\", \"items\": [\"x\", \"y\"]}"));
        assertThat(u.getAppendArray()).isTrue();
    }

    @Test
    void expandInlineJsonMakesEmbeddedDocumentsAddressable() throws Exception {
        String action = """
                {"action": "start_workflow", "expandInlineJSON": %s,
                 "start_workflow": {"name": "w", "input": {"n": "${embedded.inner.n}"}}}""";
        assertThat(json(build(action.formatted("true")).getInput()).get("n").asInt())
                .isEqualTo(1);
        assertThat(json(build(action.formatted("false")).getInput()).get("n").isNull())
                .isTrue();
    }

    @Test
    void anActionWhoseTargetResolvesToNothingCannotBeBuilt() {
        assertThatThrownBy(() -> build("""
                {"action": "terminate_workflow", "terminate_workflow": {"workflowId": "${nope}"}}"""))
                .isInstanceOf(ActionCommands.ActionException.class)
                .hasMessage("terminate_workflow.workflowId resolved to no value");
        assertThatThrownBy(() -> build("""
                {"action": "complete_task", "complete_task": {"workflowId": "${workflowId}", "taskRefName": "${nope}"}}"""))
                .isInstanceOf(ActionCommands.ActionException.class)
                .hasMessageContaining("taskRefName and taskId");
    }

    @Test
    void commandIdsNameTheRecordTheHandlerAndTheAction() {
        assertThat(ActionCommands.commandId("orders", 3, 42L, "h1", 1)).isEqualTo("orders-3-42-h1-1");
    }
}

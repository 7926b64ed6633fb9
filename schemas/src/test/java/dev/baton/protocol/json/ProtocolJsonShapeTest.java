package dev.baton.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.protocol.ControlType;
import dev.baton.protocol.TaskCommand;
import dev.baton.protocol.TaskReply;
import dev.baton.protocol.TaskReplyStatus;
import dev.baton.protocol.WorkflowControl;
import dev.baton.protocol.WorkflowEvent;
import dev.baton.protocol.WorkflowEventType;
import dev.baton.protocol.WorkflowSnapshot;
import dev.baton.protocol.WorkflowStatus;
import org.junit.jupiter.api.Test;

/** The JSON of protocol records is the plain shape a person or a non-Avro client expects. */
class ProtocolJsonShapeTest {

    @Test
    void taskCommandFieldsArePlainValues() {
        JsonNode json = AvroJson.toJsonNode(ProtocolSamples.taskCommand());

        assertThat(json.get("workflowId").isTextual()).isTrue();
        assertThat(json.get("workflowId").textValue()).isEqualTo("wf-1");
        assertThat(json.get("attempt").isInt()).isTrue();
        assertThat(json.get("attempt").intValue()).isEqualTo(2);
        assertThat(json.get("correlationId").textValue()).isEqualTo("order-17");
        assertThat(json.get("scheduledTime").longValue()).isEqualTo(1_700_000_000_123L);
        assertThat(AvroJson.toJson(ProtocolSamples.taskCommand()))
                .contains("\"correlationId\":\"order-17\"", "\"attempt\":2", "\"scheduledTime\":1700000000123");
    }

    @Test
    void jsonTextFieldsStayStrings() {
        JsonNode command = AvroJson.toJsonNode(ProtocolSamples.taskCommand());
        JsonNode snapshot = AvroJson.toJsonNode(ProtocolSamples.workflowSnapshot());
        JsonNode event = AvroJson.toJsonNode(ProtocolSamples.workflowEvent());

        assertThat(command.get("input").isTextual()).isTrue();
        assertThat(command.get("input").textValue()).isEqualTo(ProtocolSamples.INPUT);
        assertThat(snapshot.get("variables").textValue()).isEqualTo("{\"retries\":0}");
        assertThat(event.get("payload").textValue()).isEqualTo("{\"receipt\":\"r-1\"}");
    }

    @Test
    void enumsAreTheirSymbol() {
        assertThat(AvroJson.toJsonNode(ProtocolSamples.taskReply())
                        .get("status")
                        .textValue())
                .isEqualTo("FAILED");
        assertThat(AvroJson.toJsonNode(ProtocolSamples.workflowControl())
                        .get("type")
                        .textValue())
                .isEqualTo("SIGNAL");
        assertThat(AvroJson.toJsonNode(ProtocolSamples.workflowControl())
                        .get("taskStatus")
                        .textValue())
                .isEqualTo("COMPLETED");
        assertThat(AvroJson.toJsonNode(ProtocolSamples.workflowEvent())
                        .get("type")
                        .textValue())
                .isEqualTo("TASK_COMPLETED");
        assertThat(AvroJson.toJsonNode(ProtocolSamples.workflowSnapshot())
                        .get("status")
                        .textValue())
                .isEqualTo("RUNNING");
    }

    @Test
    void nullFieldsAreWrittenAsNullAndArraysAsArrays() {
        JsonNode reply = AvroJson.toJsonNode(ProtocolSamples.minimalTaskReply());
        JsonNode snapshot = AvroJson.toJsonNode(ProtocolSamples.workflowSnapshot());

        assertThat(reply.get("output").isNull()).isTrue();
        assertThat(reply.get("callbackAfterSeconds").isNull()).isTrue();
        assertThat(reply.get("logs").isArray()).isTrue();
        assertThat(reply.get("logs")).isEmpty();
        assertThat(AvroJson.toJsonNode(ProtocolSamples.taskReply())
                        .get("logs")
                        .get(1)
                        .textValue())
                .isEqualTo("declined");
        assertThat(snapshot.get("tasks").get(0).get("taskRef").textValue()).isEqualTo("charge_ref");
        assertThat(snapshot.get("tasks").get(1).get("endTime").isNull()).isTrue();
    }

    @Test
    void handWrittenJsonReadsWithDefaultsForOmittedFields() {
        String json = "{\"workflowId\":\"wf-9\",\"taskId\":\"t-9\",\"taskRef\":\"r\","
                + "\"attempt\":3,\"status\":\"IN_PROGRESS\",\"callbackAfterSeconds\":60}";

        TaskReply reply = AvroJson.fromJson(json, TaskReply.class);

        assertThat(reply.getStatus()).isEqualTo(TaskReplyStatus.IN_PROGRESS);
        assertThat(reply.getCallbackAfterSeconds()).isEqualTo(60L);
        assertThat(reply.getOutput()).isNull();
        assertThat(reply.getReason()).isNull();
        assertThat(reply.getLogs()).isEmpty();
    }

    @Test
    void startCommandReadsFromMinimalJson() {
        String json = "{\"commandId\":\"c\",\"workflowId\":\"wf\",\"type\":\"START\","
                + "\"workflowName\":\"order\",\"input\":\"{\\\"a\\\":1}\",\"timestamp\":5}";

        WorkflowControl control = AvroJson.fromJson(json, WorkflowControl.class);

        assertThat(control.getType()).isEqualTo(ControlType.START);
        assertThat(control.getWorkflowName()).isEqualTo("order");
        assertThat(control.getWorkflowVersion()).isNull();
        assertThat(control.getInput()).isEqualTo("{\"a\":1}");
        assertThat(control.getTaskStatus()).isNull();
    }

    @Test
    void unknownEnumSymbolsFromNewerWritersReadAsUnknown() {
        String json = "{\"eventId\":\"e\",\"workflowId\":\"wf\",\"seq\":1,\"timestamp\":1,"
                + "\"type\":\"SOMETHING_NEW\",\"workflowName\":\"w\",\"workflowVersion\":1,"
                + "\"addedLater\":{\"x\":1}}";

        WorkflowEvent event = AvroJson.fromJson(json, WorkflowEvent.class);

        assertThat(event.getType()).isEqualTo(WorkflowEventType.UNKNOWN);
        assertThat(AvroJson.fromJson(
                                "{\"workflowId\":\"w\",\"workflowName\":\"n\","
                                        + "\"workflowVersion\":1,\"status\":\"ARCHIVED\",\"startTime\":1,\"updateTime\":1,"
                                        + "\"lastSeq\":0}",
                                WorkflowSnapshot.class)
                        .getStatus())
                .isEqualTo(WorkflowStatus.UNKNOWN);
    }

    @Test
    void missingRequiredFieldIsAnErrorNamingIt() {
        String json = "{\"workflowId\":\"wf\",\"taskId\":\"t\",\"taskRef\":\"r\",\"taskType\":\"x\","
                + "\"replyTo\":\"baton.replies\",\"input\":\"{}\",\"scheduledTime\":1}";

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AvroJson.fromJson(json, TaskCommand.class))
                .isInstanceOf(AvroJsonException.class)
                .hasMessageContaining("$.attempt")
                .hasMessageContaining("required field is missing");
    }
}

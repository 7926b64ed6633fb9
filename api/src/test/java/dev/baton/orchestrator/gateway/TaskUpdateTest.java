package dev.baton.orchestrator.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.engine.input.EngineInput.ReplyStatus;
import dev.baton.engine.model.TaskLog;
import dev.baton.orchestrator.error.ApiException;
import io.micronaut.http.HttpStatus;
import org.junit.jupiter.api.Test;

/** Reading Conductor's TaskResult JSON. */
class TaskUpdateTest {

    @Test
    void readsConductorsTaskResult() {
        TaskUpdate u = TaskUpdate.parse("""
                {"workflowInstanceId": "wf", "taskId": "t", "status": "FAILED", "reasonForIncompletion": "boom",
                 "callbackAfterSeconds": 0, "workerId": "w1", "outputData": {"a": 1}, "extendLease": false,
                 "logs": [{"log": "one", "taskId": "t", "createdTime": 11}, {"log": "two"}],
                 "externalOutputPayloadStoragePath": null, "subWorkflowId": null}""");
        assertThat(u.workflowInstanceId()).isEqualTo("wf");
        assertThat(u.taskId()).isEqualTo("t");
        assertThat(u.status()).isEqualTo(ReplyStatus.FAILED);
        assertThat(u.reasonForIncompletion()).isEqualTo("boom");
        assertThat(u.outputData().get("a").asInt()).isEqualTo(1);
        assertThat(u.workerId()).isEqualTo("w1");
        assertThat(u.logs()).hasSize(2);
        assertThat(u.logs().get(0)).isEqualTo(new TaskLog("one", 11));
        assertThat(u.logs().get(1).createdTime()).isPositive();
    }

    @Test
    void logsAreBoundedAsTheEngineBoundsThem() {
        StringBuilder logs = new StringBuilder("[");
        for (int i = 0; i < 150; i++) {
            logs.append(i == 0 ? "" : ",")
                    .append("{\"log\":\"")
                    .append(i == 149 ? "x".repeat(3_000) : "l" + i)
                    .append("\"}");
        }
        TaskUpdate u = TaskUpdate.parse("{\"taskId\":\"t\",\"status\":\"COMPLETED\",\"logs\":" + logs + "]}");
        assertThat(u.logs()).hasSize(TaskUpdate.MAX_LOG_LINES);
        assertThat(u.logs().get(0).log()).isEqualTo("l50");
        assertThat(u.logs().get(99).log()).hasSize(TaskUpdate.MAX_LOG_CHARS);
    }

    @Test
    void badInputNamesTheField() {
        assertBad("", "body");
        assertBad("[1]", "body");
        assertBad("{\"status\":\"COMPLETED\"}", "taskId");
        assertBad("{\"taskId\":\"t\"}", "status");
        assertBad("{\"taskId\":\"t\",\"status\":\"SCHEDULED\"}", "status");
        assertBad("{\"taskId\":\"t\",\"status\":\"COMPLETED\",\"outputData\":\"x\"}", "outputData");
        assertBad("{\"taskId\":\"t\",\"status\":\"IN_PROGRESS\",\"callbackAfterSeconds\":-1}", "callbackAfterSeconds");
        assertBad("{\"taskId\":\"t\",\"status\":\"COMPLETED\",\"logs\":[{\"nolog\":1}]}", "logs[0]");
    }

    private static void assertBad(String body, String field) {
        assertThatThrownBy(() -> TaskUpdate.parse(body)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
            assertThat(e.fields()).singleElement().extracting(f -> f.path()).isEqualTo(field);
        });
    }
}

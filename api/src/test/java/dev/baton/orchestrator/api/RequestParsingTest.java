package dev.baton.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.orchestrator.error.ApiError;
import dev.baton.orchestrator.error.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Query parameters, bodies, start requests and definition bodies: what is read, and what is refused with which field. */
class RequestParsingTest {

    private static void refused(Runnable r, String path, String problem) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status().getCode()).isEqualTo(400);
            assertThat(e.fields()).anySatisfy(f -> {
                assertThat(f.path()).isEqualTo(path);
                assertThat(f.message()).contains(problem);
            });
        });
    }

    @Test
    void queryParametersAreStrict() {
        assertThat(QueryParams.optionalInt("v", null, 1, 5)).isNull();
        assertThat(QueryParams.optionalInt("v", "", 1, 5)).isNull();
        assertThat(QueryParams.optionalInt("v", " 3 ", 1, 5)).isEqualTo(3);
        refused(() -> QueryParams.optionalInt("v", "6", 1, 5), "v", "between 1 and 5");
        refused(() -> QueryParams.optionalInt("v", "99999999999999999999", 1, 5), "v", "whole number");
        refused(() -> QueryParams.optionalInt("v", "1.0", 1, 5), "v", "whole number");
        assertThat(QueryParams.bool("b", "TRUE", false)).isTrue();
        assertThat(QueryParams.bool("b", null, true)).isTrue();
        refused(() -> QueryParams.bool("b", "1", false), "b", "true or false");
        refused(() -> QueryParams.optionalLong("t", "now"), "t", "whole number");
    }

    @Test
    void bodiesAreJsonOnly() {
        refused(() -> JsonBodies.required(null), "$", "required");
        refused(() -> JsonBodies.required("{\"a\":1} x"), "$", "not valid JSON");
        refused(() -> JsonBodies.required("{a:1}"), "$", "not valid JSON");
        refused(() -> JsonBodies.requiredObject("[1]"), "$", "expected a JSON object but got an array");
        refused(() -> JsonBodies.required("[".repeat(5000)), "$", "not valid JSON");
        assertThat(JsonBodies.optional(" ")).isNull();
    }

    @Test
    void startRequestsReadEveryConductorField() {
        ObjectNode body = (ObjectNode) JsonBodies.required("""
                {"name":"w","version":2,"correlationId":"c","input":{"a":1},"taskToDomain":{"*":"d"},
                 "priority":7,"idempotencyKey":"k","idempotencyStrategy":"return_existing","createdBy":"me"}""");
        StartRequest r = StartRequest.parse(body);
        assertThat(r.name()).isEqualTo("w");
        assertThat(r.version()).isEqualTo(2);
        assertThat(r.input().get("a").asInt()).isEqualTo(1);
        assertThat(r.taskToDomain()).containsEntry("*", "d");
        assertThat(r.priority()).isEqualTo(7);
        assertThat(r.idempotencyStrategy()).isEqualTo(StartRequest.IdempotencyStrategy.RETURN_EXISTING);
        assertThat(StartRequest.parse((ObjectNode) JsonBodies.required("{\"name\":\"w\",\"idempotencyKey\":\"k\"}"))
                        .idempotencyStrategy())
                .isEqualTo(StartRequest.IdempotencyStrategy.FAIL);
        assertThat(StartRequest.parse((ObjectNode) JsonBodies.required("{\"name\":\"w\",\"idempotencyKey\":\"\"}"))
                        .idempotencyKey())
                .isNull();
    }

    @Test
    void startRequestsRefuseWrongTypesByField() {
        refused(() -> start("{\"version\":1}"), "$.name", "required");
        refused(() -> start("{\"name\":7}"), "$.name", "expected a string but got a whole number");
        refused(() -> start("{\"name\":\"w\",\"version\":1.5}"), "$.version", "whole number");
        refused(() -> start("{\"name\":\"w\",\"input\":\"x\"}"), "$.input", "expected a JSON object");
        refused(() -> start("{\"name\":\"w\",\"priority\":-1}"), "$.priority", "between 0 and 99");
        refused(() -> start("{\"name\":\"w\",\"taskToDomain\":{\"t\":[]}}"), "$.taskToDomain.t", "expected a string");
        refused(
                () -> start("{\"name\":\"w\",\"externalInputPayloadStoragePath\":\"p\"}"),
                "$.externalInputPayloadStoragePath",
                "not supported");
        refused(
                () -> start("{\"name\":\"other\",\"workflowDef\":{\"name\":\"w\",\"tasks\":[{\"type\":\"NOOP\","
                        + "\"name\":\"n\",\"taskReferenceName\":\"n\"}]}}"),
                "$.name",
                "does not match");
        refused(
                () -> start("{\"workflowDef\":{\"name\":\"w\",\"tasks\":[]}}"),
                "$.workflowDef.tasks",
                "at least one task");
    }

    @Test
    void definitionListsReportEveryBadElementAtItsIndex() {
        assertThatThrownBy(
                        () -> DefinitionBodies.tasks(JsonBodies.required("[{\"name\":\"ok\"},{\"retryCount\":-1},7]")))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.fields())
                                .extracting(ApiError.FieldError::path)
                                .contains("$[1].name", "$[1].retryCount", "$[2]"));
        assertThat(DefinitionBodies.tasks(JsonBodies.required("[{\"name\":\"a\"},{\"name\":\"b\"}]")))
                .extracting(dev.baton.dsl.TaskDef::name)
                .containsExactly("a", "b");
    }

    @Test
    void aRegisteredTaskDefinitionsResponseTimeoutMustFitItsTimeoutAsInConductor() {
        refused(
                () -> DefinitionBodies.task(
                        JsonBodies.required("{\"name\":\"t\",\"timeoutSeconds\":10,\"responseTimeoutSeconds\":20}"),
                        "$"),
                "$.responseTimeoutSeconds",
                "must be less than timeoutSeconds: 10");
    }

    @Test
    void taskNamesMustMakeLegalTopicNames() {
        refused(
                () -> DefinitionBodies.task(JsonBodies.required("{\"name\":\"a b\"}"), "$"),
                "$.name",
                "not a legal Kafka topic name");
        refused(
                () -> DefinitionBodies.task(JsonBodies.required("{\"name\":\"ok\",\"commandTopic\":\"x/y\"}"), "$"),
                "$.commandTopic",
                "Kafka topic name");
        refused(
                () -> DefinitionBodies.task(JsonBodies.required("{\"name\":\"" + "t".repeat(250) + "\"}"), "$"),
                "$.name",
                "longer than");
        refused(
                () -> DefinitionBodies.workflows(JsonBodies.required("""
                [{"name":"w","tasks":[{"name":"fork","taskReferenceName":"f","type":"FORK_JOIN",
                  "forkTasks":[[{"name":"ok","taskReferenceName":"a"}],[{"name":"not ok","taskReferenceName":"b"}]]},
                  {"name":"join","taskReferenceName":"j","type":"JOIN","joinOn":["a","b"]}]}]""")),
                "$[0].tasks[0].forkTasks[1][0].name",
                "not a legal Kafka topic name");
        assertThat(DefinitionBodies.task(JsonBodies.required("{\"name\":\"Ok.name_1-2\"}"), "$")
                        .name())
                .isEqualTo("Ok.name_1-2");
    }

    @Test
    void idempotentIdsAreStablePerNameKeyAndRun() {
        assertThat(IdempotentIds.id("w", "k", 0)).isEqualTo(IdempotentIds.id("w", "k", 0));
        assertThat(List.of(IdempotentIds.id("w", "k", 1), IdempotentIds.id("v", "k", 0), IdempotentIds.id("w", "j", 0)))
                .doesNotContain(IdempotentIds.id("w", "k", 0))
                .doesNotHaveDuplicates();
        assertThat(IdempotentIds.id("w", "k", 0))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    private static StartRequest start(String json) {
        return StartRequest.parse((ObjectNode) JsonBodies.required(json));
    }
}

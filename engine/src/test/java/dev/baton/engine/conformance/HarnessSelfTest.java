package dev.baton.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The conformance harness's own rules: matching, patching, the known-failures file, and that a wrong expectation fails. */
class HarnessSelfTest {
    private static final JsonMatcher MATCHER = new JsonMatcher(new JsonMatcher.Ids() {
        @Override
        public String workflowId(String name) {
            return name.equals("main") ? "wf-1" : null;
        }

        @Override
        public String taskId(String ref, String of) {
            return ref.equals("t1") ? "task-1" : null;
        }
    });

    private static JsonNode json(String text) {
        try {
            return Corpus.JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static boolean matches(String expected, String actual) {
        return matches(expected, actual, false);
    }

    private static boolean matches(String expected, String actual, boolean exact) {
        JsonNode a = actual == null ? null : json(actual);
        return MATCHER.match(json(expected), a, "$", exact, "own-1").isEmpty();
    }

    @Test
    void objectsMatchAsSubsetsAndArraysByLength() {
        assertThat(matches("{\"a\":1}", "{\"a\":1.0,\"b\":2}")).isTrue();
        assertThat(matches("{\"a\":{\"x\":1}}", "{\"a\":{\"x\":1,\"y\":2}}")).isTrue();
        assertThat(matches("{\"a\":{\"x\":1}}", "{\"a\":{\"x\":1,\"y\":2}}", true))
                .isFalse();
        assertThat(matches("{}", "{}", true)).isTrue();
        assertThat(matches("[1,2]", "[1,2,3]")).isFalse();
        assertThat(matches("[{\"a\":1}]", "[{\"a\":1,\"b\":0}]")).isTrue();
        assertThat(matches("\"1\"", "1")).isFalse();
    }

    @Test
    void nullMeansPresentAndNull() {
        assertThat(matches("{\"k\":null}", "{\"k\":null}")).isTrue();
        assertThat(matches("{\"k\":null}", "{}")).isFalse();
        assertThat(matches("{\"k\":{\"$nullish\":true}}", "{}")).isTrue();
        assertThat(matches("{\"k\":{\"$nullish\":true}}", "{\"k\":null}")).isTrue();
        assertThat(matches("{\"k\":{\"$present\":true}}", "{\"k\":null}")).isFalse();
        assertThat(matches("{\"k\":{\"$present\":true}}", "{\"k\":0}")).isTrue();
    }

    @Test
    void matchers() {
        assertThat(matches("{\"$ne\":0}", "5")).isTrue();
        assertThat(matches("{\"$ne\":0}", "0.0")).isFalse();
        assertThat(matches("{\"$in\":[\"a\",\"b\"]}", "\"b\"")).isTrue();
        assertThat(matches("{\"$contains\":\"bc\"}", "\"abcd\"")).isTrue();
        assertThat(matches("{\"$contains\":\"x\"}", "\"abcd\"")).isFalse();
        assertThat(matches("{\"$fmt\":\"Task {taskId:t1} of {workflowId:main}\"}", "\"Task task-1 of wf-1\""))
                .isTrue();
        assertThat(matches("{\"$fmt\":\"{taskId:nope}\"}", "\"x\"")).isFalse();
        assertThat(matches("{\"$taskId\":\"t1\"}", "\"task-1\"")).isTrue();
        assertThat(matches("{\"$ownTaskId\":true}", "\"own-1\"")).isTrue();
        assertThat(matches("{\"$ownTaskId\":true}", "\"task-1\"")).isFalse();
        assertThat(matches("{\"$workflowId\":\"main\"}", "\"wf-1\"")).isTrue();
        assertThat(matches("{\"$length\":2}", "[1,2]")).isTrue();
        assertThat(matches("{\"$length\":2}", "[1]")).isFalse();
        assertThat(matches("{\"$bogus\":1}", "1")).isFalse();
    }

    @Test
    void jsonPatchAddReplaceRemove() {
        JsonNode doc = json("{\"a\":{\"b\":1},\"list\":[1,2]}");
        JsonNode out = JsonPatch.apply(doc, json("""
                [{"op":"add","path":"/a/c","value":2},{"op":"replace","path":"/a/b","value":3},
                 {"op":"add","path":"/list/-","value":9},{"op":"add","path":"/list/0","value":0},
                 {"op":"remove","path":"/list/1"}]"""));
        assertThat(out).isEqualTo(json("{\"a\":{\"b\":3,\"c\":2},\"list\":[0,2,9]}"));
        assertThat(doc).isEqualTo(json("{\"a\":{\"b\":1},\"list\":[1,2]}"));
        assertThatThrownBy(() -> JsonPatch.apply(doc, json("[{\"op\":\"replace\",\"path\":\"/zz\",\"value\":1}]")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonPatch.apply(doc, json("[{\"op\":\"move\",\"from\":\"/a\",\"path\":\"/b\"}]")))
                .hasMessageContaining("move");
    }

    @Test
    void knownFailuresFileFormat() {
        assertThat(KnownFailures.parse("# header\n\nlinear/01-x  # why\nlinear/02-y\n"))
                .containsEntry("linear/01-x", "why")
                .containsEntry("linear/02-y", "")
                .hasSize(2);
    }

    @Test
    void aWrongExpectationFailsTheScenario() {
        ObjectNode scenario = scenario("linear/01-happy-path");
        ((ObjectNode) scenario.get("steps").get(0).get("expect").get("tasks").get(0)).put("status", "COMPLETED");
        ScenarioResult r = ScenarioRunner.run(Corpus.get(), scenario);
        assertThat(r.passed()).isFalse();
        assertThat(r.failures()).anySatisfy(f -> {
            assertThat(f.where()).isEqualTo("step 0 (start)");
            assertThat(f.message()).contains("tasks[0].status").contains("expected \"COMPLETED\"");
        });
    }

    @Test
    void unknownFieldsAndUnsupportedStepsFail() {
        ObjectNode scenario = scenario("linear/01-happy-path");
        ((ObjectNode) scenario.get("steps").get(0).get("expect")).put("noSuchField", 1);
        assertThat(ScenarioRunner.run(Corpus.get(), scenario).failures())
                .anySatisfy(f -> assertThat(f.message()).contains("noSuchField: unsupported expectation field"));

        ObjectNode withUnknownStep = scenario("linear/01-happy-path");
        ((ArrayNode) withUnknownStep.get("steps")).insert(1, json("{\"do\":\"teleport\"}"));
        ScenarioResult r = ScenarioRunner.run(Corpus.get(), withUnknownStep);
        assertThat(r.firstFailure()).isEqualTo("step 1 (teleport): unknown step kind: teleport");
    }

    @Test
    void inferredChecksDoNotDecideTheVerdict() {
        ObjectNode scenario = scenario("linear/01-happy-path");
        scenario.set("expect", json("{\"taskCount\":{\"$ne\":-1}}"));
        scenario.set("expectInferred", json("[{\"taskCount\":-1},{\"taskCount\":{\"$ne\":-1}}]"));
        scenario.set("steps", json("[{\"do\":\"start\"}]"));
        ScenarioResult r = ScenarioRunner.run(Corpus.get(), scenario);
        assertThat(r.passed()).isTrue();
        assertThat(r.inferredBlocks()).isEqualTo(2);
        assertThat(r.inferredFailed()).isEqualTo(1);
        assertThat(r.inferredFailures())
                .extracting(ScenarioResult.Failure::message)
                .containsExactly("[main] taskCount: expected -1, actual 1");
    }

    private static ObjectNode scenario(String id) {
        List<ObjectNode> all = Corpus.get().scenarios;
        return all.stream()
                .filter(s -> s.path("id").asText().equals(id))
                .findFirst()
                .orElseThrow()
                .deepCopy();
    }
}

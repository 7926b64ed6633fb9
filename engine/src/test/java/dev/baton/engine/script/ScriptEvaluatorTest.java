package dev.baton.engine.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JavaScript as Conductor's scripted tasks use it, in a sandbox with no host access and bounded time. */
class ScriptEvaluatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ScriptEvaluator js = new ScriptEvaluator();

    private JsonNode eval(String script, String input) throws ScriptException {
        try {
            return js.evaluate(script, JSON.readTree(input));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void theInputIsBoundAsDollarAndTheLastValueIsTheResult() throws Exception {
        assertThat(eval("$.value * 2", "{\"value\": 21}").toString()).isEqualTo("42");
        assertThat(eval("$.value / 2", "{\"value\": 3}").toString()).isEqualTo("1.5");
        assertThat(eval("function e() { if ($.x > 1) return 'big'; return 'small'; } e();", "{\"x\": 5}")
                        .asText())
                .isEqualTo("big");
        assertThat(eval("({a: [1, 'two', true, null], b: {c: $.n}})", "{\"n\": 7}")
                        .toString())
                .isEqualTo("{\"a\":[1,\"two\",true,null],\"b\":{\"c\":7}}");
        assertThat(eval("undefined", "{}").isNull()).isTrue();
        assertThat(eval("(function () {})", "{}").isNull()).isTrue();
    }

    @Test
    void anUndefinedPropertyOfTheResultIsKeptAsNull() throws Exception {
        // as Conductor 3.32.1 answered {"n": null, "u": null, "f": 1.5} for this script
        assertThat(eval("({n: $.n, u: undefined, f: 1.5, list: [undefined, 1]})", "{\"n\": null}")
                        .toString())
                .isEqualTo("{\"n\":null,\"u\":null,\"f\":1.5,\"list\":[null,1]}");
    }

    @Test
    void anObjectOrAListOfTheInputTakesPartInComparisonsAndIteration() throws Exception {
        // as in Conductor, where {@code $.param > 0} on an object is simply false
        assertThat(eval("$.param > 0", "{\"param\": {\"number\": 1}}").asBoolean())
                .isFalse();
        assertThat(eval("$.list == 1", "{\"list\": [1, 2]}").asBoolean()).isFalse();
        assertThat(eval("var n = 0; for (var x of $.list) { n += x; } n", "{\"list\": [1, 2, 3]}")
                        .asInt())
                .isEqualTo(6);
    }

    @Test
    void objectsAnswerGetLikeConductorsJavaMaps() throws Exception {
        assertThat(eval("$.get('inner').get('k')", "{\"inner\": {\"k\": \"v\"}}")
                        .asText())
                .isEqualTo("v");
        assertThat(eval("JSON.stringify($)", "{\"a\": 1}").asText()).isEqualTo("{\"a\":1}");
    }

    @Test
    void theRealLoopConditionOfTheConformanceCorpusEvaluates() throws Exception {
        String condition = "if ($.loopTask['iteration'] < $.value) { true; } else { false; }";
        assertThat(eval(condition, "{\"value\": 2, \"loopTask\": {\"iteration\": 1}}")
                        .asBoolean())
                .isTrue();
        assertThat(eval(condition, "{\"value\": 2, \"loopTask\": {\"iteration\": 2}}")
                        .asBoolean())
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "java.lang.System.exit(1)",
                "Packages.java.lang.Runtime.getRuntime()",
                "Java.type('java.lang.System')",
                "importPackage(java.io)",
                "load('/etc/passwd')",
                "readFile('/etc/passwd')",
                "this.constructor.constructor('return java')().lang.System",
                "org.mozilla.javascript.Context.getCurrentContext()"
            })
    void theHostIsOutOfReach(String escape) {
        assertThatThrownBy(() -> eval(escape, "{}")).isInstanceOf(ScriptException.class);
    }

    @Test
    void anEndlessLoopStopsAtTheTimeLimit() {
        ScriptEvaluator quick = new ScriptEvaluator(ScriptLimits.defaults().withTimeout(Duration.ofMillis(100)));
        long start = System.nanoTime();
        assertThatThrownBy(() -> quick.evaluate("while (true) {}", JSON.createObjectNode()))
                .isInstanceOfSatisfying(ScriptException.class, e -> {
                    assertThat(e.kind()).isIn(ScriptException.Kind.TIMEOUT, ScriptException.Kind.LIMIT);
                    assertThat(e.getMessage()).contains("exceeded");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aHugeStringIsRefusedBeforeItIsBuilt() {
        assertThatThrownBy(() -> eval("'x'.repeat(2000000000)", "{}"))
                .isInstanceOfSatisfying(
                        ScriptException.class, e -> assertThat(e.getMessage()).contains("longer than"));
        assertThatThrownBy(() -> eval("var s = 'x'; while (true) { s = s + s; }", "{}"))
                .isInstanceOf(ScriptException.class);
    }

    @Test
    void errorsSayWhatWentWrong() {
        assertThatThrownBy(() -> eval("function (", "{}"))
                .isInstanceOfSatisfying(
                        ScriptException.class, e -> assertThat(e.kind()).isEqualTo(ScriptException.Kind.SYNTAX));
        assertThatThrownBy(() -> eval("throw new Error('nope')", "{}"))
                .isInstanceOfSatisfying(ScriptException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ScriptException.Kind.RUNTIME);
                    assertThat(e.getMessage()).contains("nope");
                });
    }

    @Test
    void oneEvaluationLeavesNothingBehindForTheNext() throws Exception {
        eval("String.prototype.evil = 1; globalThis.leak = 2; 0", "{}");
        assertThat(eval("typeof ''.evil + ',' + typeof leak", "{}").asText()).isEqualTo("undefined,undefined");
    }

    @Test
    void aWarmEvaluationCostsUnderFiveMillisecondsOfCpu() throws Exception {
        JsonNode input = JSON.readTree("{\"value\": 3}");
        for (int i = 0; i < 200; i++) {
            js.evaluate("$.value + 1", input);
        }
        // CPU time of this thread, not wall time: other processes on a busy machine do not count
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        int runs = 500;
        for (int i = 0; i < runs; i++) {
            js.evaluate("$.value + 1", input);
        }
        double perRunMs = (threads.getCurrentThreadCpuTime() - start) / 1e6 / runs;
        System.out.printf("warm JavaScript evaluation: %.3f ms of CPU%n", perRunMs);
        assertThat(perRunMs).isLessThan(5.0);
    }
}

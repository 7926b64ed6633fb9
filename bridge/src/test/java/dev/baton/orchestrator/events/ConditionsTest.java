package dev.baton.orchestrator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Handler conditions: Conductor's JavaScript over the payload as {@code $}, in the engine's sandbox. */
class ConditionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Conditions conditions = new Conditions();
    private final JsonNode payload = json("""
            {"fileType": "AUDIO", "version": 3, "metadata": {"length": 300, "codec": "aac"}, "tags": ["a", "b"]}""");

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private boolean holds(String condition) throws Conditions.ConditionException {
        return conditions.test(condition, null, payload, Map.of());
    }

    @Test
    void conductorsDocumentedExamples() throws Exception {
        assertThat(holds("$.version > 1")).isTrue();
        assertThat(holds("$.version > 10")).isFalse();
        assertThat(holds("$.metadata.length == 300")).isTrue();
        assertThat(holds("$.fileType == 'AUDIO' && $.metadata.codec === 'aac'")).isTrue();
    }

    @Test
    void anEmptyConditionAlwaysHolds() throws Exception {
        assertThat(holds(null)).isTrue();
        assertThat(holds("  ")).isTrue();
    }

    @Test
    void resultsOtherThanTrueOrAPositiveNumberDoNotHold() throws Exception {
        assertThat(holds("$.version")).isTrue();
        assertThat(holds("$.version - 3")).isFalse();
        assertThat(holds("'true'")).isFalse();
        assertThat(holds("$.missing")).isFalse();
        assertThat(holds("$.tags.length == 2")).isTrue();
    }

    @Test
    void statementsAndConductorsMapStyleAccessWork() throws Exception {
        assertThat(holds("var v = $.get('version'); v * 2 == 6")).isTrue();
        assertThat(holds("(function () { return $.tags.indexOf('b') >= 0; })()"))
                .isTrue();
    }

    @Test
    void headersAreVisibleAsHeaders() throws Exception {
        assertThat(conditions.test("headers['source'] == 'billing'", null, payload, Map.of("source", "billing")))
                .isTrue();
        assertThat(conditions.test("headers['source'] == 'billing'", "javascript", payload, Map.of()))
                .isFalse();
    }

    @Test
    void graaljsIsTheSameJavascriptAndValueParamReadsAField() throws Exception {
        assertThat(conditions.test("$.version > 1", "graaljs", payload, Map.of()))
                .isTrue();
        assertThat(conditions.test("version", "value-param", payload, Map.of())).isTrue();
        assertThat(conditions.test("missing", "value-param", payload, Map.of())).isFalse();
    }

    @Test
    void aConditionThatFailsOnThePayloadIsAnError() {
        assertThatThrownBy(() -> holds("$.nothing.deeper > 1"))
                .isInstanceOf(Conditions.ConditionException.class)
                .hasMessageContaining("script failed");
        assertThatThrownBy(() -> holds("while (true) {}")).isInstanceOf(Conditions.ConditionException.class);
    }

    @Test
    void syntaxErrorsAndUnknownEvaluatorsAreProblemsButPayloadDependentErrorsAreNot() {
        assertThat(conditions.problem("$.version >", null))
                .startsWith("condition is not usable JavaScript: script error");
        assertThat(conditions.problem("$.a.b.c > 1", null)).isNull();
        assertThat(conditions.problem("$.version > 1", "javascript")).isNull();
        assertThat(conditions.problem("x", "python")).startsWith("evaluatorType");
        assertThat(conditions.problem("while (true) {}", null)).startsWith("condition is not usable JavaScript");
    }
}

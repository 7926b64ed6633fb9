package dev.baton.engine.script;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * A script's input is converted only where the script reads it, yet it behaves exactly as the
 * object {@code JSON.parse} gives (plus Conductor's {@code get}/{@code size}).
 */
class LazyInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ScriptEvaluator js = new ScriptEvaluator();

    private String eval(String script, String input) throws Exception {
        return js.evaluate(script, JSON.readTree(input)).toString();
    }

    @Test
    void keysKeepDocumentOrderAndEnumerateLikeParsedJson() throws Exception {
        String doc = "{\"z\": 1, \"a\": {\"y\": [1, {\"k\": \"v\"}]}, \"m\": null}";
        assertThat(eval("Object.keys($).join(',')", doc)).isEqualTo("\"z,a,m\"");
        assertThat(eval("$.a; $.z; Object.keys($).join(',')", doc)).isEqualTo("\"z,a,m\"");
        assertThat(eval("var ks = []; for (var k in $) ks.push(k); ks.join(',')", doc))
                .isEqualTo("\"z,a,m\"");
        assertThat(eval("JSON.stringify($)", doc))
                .isEqualTo(JSON.writeValueAsString(JSON.readTree(doc).toString()));
        assertThat(eval("$", doc)).isEqualTo(JSON.readTree(doc).toString());
    }

    @Test
    void membersAreWritableDeletableAndTestable() throws Exception {
        String doc = "{\"a\": 1, \"b\": 2}";
        assertThat(eval("$.a = 5; $.c = 3; delete $.b; JSON.stringify($)", doc))
                .isEqualTo("\"{\\\"a\\\":5,\\\"c\\\":3}\"");
        assertThat(eval("['a' in $, 'b' in $, 'x' in $, $.hasOwnProperty('a'), $.x === undefined]", doc))
                .isEqualTo("[true,true,false,true,true]");
        assertThat(eval("$.a === $.a && $.n === null", "{\"a\": {\"b\": 1}, \"n\": null}"))
                .isEqualTo("true");
        assertThat(eval("Object.assign({}, $, {b: 9})", doc)).isEqualTo("{\"a\":1,\"b\":9}");
    }

    @Test
    void arraysAreRealArraysWithGetAndSize() throws Exception {
        String doc = "{\"list\": [3, 1, 2], \"objs\": [{\"n\": 1}, {\"n\": 2}]}";
        assertThat(eval("Array.isArray($.list) && $.list.length === 3", doc)).isEqualTo("true");
        assertThat(eval("$.list.slice().sort().join('-')", doc)).isEqualTo("\"1-2-3\"");
        assertThat(eval("$.objs.map(function (o) { return o.n * 10; })", doc)).isEqualTo("[10,20]");
        assertThat(eval("[$.list.get(0), $.list.size(), $.size(), $.get('objs').get(1).get('n')]", doc))
                .isEqualTo("[3,3,2,2]");
    }

    @Test
    void numbersBooleansAndTextKeepTheirTypes() throws Exception {
        String doc = "{\"i\": 7, \"d\": 2.5, \"big\": 12345678901, \"t\": true, \"s\": \"x\"}";
        assertThat(eval("[$.i + 1, $.d * 2, $.big + 1, !$.t, $.s + 'y', typeof $.i]", doc))
                .isEqualTo("[8,5,12345678902,false,\"xy\",\"number\"]");
    }

    @Test
    void aHugeStringBuiltByConcatenationIsRefusedAsAResult() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> js.evaluate(
                        "var s = 'x'; for (var i = 0; i < 26; i++) { s = s + s; } s", JSON.createObjectNode()))
                .isInstanceOf(ScriptException.class)
                .hasMessageContaining("script result longer than");
    }

    @Test
    void aScriptReadingOneMemberOfAHugeInputDoesNotPayForTheRest() throws Exception {
        // given: a DO_WHILE's output after 20,000 passes, as a loop condition sees it
        ObjectNode input = JSON.createObjectNode();
        ObjectNode loop = input.putObject("loop");
        for (int i = 1; i <= 20_000; i++) {
            loop.putObject(Integer.toString(i)).putObject("step").put("result", "x".repeat(100));
        }
        loop.put("iteration", 20_000);
        String condition = "$.loop['iteration'] < 30000";

        // when: evaluated many times (a full conversion of ~2.5 MB each time would take seconds)
        long t0 = System.nanoTime();
        JsonNode result = null;
        for (int i = 0; i < 200; i++) {
            result = js.evaluate(condition, input);
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;

        // then
        assertThat(result.asBoolean()).isTrue();
        assertThat(millis).as("200 evaluations reading one member").isLessThan(5_000);
    }
}

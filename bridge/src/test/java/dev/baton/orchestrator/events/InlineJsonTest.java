package dev.baton.orchestrator.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** expandInlineJSON: documents embedded as text become documents. */
class InlineJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void textHoldingJsonBecomesJsonAtAnyDepthAndTheInputIsUnchanged() throws Exception {
        JsonNode in = JSON.readTree("""
                {"a": "{\\"b\\": 1}", "list": ["[1, 2]", "plain", {"c": " {\\"d\\": true}"}], "bad": "{not json", "n": 3}""");
        String before = in.toString();

        JsonNode out = InlineJson.expand(in);

        assertThat(out).isEqualTo(JSON.readTree("""
                {"a": {"b": 1}, "list": [[1, 2], "plain", {"c": {"d": true}}], "bad": "{not json", "n": 3}"""));
        assertThat(in.toString()).isEqualTo(before);
        assertThat(InlineJson.expand(JSON.readTree("\"[1]\""))).isEqualTo(JSON.readTree("[1]"));
    }
}

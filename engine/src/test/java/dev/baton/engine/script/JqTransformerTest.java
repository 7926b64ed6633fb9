package dev.baton.engine.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class JqTransformerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JqTransformer jq = new JqTransformer();

    @Test
    void runsTheProgramOverTheInputAndKeepsEveryResult() throws Exception {
        JsonNode input =
                JSON.readTree("{\"key1\": {\"value1\": [\"a\", \"b\"]}, \"key2\": {\"value2\": [\"c\", \"d\"]}}");
        assertThat(jq.transform("{ key3: (.key1.value1 + .key2.value2) }", input))
                .containsExactly(JSON.readTree("{\"key3\": [\"a\", \"b\", \"c\", \"d\"]}"));
        List<JsonNode> all = jq.transform(".key1.value1[]", input);
        assertThat(all).extracting(JsonNode::asText).containsExactly("a", "b");
    }

    @Test
    void badProgramsSaySo() {
        assertThatThrownBy(() -> jq.transform("{ broken", JSON.createObjectNode()))
                .isInstanceOfSatisfying(
                        ScriptException.class, e -> assertThat(e.kind()).isEqualTo(ScriptException.Kind.SYNTAX));
        assertThatThrownBy(() -> jq.transform("error(\"custom\")", JSON.createObjectNode()))
                .isInstanceOfSatisfying(
                        ScriptException.class, e -> assertThat(e.getMessage()).contains("custom"));
    }
}

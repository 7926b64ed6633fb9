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
        // the parser's and jq's own words, as Conductor 3.32.1 reported them
        assertThatThrownBy(() -> jq.transform("{a: ", JSON.createObjectNode()))
                .isInstanceOfSatisfying(ScriptException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ScriptException.Kind.SYNTAX);
                    assertThat(e.getMessage()).startsWith("Encountered \"<EOF>\" at line 1, column 4.");
                });
        assertThatThrownBy(() -> jq.transform("nosuchfn", JSON.createObjectNode()))
                .hasMessage("Function nosuchfn/0 does not exist");
        assertThatThrownBy(() -> jq.transform("error(\"custom\")", JSON.createObjectNode()))
                .isInstanceOfSatisfying(
                        ScriptException.class, e -> assertThat(e.getMessage()).contains("custom"));
    }
}

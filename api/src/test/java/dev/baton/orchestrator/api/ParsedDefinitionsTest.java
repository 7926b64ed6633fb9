package dev.baton.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.dsl.DefinitionParser;
import dev.baton.dsl.InvalidDefinitionException;
import dev.baton.dsl.WorkflowDef;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ParsedDefinitionsTest {
    private static final String V1 =
            "{\"name\":\"w\",\"version\":1,\"tasks\":[{\"name\":\"a\",\"taskReferenceName\":\"a\"}]}";
    private static final String V1_CHANGED =
            "{\"name\":\"w\",\"version\":1,\"tasks\":[{\"name\":\"b\",\"taskReferenceName\":\"b\"}]}";

    private final ParsedDefinitions parsed = new ParsedDefinitions(100);
    private final AtomicInteger parses = new AtomicInteger();
    private final Function<String, WorkflowDef> parser = text -> {
        parses.incrementAndGet();
        return DefinitionParser.workflow(text);
    };

    @Test
    void theSameBytesAreParsedOnceAndChangedBytesAgain() {
        WorkflowDef first = parsed.parse("workflow:w:1", bytes(V1), parser);
        WorkflowDef again = parsed.parse("workflow:w:1", bytes(V1), parser);
        assertThat(again).isSameAs(first);
        assertThat(parses).hasValue(1);

        WorkflowDef changed = parsed.parse("workflow:w:1", bytes(V1_CHANGED), parser);
        assertThat(changed.tasks().get(0).name()).isEqualTo("b");
        assertThat(parses).hasValue(2);
    }

    @Test
    void anInvalidDefinitionIsNotRemembered() {
        assertThatThrownBy(() -> parsed.parse("workflow:x:1", bytes("{\"name\":"), parser))
                .isInstanceOf(InvalidDefinitionException.class);
        assertThatThrownBy(() -> parsed.parse("workflow:x:1", bytes("{\"name\":"), parser))
                .isInstanceOf(InvalidDefinitionException.class);
        assertThat(parses).hasValue(2);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

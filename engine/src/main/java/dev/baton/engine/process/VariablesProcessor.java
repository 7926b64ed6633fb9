package dev.baton.engine.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.engine.RejectedInputException;
import dev.baton.engine.effect.EventType;
import dev.baton.engine.input.EngineInput;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/** Updates of a workflow's variables from outside the workflow (event handlers, operators). */
final class VariablesProcessor {
    private VariablesProcessor() {}

    /**
     * Merges the given values into the variables of a workflow that has not ended, and records
     * VARIABLES_UPDATED with the variables as they now are. An update that would make the
     * variables larger than the engine allows is refused whole.
     */
    static void update(Step s, EngineInput.UpdateVariables u) {
        if (s.wf.isTerminal()) {
            throw new RejectedInputException("cannot update the variables of a workflow that is " + s.wf.status);
        }
        if (u.variables() == null || u.variables().isEmpty()) {
            throw new RejectedInputException("no variables to update");
        }
        ObjectNode vars = s.wf.variables == null ? JsonNodeFactory.instance.objectNode() : s.wf.variables.deepCopy();
        Iterator<Map.Entry<String, JsonNode>> it = u.variables().fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode current = vars.get(e.getKey());
            if (u.appendArray() && current instanceof ArrayNode array) {
                if (e.getValue().isArray()) {
                    e.getValue().forEach(v -> array.add(v.deepCopy()));
                } else {
                    array.add(e.getValue().deepCopy());
                }
            } else {
                vars.set(e.getKey(), e.getValue().deepCopy());
            }
        }
        long size = vars.toString().getBytes(StandardCharsets.UTF_8).length;
        if (size > s.settings.maxVariablesBytes()) {
            throw new RejectedInputException("the variables of workflow " + s.wf.workflowId + " would be " + size
                    + " bytes, more than the permissible " + s.settings.maxVariablesBytes() / 1024 + " kilobytes");
        }
        s.wf.variables = vars;
        s.event(EventType.VARIABLES_UPDATED, null, vars, null);
    }
}

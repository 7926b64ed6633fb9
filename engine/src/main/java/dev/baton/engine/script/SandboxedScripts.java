package dev.baton.engine.script;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.engine.Scripts;
import java.util.List;

/** The engine's script support: sandboxed JavaScript ({@link ScriptEvaluator}) and jq ({@link JqTransformer}). */
public final class SandboxedScripts implements Scripts {
    private final ScriptEvaluator javascript;
    private final JqTransformer jq = new JqTransformer();

    public SandboxedScripts() {
        this(ScriptLimits.defaults());
    }

    public SandboxedScripts(ScriptLimits limits) {
        this.javascript = new ScriptEvaluator(limits);
    }

    @Override
    public JsonNode javascript(String expression, JsonNode input) throws ScriptFailure {
        try {
            return javascript.evaluate(expression, input);
        } catch (ScriptException e) {
            throw new ScriptFailure(e.getMessage());
        }
    }

    @Override
    public List<JsonNode> jq(String program, JsonNode input) throws ScriptFailure {
        try {
            return jq.transform(program, input);
        } catch (ScriptException e) {
            throw new ScriptFailure(e.getMessage());
        }
    }
}

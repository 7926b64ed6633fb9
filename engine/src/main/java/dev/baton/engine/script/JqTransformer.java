package dev.baton.engine.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.List;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;

/**
 * Runs jq programs (JSON_JQ_TRANSFORM) with jackson-jq, jq 1.6 semantics: the program reads the
 * task input and every result is kept. Compiled programs are cached. jackson-jq has no step
 * limit, so the result count is bounded instead.
 */
public final class JqTransformer {
    private static final int MAX_RESULTS = 100_000;
    private final Scope root;
    private final Cache<String, JsonQuery> compiled =
            Caffeine.newBuilder().maximumSize(1000).build();

    public JqTransformer() {
        root = Scope.newEmptyScope();
        BuiltinFunctionLoader.getInstance().loadFunctions(Versions.JQ_1_6, root);
    }

    public List<JsonNode> transform(String program, JsonNode input) throws ScriptException {
        JsonQuery query;
        try {
            query = compiled.getIfPresent(program);
            if (query == null) {
                query = JsonQuery.compile(program, Versions.JQ_1_6);
                compiled.put(program, query);
            }
        } catch (JsonQueryException e) {
            // the parser's own words, as Conductor reports them
            String why = e.getCause() != null && e.getCause().getMessage() != null
                    ? e.getCause().getMessage()
                    : e.getMessage();
            throw new ScriptException(ScriptException.Kind.SYNTAX, why);
        }
        List<JsonNode> out = new ArrayList<>();
        try {
            query.apply(Scope.newChildScope(root), input, v -> {
                if (out.size() >= MAX_RESULTS) {
                    throw new LimitExceeded(
                            ScriptException.Kind.LIMIT, "jq program produced more than " + MAX_RESULTS + " results");
                }
                out.add(v);
            });
        } catch (LimitExceeded e) {
            throw new ScriptException(e.kind, e.getMessage());
        } catch (JsonQueryException e) {
            throw new ScriptException(ScriptException.Kind.RUNTIME, e.getMessage());
        }
        return out;
    }
}

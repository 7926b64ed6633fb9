package dev.baton.orchestrator.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.engine.model.TaskState;
import java.util.Map;
import java.util.TreeMap;

/**
 * A DO_WHILE task's output holds one entry per pass ({@code "1"}, {@code "2"}, ...) beside
 * {@code iteration}: it grows with every pass. The stores keep each pass's entry as a record of
 * its own, written once, so that a pass costs the same whether it is the first or the ten-thousandth.
 */
public final class LoopPasses {
    private LoopPasses() {}

    public static boolean isLoop(TaskState t) {
        return t.kind().isLoop();
    }

    /** The pass number of an output key, or -1 when the key is not a pass. */
    static int pass(String key) {
        if (key.isEmpty() || key.length() > 9 || (key.length() > 1 && key.charAt(0) == '0')) {
            return -1;
        }
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) < '0' || key.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(key);
    }

    /** The output without its passes (a new node: the output itself is not changed). */
    public static ObjectNode base(ObjectNode output) {
        if (output == null) {
            return null;
        }
        ObjectNode base = output.objectNode();
        for (Map.Entry<String, JsonNode> e : output.properties()) {
            if (pass(e.getKey()) < 0) {
                base.set(e.getKey(), e.getValue());
            }
        }
        return base;
    }

    /** The passes of an output, by number. */
    static TreeMap<Integer, JsonNode> passes(ObjectNode output) {
        TreeMap<Integer, JsonNode> out = new TreeMap<>();
        if (output != null) {
            for (Map.Entry<String, JsonNode> e : output.properties()) {
                int p = pass(e.getKey());
                if (p >= 0) {
                    out.put(p, e.getValue());
                }
            }
        }
        return out;
    }
}

package dev.baton.orchestrator.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.engine.effect.Effect;
import dev.baton.orchestrator.kafka.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The record on {@code baton.bridge} of a {@link Effect.BusinessKeyBinding}: a "bind" or "unbind" bridge record (the
 * fields the bridge's {@code BridgeRecord} reads), keyed by {@code <workflowName>|<businessKey>}.
 */
final class BridgeNotices {
    static final String BIND = "bind";
    static final String UNBIND = "unbind";
    private static final ObjectMapper JSON = new ObjectMapper();

    private BridgeNotices() {}

    static Record<String, Routed> record(Effect.BusinessKeyBinding b, String workflowId, long now) {
        ObjectNode notice = JSON.createObjectNode()
                .put("action", b.bound() ? BIND : UNBIND)
                .put("workflowName", b.workflowName())
                .put("businessKey", b.businessKey())
                .put("workflowId", workflowId)
                .put("timestamp", now);
        return new Record<>(
                b.workflowName() + "|" + b.businessKey(),
                new Routed(Topics.BRIDGE, notice.toString().getBytes(StandardCharsets.UTF_8)),
                now);
    }
}

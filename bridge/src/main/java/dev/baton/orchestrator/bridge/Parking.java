package dev.baton.orchestrator.bridge;

import dev.baton.orchestrator.runtime.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Headers of a record parked on {@code baton.bridge.parked}: the original headers, plus why it was
 * parked and where it came from (the {@code baton-dlq-*} headers of {@code baton.dlq}) and which
 * event source and workflow it was meant for.
 */
public final class Parking {
    /** The event source whose binding matched. */
    public static final String SOURCE = "baton-bridge-source";
    /** The workflow it was meant for. */
    public static final String WORKFLOW = "baton-bridge-workflow";
    /** The business key, when one was found. */
    public static final String BUSINESS_KEY = "baton-bridge-business-key";

    private Parking() {}

    /** Headers for a record parked by the ingest (the original record in hand). */
    static Headers headers(
            Headers original,
            String reason,
            String topic,
            int partition,
            long offset,
            String source,
            String workflowName,
            String businessKey) {
        Headers h = new RecordHeaders(original == null ? new Header[0] : original.toArray());
        put(h, DeadLetters.REASON, reason);
        put(h, DeadLetters.SOURCE_TOPIC, topic);
        put(h, DeadLetters.PARTITION, Integer.toString(partition));
        put(h, DeadLetters.OFFSET, Long.toString(offset));
        put(h, SOURCE, source);
        put(h, WORKFLOW, workflowName);
        put(h, BUSINESS_KEY, businessKey);
        return h;
    }

    /** Headers for an event parked by the bridge processor, rebuilt from the origin kept in its bridge record. */
    static Headers headers(BridgeRecord r, String reason) {
        Headers original = new RecordHeaders();
        BridgeRecord.Origin o = r.origin();
        if (o != null && o.headers() != null) {
            for (BridgeRecord.Header oh : o.headers()) {
                original.add(
                        oh.key(),
                        oh.value() == null ? null : Base64.getDecoder().decode(oh.value()));
            }
        }
        return headers(
                original,
                reason,
                o == null ? "" : o.topic(),
                o == null ? -1 : o.partition(),
                o == null ? -1 : o.offset(),
                r.source(),
                r.workflowName(),
                r.businessKey());
    }

    private static void put(Headers h, String key, String value) {
        h.remove(key);
        if (value != null) {
            h.add(key, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}

package dev.baton.orchestrator.runtime;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** The correlation headers of the service protocol (see schemas/PROTOCOL.md). */
public final class ProtocolHeaders {
    public static final String WORKFLOW_ID = "baton-workflow-id";
    public static final String TASK_ID = "baton-task-id";
    public static final String TASK_REF = "baton-task-ref";
    public static final String TASK_TYPE = "baton-task-type";
    public static final String ATTEMPT = "baton-attempt";
    public static final String REPLY_TO = "baton-reply-to";
    public static final String CORRELATION_ID = "baton-correlation-id";
    public static final String TRACEPARENT = "traceparent";
    public static final String STATUS = "baton-status";
    public static final String REASON = "baton-reason";
    public static final String CALLBACK_AFTER = "baton-callback-after-seconds";

    private ProtocolHeaders() {
    }

    /** The last value of a header as text, or null. */
    public static String get(Headers headers, String key) {
        Header h = headers == null ? null : headers.lastHeader(key);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    public static void put(Headers headers, String key, String value) {
        if (value != null) {
            headers.add(key, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}

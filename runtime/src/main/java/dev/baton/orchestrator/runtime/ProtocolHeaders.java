package dev.baton.orchestrator.runtime;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Reading and writing the text headers of the service protocol; the names are in {@link dev.baton.protocol.BatonHeaders}. */
public final class ProtocolHeaders {

    private ProtocolHeaders() {}

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

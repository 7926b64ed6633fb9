package dev.baton.orchestrator.bridge;

/**
 * Keys of stand-alone event-source resources on the definitions topic: {@code eventsource:<name>}.
 * The definitions global store holds them like any definition; the engine never reads them.
 */
public final class EventSourceKeys {
    public static final String PREFIX = "eventsource:";

    private EventSourceKeys() {}

    public static String key(String name) {
        return PREFIX + name;
    }
}

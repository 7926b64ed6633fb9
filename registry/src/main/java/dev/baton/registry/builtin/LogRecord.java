package dev.baton.registry.builtin;

/**
 * One record of the registry's log (the compacted {@code baton.schemas} topic).
 *
 * @param key JSON key
 * @param value JSON value, or null for a tombstone
 */
public record LogRecord(String key, String value) {}

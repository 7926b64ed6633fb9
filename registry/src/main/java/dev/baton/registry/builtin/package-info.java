/**
 * Baton's built-in schema registry, kept in a compacted Kafka topic and shared by all orchestrator instances.
 */
package dev.baton.registry.builtin;

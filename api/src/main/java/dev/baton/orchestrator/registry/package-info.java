/**
 * HTTP face of the built-in schema registry: the Confluent-compatible REST API under {@code /registry}.
 */
package dev.baton.orchestrator.registry;

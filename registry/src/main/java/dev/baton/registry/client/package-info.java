/**
 * Schema registry client compatible with the Confluent Schema Registry REST API
 * ({@link dev.baton.registry.client.SchemaRegistryClient}, {@link dev.baton.registry.client.HttpSchemaRegistryClient}).
 */
package dev.baton.registry.client;

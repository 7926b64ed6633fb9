/**
 * Plain JSON encoding of Avro records: {@link dev.baton.protocol.json.AvroJson} converts any
 * Avro record to and from readable JSON (no union wrappers), and
 * {@link dev.baton.protocol.json.JsonRecordSerde} adapts it to Kafka serdes. Used when
 * {@code baton.encoding=json}, by tooling and by the REST layer.
 */
package dev.baton.protocol.json;

package dev.baton.orchestrator.kafka;

import dev.baton.orchestrator.config.BatonConfig;

/**
 * A Kafka broker started next to Baton when no {@code kafka.bootstrap.servers} is configured: the
 * standalone mode of the demo and of tests ({@code baton-standalone} provides it). The server
 * distribution has none, so there a missing bootstrap address is an error, not a local broker.
 */
public interface LocalKafka extends AutoCloseable {

    /** Starts the broker (data under {@code <baton.data-dir>/kafka}) and returns its bootstrap servers. */
    String start(BatonConfig config);

    /** Where the broker keeps its data, for the log line. */
    String describe();

    /** Stops the broker; called after every client of the connection has closed. */
    @Override
    void close();
}

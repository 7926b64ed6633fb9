package dev.baton.testkit;

import dev.baton.kafka.embedded.EmbeddedKafkaCluster;

/**
 * Holds the single-node cluster shared by the test JVM. Started on first use; closed when JUnit closes
 * the root extension store (see {@link KafkaExtension}) or, failing that, when the JVM exits.
 */
final class SharedCluster {

    private static KafkaTestCluster instance;
    private static Thread shutdownHook;

    private SharedCluster() {}

    static synchronized KafkaTestCluster get() {
        if (instance == null) {
            KafkaTestCluster started =
                    new KafkaTestCluster(EmbeddedKafkaCluster.builder().build().start(), true);
            Thread hook = new Thread(started::close, "baton-testkit-shared-kafka-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            instance = started;
            shutdownHook = hook;
        }
        return instance;
    }

    /** Stops the shared cluster if it runs; a later {@link #get()} starts a new one. */
    static synchronized void close() {
        if (instance == null) {
            return;
        }
        KafkaTestCluster closing = instance;
        instance = null;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook closes it
            return;
        }
        closing.close();
    }
}

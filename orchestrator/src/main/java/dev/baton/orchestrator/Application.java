package dev.baton.orchestrator;

import io.micronaut.runtime.Micronaut;

/** Starts the Baton orchestrator: the Kafka Streams runtime, the REST API and the built-in schema registry. */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        ShutdownDeadline.install();
        Micronaut.run(Application.class, args);
    }
}

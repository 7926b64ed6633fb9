package dev.baton.orchestrator;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.runtime.Micronaut;

/** Starts the Baton orchestrator: the Kafka Streams runtime, the REST API and the built-in schema registry. */
public final class Application {
    private Application() {}

    public static void main(String[] args) {
        start(args);
    }

    /** Starts Baton with extra property sources (the server distribution's precedence of settings). */
    public static ApplicationContext start(String[] args, PropertySource... sources) {
        ShutdownDeadline.install();
        return Micronaut.build(args)
                .mainClass(Application.class)
                .propertySources(sources)
                .start();
    }
}

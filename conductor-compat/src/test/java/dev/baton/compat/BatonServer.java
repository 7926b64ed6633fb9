package dev.baton.compat;

import dev.baton.orchestrator.runtime.StreamsRuntime;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The server side of the compatibility test: a real Baton (Micronaut HTTP server, Kafka Streams)
 * on the test's broker. The client side talks to it only through Conductor's client.
 */
public final class BatonServer implements AutoCloseable {
    private final EmbeddedServer server;

    private BatonServer(EmbeddedServer server) {
        this.server = server;
    }

    public static BatonServer start(String bootstrap) {
        return start(bootstrap, Map.of());
    }

    /** Starts Baton with further configuration properties (e.g. {@code baton.max-workflow-variables-kb}). */
    public static BatonServer start(String bootstrap, Map<String, Object> extra) {
        try {
            Map<String, Object> props = new HashMap<>();
            props.put("kafka.bootstrap.servers", bootstrap);
            props.put(
                    "baton.data-dir", Files.createTempDirectory("baton-compat").toString());
            props.put("baton.application-id", "baton-compat-" + UUID.randomUUID());
            props.put("micronaut.server.port", -1);
            props.putAll(extra);
            EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props);
            if (!server.getApplicationContext().getBean(StreamsRuntime.class).awaitRunning(Duration.ofSeconds(90))) {
                server.close();
                throw new IllegalStateException("Kafka Streams did not reach RUNNING");
            }
            return new BatonServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The server's root URL, without Conductor's /api. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** Conductor's base path: the server's URL with /api. */
    public String apiUrl() {
        return "http://127.0.0.1:" + server.getPort() + "/api";
    }

    @Override
    public void close() {
        server.close();
    }
}

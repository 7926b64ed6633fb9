package dev.baton.orchestrator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.DefinitionParser;
import dev.baton.orchestrator.client.StateWatcher;
import dev.baton.orchestrator.client.WorkflowClient;
import dev.baton.orchestrator.runtime.ProtocolCodec;
import dev.baton.orchestrator.runtime.StreamsRuntime;
import dev.baton.protocol.WorkflowSnapshot;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A real orchestrator (Micronaut context, Kafka Streams, built-in registry) on a given broker, for integration tests. */
final class BatonTestApp implements AutoCloseable {
    final ApplicationContext context;
    final String bootstrap;

    private BatonTestApp(ApplicationContext context, String bootstrap) {
        this.context = context;
        this.bootstrap = bootstrap;
    }

    static BatonTestApp start(String bootstrap, Map<String, Object> extra) {
        try {
            Path dir = Files.createTempDirectory("baton-it");
            Map<String, Object> props = new HashMap<>();
            props.put("kafka.bootstrap.servers", bootstrap);
            props.put("baton.data-dir", dir.toString());
            props.put("baton.application-id", "baton-it-" + UUID.randomUUID());
            props.putAll(extra);
            ApplicationContext ctx = ApplicationContext.run(props);
            if (!ctx.getBean(StreamsRuntime.class).awaitRunning(Duration.ofSeconds(90))) {
                ctx.close();
                throw new IllegalStateException("Kafka Streams did not reach RUNNING");
            }
            return new BatonTestApp(ctx, bootstrap);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    WorkflowClient client() {
        return context.getBean(WorkflowClient.class);
    }

    ProtocolCodec codec() {
        return context.getBean(ProtocolCodec.class);
    }

    StreamsRuntime runtime() {
        return context.getBean(StreamsRuntime.class);
    }

    /** Waits until every given workflow has a terminal snapshot on baton.state; returns the latest snapshots. */
    Map<String, WorkflowSnapshot> awaitFinished(Set<String> ids, Duration timeout) {
        try (StateWatcher watcher = new StateWatcher(Map.of("bootstrap.servers", bootstrap), codec(), ids)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (watcher.finished() < ids.size()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("only " + watcher.finished() + " of " + ids.size()
                            + " workflows finished in " + timeout + ": " + watcher.poll(Duration.ZERO));
                }
                watcher.poll(Duration.ofMillis(200));
            }
            return watcher.snapshots();
        }
    }

    /** A valid flight-booking input. */
    static ObjectNode booking(String bookingId) {
        return new ObjectMapper()
                .createObjectNode()
                .put("bookingId", bookingId)
                .put("flight", "BA117")
                .put("passenger", "P " + bookingId)
                .put("email", bookingId + "@example.com")
                .put("amount", 120)
                .put("currency", "EUR");
    }

    void registerFlightBooking() {
        client().registerTaskDefs(DefinitionParser.tasks(resource("/workflows/flight_booking_tasks.json")));
        client().registerWorkflow(DefinitionParser.workflow(resource("/workflows/flight_booking.json")));
    }

    static String resource(String path) {
        try (InputStream in = BatonTestApp.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}

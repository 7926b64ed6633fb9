package dev.baton.deploy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.DefinitionParser;
import dev.baton.orchestrator.Application;
import dev.baton.orchestrator.client.StateWatcher;
import dev.baton.orchestrator.client.WorkflowClient;
import dev.baton.orchestrator.kafka.KafkaConnection;
import dev.baton.orchestrator.runtime.ProtocolCodec;
import dev.baton.orchestrator.runtime.StreamsRuntime;
import dev.baton.protocol.WorkflowStatus;
import dev.baton.samples.FlightBookingServices;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * The local demo: an embedded Kafka broker, the orchestrator and the flight-booking services in
 * one JVM; starts N bookings and shows progress until all have finished. Ctrl-C stops cleanly.
 */
public final class Demo {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Demo() {}

    public static void main(String[] args) throws Exception {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("demo: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options == null) {
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        ApplicationContext[] ctx = new ApplicationContext[1];
        FlightBookingServices[] services = new FlightBookingServices[1];
        dev.baton.samples.choreography.ChoreographyServices[] bridge =
                new dev.baton.samples.choreography.ChoreographyServices[1];
        Thread hook = new Thread(
                () -> {
                    System.out.println("Stopping Baton...");
                    if (bridge[0] != null) {
                        bridge[0].close();
                    }
                    shutdown(services[0], ctx[0]);
                    stopped.countDown();
                },
                "baton-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        quietLogs();
        say("Starting Baton (embedded Kafka, orchestrator, flight-booking services)...");
        ctx[0] = Micronaut.build(new String[0])
                .mainClass(Application.class)
                .banner(false)
                .start();
        KafkaConnection kafka = ctx[0].getBean(KafkaConnection.class);
        say("Kafka at " + kafka.bootstrapServers() + (kafka.isEmbedded() ? " (embedded, data in .baton-data)" : ""));
        StreamsRuntime runtime = ctx[0].getBean(StreamsRuntime.class);
        WorkflowClient client = ctx[0].getBean(WorkflowClient.class);
        if (!DemoOptions.ORCHESTRATED.equals(options.mode())) {
            if (!runtime.awaitRunning(Duration.ofMinutes(2))) {
                throw new IllegalStateException("Kafka Streams did not reach RUNNING in 2 minutes");
            }
            bridge[0] = new BridgeDemo(ctx[0], options, stopped, port(ctx[0])).run();
            finish(options, stopped, hook, services[0], bridge[0], ctx[0], kafka);
            return;
        }
        client.registerTaskDefs(DefinitionParser.tasks(resource("/workflows/flight_booking_tasks.json")));
        client.registerWorkflow(DefinitionParser.workflow(resource("/workflows/flight_booking.json")));
        say("Registered workflow flight_booking v1 and its task definitions on baton.definitions");

        Map<String, Double> failures = new HashMap<>();
        if (options.failRate() > 0) {
            failures.put("charge_payment", options.failRate());
        }
        services[0] = FlightBookingServices.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .clientProperties(kafka.clientProperties())
                .failureRates(failures)
                .build()
                .start();
        if (!runtime.awaitRunning(Duration.ofMinutes(2))) {
            throw new IllegalStateException("Kafka Streams did not reach RUNNING in 2 minutes");
        }
        say("Orchestrator running (exactly_once_v2). Starting " + options.bookings() + " bookings...");

        Set<String> ids = ConcurrentHashMap.newKeySet();
        ProtocolCodec codec = ctx[0].getBean(ProtocolCodec.class);
        long start = System.nanoTime();
        try (StateWatcher watcher = new StateWatcher(kafka.clientProperties(), codec, ids)) {
            String run = Long.toString(System.currentTimeMillis(), 36);
            for (int i = 1; i <= options.bookings(); i++) {
                ids.add(client.start("flight_booking", null, booking(run, i), "booking-" + run + "-" + i));
            }
            client.flush();
            long lastPrint = 0;
            while (stopped.getCount() > 0) {
                Map<WorkflowStatus, Integer> counts = watcher.poll(Duration.ofMillis(200));
                int done = watcher.finished();
                long now = System.nanoTime();
                if (now - lastPrint > 1_000_000_000L || done == ids.size()) {
                    lastPrint = now;
                    say(String.format(
                            "[%5.1fs] bookings: %d started, %d completed, %d failed, %d running",
                            (now - start) / 1e9,
                            ids.size(),
                            counts.getOrDefault(WorkflowStatus.COMPLETED, 0),
                            counts.getOrDefault(WorkflowStatus.FAILED, 0),
                            ids.size() - done));
                }
                if (done == ids.size()) {
                    int completed = counts.getOrDefault(WorkflowStatus.COMPLETED, 0);
                    say(
                            completed == ids.size()
                                    ? "all " + ids.size() + " bookings completed"
                                    : "all " + ids.size() + " bookings finished: " + completed + " completed, "
                                            + (ids.size() - completed) + " failed");
                    break;
                }
            }
        }
        if (failures.size() > 0) {
            var ledger = services[0].ledger();
            say("Compensation (services' ledger): " + ledger.count("refund_payment") + " payments refunded, "
                    + ledger.count("release_seat") + " seats released");
        }
        finish(options, stopped, hook, services[0], null, ctx[0], kafka);
    }

    private static void finish(
            DemoOptions options,
            CountDownLatch stopped,
            Thread hook,
            FlightBookingServices services,
            dev.baton.samples.choreography.ChoreographyServices bridge,
            ApplicationContext ctx,
            KafkaConnection kafka)
            throws InterruptedException {
        if (options.stay() && stopped.getCount() > 0) {
            say("Still running (--stay): Kafka at " + kafka.bootstrapServers()
                    + ", REST and schema registry at http://127.0.0.1:" + port(ctx)
                    + ", the console at http://127.0.0.1:"
                    + port(ctx) + "/ . Ctrl-C to stop.");
            stopped.await();
        }
        if (stopped.getCount() > 0) {
            Runtime.getRuntime().removeShutdownHook(hook);
            if (bridge != null) {
                bridge.close();
            }
            shutdown(services, ctx);
        }
        System.exit(0);
    }

    /** The demo prints its own progress; logs show only what needs attention. */
    private static void quietLogs() {
        for (String name : new String[] {"org.apache.kafka", "kafka", "state.change.logger"}) {
            ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.ERROR);
        }
        for (String name : new String[] {"io.micronaut", "dev.baton"}) {
            ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.WARN);
        }
    }

    private static String port(ApplicationContext ctx) {
        return ctx.findBean(io.micronaut.runtime.server.EmbeddedServer.class)
                .map(server -> Integer.toString(server.getPort()))
                .orElse("?");
    }

    private static ObjectNode booking(String run, int i) {
        ObjectNode in = JSON.createObjectNode();
        in.put("bookingId", "BK-" + run + "-" + i);
        in.put("flight", "BA" + (100 + i % 50));
        in.put("passenger", "Passenger " + i);
        in.put("email", "passenger" + i + "@example.com");
        in.put("amount", 100 + (i % 7) * 25);
        in.put("currency", "EUR");
        return in;
    }

    private static synchronized void shutdown(FlightBookingServices services, ApplicationContext ctx) {
        if (services != null) {
            services.close();
        }
        if (ctx != null && ctx.isRunning()) {
            ctx.close();
        }
    }

    static String resource(String path) {
        try (InputStream in = Demo.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}

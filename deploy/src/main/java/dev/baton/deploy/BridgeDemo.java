package dev.baton.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.dsl.DefinitionParser;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.model.WorkflowStatus;
import dev.baton.orchestrator.client.WorkflowClient;
import dev.baton.orchestrator.kafka.KafkaConnection;
import dev.baton.orchestrator.query.InstanceQueries;
import dev.baton.orchestrator.query.InstanceSearch;
import dev.baton.samples.FlightBookingServices;
import dev.baton.samples.FlightTasks;
import dev.baton.samples.choreography.BookingEvents;
import dev.baton.samples.choreography.ChoreographyServices;
import io.micronaut.context.ApplicationContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The bridge demos: the flight-booking services run as a choreography (each reacts to the previous
 * service's event). With {@code --observe} Baton sends nothing and builds one instance per booking
 * from the events alone; one booking gets stuck at payment and its SLA catches it. With
 * {@code --takeover payment} Baton sends the payment commands and accepts the payment service's
 * usual event as the reply, while the other steps stay choreographed.
 */
final class BridgeDemo {
    static final String WORKFLOW = "flight_booking_observed";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> STEPS = FlightTasks.STEPS;

    private final ApplicationContext ctx;
    private final DemoOptions options;
    private final CountDownLatch stopped;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String api;

    BridgeDemo(ApplicationContext ctx, DemoOptions options, CountDownLatch stopped, String port) {
        this.ctx = ctx;
        this.options = options;
        this.stopped = stopped;
        this.api = "http://127.0.0.1:" + port + "/api";
    }

    /** Runs the demo; returns the services to stop at the end. */
    ChoreographyServices run() throws Exception {
        boolean takeover = DemoOptions.TAKEOVER.equals(options.mode());
        KafkaConnection kafka = ctx.getBean(KafkaConnection.class);
        WorkflowClient client = ctx.getBean(WorkflowClient.class);
        client.registerTaskDefs(DefinitionParser.tasks(Demo.resource("/workflows/flight_booking_tasks.json")));
        client.registerWorkflow(DefinitionParser.workflow(Demo.resource("/workflows/flight_booking_observed.json")));
        if (takeover) {
            // the same definition (name and version), payment switched from "observe" to "command", in place
            client.registerWorkflow(
                    DefinitionParser.workflow(Demo.resource("/workflows/flight_booking_payment_commanded.json")));
            Demo.say("Registered " + WORKFLOW + " v1 with charge_payment in command mode (the other steps observed)");
        } else {
            Demo.say("Registered " + WORKFLOW + " v1: every step observed (completes on the service's event),"
                    + " started by BookingRequested on booking.events");
        }
        Map<String, Map<TopicPartition, Long>> before = commandOffsets(kafka);

        Set<String> commanded = takeover ? Set.of(FlightTasks.CHARGE_PAYMENT) : Set.of();
        ChoreographyServices services = ChoreographyServices.start(
                kafka.bootstrapServers(),
                FlightBookingServices.builder()
                        .bootstrapServers(kafka.bootstrapServers())
                        .clientProperties(kafka.clientProperties())
                        .build(),
                commanded,
                "baton-demo-choreography-");
        Demo.say("Services running as a choreography"
                + (takeover ? ", except charge_payment, which takes Baton's commands" : "")
                + "; Baton watches booking.events, seat.events, payment.events, ticket.events, notification.events");

        String run = Long.toString(System.currentTimeMillis(), 36);
        String stuck = takeover ? null : booking(run, Math.min(3, options.bookings()));
        if (stuck != null) {
            services.stall(FlightTasks.CHARGE_PAYMENT, stuck);
        }
        Demo.say("Requesting " + options.bookings() + " bookings (BookingRequested events)"
                + (stuck == null ? "" : "; the payment service will never react to " + stuck));
        for (int i = 1; i <= options.bookings(); i++) {
            services.requestBooking(BookingEvents.bookingRequested(
                    booking(run, i),
                    "BA" + (100 + i % 50),
                    "Passenger " + i,
                    "passenger" + i + "@example.com",
                    100 + (i % 7) * 25,
                    "EUR"));
        }

        InstanceQueries queries = ctx.getBean(InstanceQueries.class);
        int expectedDone = stuck == null ? options.bookings() : options.bookings() - 1;
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(90).toNanos();
        while (stopped.getCount() > 0 && System.nanoTime() < deadline) {
            Map<WorkflowStatus, Integer> counts = counts(queries, run);
            int seen = counts.values().stream().mapToInt(Integer::intValue).sum();
            int completed = counts.getOrDefault(WorkflowStatus.COMPLETED, 0);
            boolean breached = stuck == null || slaBreached(stuck);
            Demo.say(String.format(
                    "[%5.1fs] bookings seen by Baton: %d, completed %d, running %d%s",
                    (System.nanoTime() - start) / 1e9,
                    seen,
                    completed,
                    counts.getOrDefault(WorkflowStatus.RUNNING, 0),
                    stuck == null ? "" : breached ? " (" + stuck + " breached its payment SLA)" : ""));
            if (completed >= expectedDone && breached) {
                break;
            }
            Thread.sleep(1_000);
        }
        Demo.say("");
        Demo.say("Timelines (GET /api/bridge/" + WORKFLOW + "/instances/{bookingId}):");
        for (int i = 1; i <= Math.min(3, options.bookings()); i++) {
            Demo.say("  " + timeline(booking(run, i)));
        }
        if (stuck != null) {
            JsonNode where = get("/bridge/" + WORKFLOW + "/instances/" + stuck);
            Demo.say("");
            Demo.say("Where is " + stuck + "? " + where.path("status").asText() + ", waiting at "
                    + where.path("currentSteps").path(0).asText() + " for "
                    + seconds(step(where, "charge_payment").path("durationMs").asLong()) + " (SLA "
                    + (step(where, "charge_payment").path("slaBreached").asBoolean()
                            ? "breached: SLA_BREACHED on baton.events"
                            : "not breached yet")
                    + ")");
            JsonNode stuckAt = get("/bridge/" + WORKFLOW + "/stuck?step=charge_payment");
            Demo.say("How many bookings are stuck at payment? "
                    + stuckAt.path("count").asInt() + " ("
                    + stuckAt.path("slaBreached").asInt() + " past the SLA)");
        }
        StringBuilder sent = new StringBuilder();
        long total = 0;
        for (String step : STEPS) {
            long n = commandsSince(kafka, before.get(step));
            total += n;
            sent.append(sent.isEmpty() ? "" : ", ").append(step).append(' ').append(n);
        }
        Demo.say("");
        Demo.say("Commands Baton sent: " + total + " (" + sent + ")"
                + (takeover
                        ? "; each PaymentCharged event was accepted as the payment step's reply"
                        : "; Baton only watched"));
        return services;
    }

    private String timeline(String bookingId) {
        try {
            JsonNode where = get("/bridge/" + WORKFLOW + "/instances/" + bookingId);
            StringBuilder line = new StringBuilder(bookingId).append(": ");
            for (JsonNode step : where.path("timeline")) {
                line.append(step.path("taskRef").asText())
                        .append(' ')
                        .append(step.path("running").asBoolean() ? "waiting " : "")
                        .append(step.path("durationMs").asLong())
                        .append(" ms")
                        .append(" → ");
            }
            line.setLength(line.length() - 3);
            return line + "   (" + where.path("status").asText() + ", "
                    + where.path("durationMs").asLong() + " ms)";
        } catch (Exception e) {
            return bookingId + ": " + e.getMessage();
        }
    }

    private boolean slaBreached(String bookingId) {
        try {
            return step(get("/bridge/" + WORKFLOW + "/instances/" + bookingId), "charge_payment")
                    .path("slaBreached")
                    .asBoolean();
        } catch (Exception e) {
            return false;
        }
    }

    private static JsonNode step(JsonNode where, String ref) {
        for (JsonNode s : where.path("timeline")) {
            if (ref.equals(s.path("taskRef").asText())) {
                return s;
            }
        }
        return JSON.createObjectNode();
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(api + path))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private static Map<WorkflowStatus, Integer> counts(InstanceQueries queries, String run) {
        Map<WorkflowStatus, Integer> counts = new EnumMap<>(WorkflowStatus.class);
        for (WorkflowInstance wf : queries.search(
                        new InstanceSearch(Set.of(WORKFLOW), Set.of(), null, null, null, "BK-" + run + "-", 0, 10_000))
                .results()) {
            counts.merge(wf.status, 1, Integer::sum);
        }
        return counts;
    }

    /** End offsets of the steps' command topics, to count the commands Baton sends during the demo. */
    private static Map<String, Map<TopicPartition, Long>> commandOffsets(KafkaConnection kafka) throws Exception {
        Map<String, Map<TopicPartition, Long>> out = new LinkedHashMap<>();
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            for (String step : STEPS) {
                String topic = step + ".commands";
                Map<TopicPartition, OffsetSpec> specs = new LinkedHashMap<>();
                admin.describeTopics(List.of(topic))
                        .allTopicNames()
                        .get()
                        .get(topic)
                        .partitions()
                        .forEach(p -> specs.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
                Map<TopicPartition, Long> ends = new LinkedHashMap<>();
                admin.listOffsets(specs).all().get().forEach((tp, o) -> ends.put(tp, o.offset()));
                out.put(step, ends);
            }
        }
        return out;
    }

    /** Commands written since {@code from} (read committed: transaction markers take offsets but are no records). */
    private static long commandsSince(KafkaConnection kafka, Map<TopicPartition, Long> from) {
        Map<String, Object> p = new LinkedHashMap<>(kafka.clientProperties());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        long count = 0;
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.assign(from.keySet());
            from.forEach(c::seek);
            Map<TopicPartition, Long> ends = c.endOffsets(from.keySet());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (from.keySet().stream().anyMatch(tp -> c.position(tp) < ends.get(tp))
                    && System.nanoTime() < deadline) {
                count += c.poll(Duration.ofMillis(200)).count();
            }
        }
        return count;
    }

    private static String booking(String run, int i) {
        return "BK-" + run + "-" + i;
    }

    private static String seconds(long millis) {
        return String.format("%.1f s", millis / 1000.0);
    }
}

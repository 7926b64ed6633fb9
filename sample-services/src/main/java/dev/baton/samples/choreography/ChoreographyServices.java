package dev.baton.samples.choreography;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.samples.FlightBookingServices;
import dev.baton.samples.Ledger;
import dev.baton.samples.SampleService;
import dev.baton.worker.TaskContext;
import dev.baton.worker.TaskResult;
import dev.baton.worker.TaskStatus;
import dev.baton.worker.TaskWorker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flight-booking services as a choreography: each reacts to the previous service's event and
 * announces its own (see {@link BookingEvents}). A step can instead be <em>commanded</em>: the
 * service then takes Baton's command for it (through the worker library) and still announces its
 * usual event, which Baton accepts as the step's reply — that is how a takeover moves one step at
 * a time while the others stay choreographed. A step runs once per booking whichever way it is
 * triggered (the services are idempotent per booking, as choreographed services must be).
 */
public final class ChoreographyServices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChoreographyServices.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String bootstrap;
    private final FlightBookingServices logic;
    private final Set<String> commanded;
    private final Set<String> choreographed;
    private final KafkaProducer<String, String> producer;
    private final List<Thread> threads = new ArrayList<>();
    private final List<TaskWorker> workers = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    /** Steps that never react for a booking (a lost event, a stuck consumer): "taskType|bookingId". */
    private final Set<String> stalled = ConcurrentHashMap.newKeySet();
    /** Per step and booking: the event the step announced (it runs once per booking). */
    private final Map<String, ObjectNode> done = new ConcurrentHashMap<>();

    private final String groupPrefix;

    private ChoreographyServices(
            String bootstrap,
            FlightBookingServices logic,
            Set<String> commanded,
            Set<String> choreographed,
            String groupPrefix) {
        this.bootstrap = bootstrap;
        this.logic = logic;
        this.commanded = commanded;
        this.choreographed = choreographed;
        this.groupPrefix = groupPrefix;
        this.producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.LINGER_MS_CONFIG,
                        2),
                new StringSerializer(),
                new StringSerializer());
    }

    /**
     * Starts the services.
     *
     * @param bootstrap  Kafka bootstrap servers
     * @param logic      the services' business logic, ledger and injected faults (not started)
     * @param commanded  task types served from Baton's commands instead of upstream events
     * @param groupPrefix consumer group prefix (one group per step)
     */
    public static ChoreographyServices start(
            String bootstrap, FlightBookingServices logic, Set<String> commanded, String groupPrefix) {
        Set<String> all = new HashSet<>();
        BookingEvents.STEPS.forEach(s -> all.add(s.taskType()));
        BookingEvents.COMPENSATIONS.forEach(s -> all.add(s.taskType()));
        Set<String> reacting = new HashSet<>(all);
        reacting.removeAll(commanded);
        createTopics(bootstrap);
        ChoreographyServices c =
                new ChoreographyServices(bootstrap, logic, Set.copyOf(commanded), reacting, groupPrefix);
        c.startAll();
        return c;
    }

    private void startAll() {
        List<BookingEvents.Step> steps = new ArrayList<>(BookingEvents.STEPS);
        steps.addAll(BookingEvents.COMPENSATIONS);
        Map<String, List<BookingEvents.Step>> byTopic = new HashMap<>();
        for (BookingEvents.Step s : steps) {
            if (choreographed.contains(s.taskType())) {
                byTopic.computeIfAbsent(s.triggerTopic(), t -> new ArrayList<>())
                        .add(s);
            }
        }
        byTopic.forEach((topic, reacting) -> {
            Thread t = new Thread(() -> react(topic, reacting), "choreography-" + topic);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        });
        for (String type : commanded) {
            BookingEvents.Step step = steps.stream()
                    .filter(s -> s.taskType().equals(type))
                    .findFirst()
                    .orElseThrow();
            // the Kafka workers' usual group (baton-worker-<type>): a taken-over service reads commands like any worker
            workers.add(TaskWorker.builder()
                    .bootstrapServers(bootstrap)
                    .taskType(type)
                    .handler(ctx -> commanded(step, ctx))
                    .build()
                    .start());
        }
        LOG.info("choreography started: reacting {}, commanded {}", choreographed, commanded);
    }

    /** The ledger of every step performed. */
    public Ledger ledger() {
        return logic.ledger();
    }

    /** From now on, {@code taskType} does not react to the events of this booking: the booking gets stuck there. */
    public void stall(String taskType, String bookingId) {
        stalled.add(taskType + "|" + bookingId);
    }

    /** Announces a booking request: the choreography (and a Baton observing it) takes it from there. */
    public void requestBooking(ObjectNode bookingRequested) {
        publish(BookingEvents.BOOKINGS, bookingRequested.path("bookingId").asText(), bookingRequested);
    }

    private void react(String topic, List<BookingEvents.Step> steps) {
        Map<String, Object> p = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                groupPrefix + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (running.get()) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode event;
                    try {
                        event = JSON.readTree(r.value());
                    } catch (Exception e) {
                        LOG.warn("Skipping an unreadable event on {}: {}", topic, e.getMessage());
                        continue;
                    }
                    for (BookingEvents.Step s : steps) {
                        if (s.trigger().equals(event.path("type").asText())
                                && !stalled.contains(s.taskType() + "|"
                                        + event.path("bookingId").asText())) {
                            perform(s, event, context(s, event, r));
                        }
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.InterruptException | org.apache.kafka.common.errors.WakeupException e) {
            // closing
        }
    }

    /** A Baton command for a taken-over step: perform it once per booking and announce the usual event. */
    private TaskResult commanded(BookingEvents.Step step, TaskContext ctx) throws Exception {
        ObjectNode announced = perform(step, ctx.input(), ctx);
        return announced.path("type").asText().equals(step.success())
                ? TaskResult.completed(announced)
                : TaskResult.failed(announced.path("reason").asText("failed"));
    }

    private ObjectNode perform(BookingEvents.Step step, JsonNode trigger, TaskContext ctx) {
        String booking = trigger.path("bookingId").asText();
        return done.computeIfAbsent(step.taskType() + "|" + booking, k -> {
            SampleService service = logic.service(step.taskType());
            TaskResult result;
            try {
                result = service.handle(ctx);
            } catch (Exception e) {
                result = TaskResult.failed(e.toString());
            }
            ObjectNode event = result.status() == TaskStatus.COMPLETED
                    ? BookingEvents.next(trigger, step.success(), result.output(), null)
                    : BookingEvents.next(trigger, step.failure(), null, result.reason());
            publish(step.topic(), booking, event);
            return event;
        });
    }

    private static TaskContext context(BookingEvents.Step s, JsonNode event, ConsumerRecord<String, String> r) {
        String booking = event.path("bookingId").asText();
        return new TaskContext(
                booking,
                r.topic() + "-" + r.partition() + "-" + r.offset(),
                s.taskType(),
                s.taskType(),
                0,
                booking,
                null,
                "none",
                event.deepCopy() instanceof ObjectNode o ? o : JSON.createObjectNode(),
                new RecordHeaders(),
                r.topic(),
                r.partition(),
                r.offset());
    }

    private void publish(String topic, String key, ObjectNode event) {
        try {
            producer.send(new ProducerRecord<>(topic, key, JSON.writeValueAsString(event)))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + topic + ": " + e.getMessage(), e);
        }
    }

    private static void createTopics(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = BookingEvents.TOPICS.stream()
                    .filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, 6, (short) -1))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
        } catch (Exception e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw new IllegalStateException("cannot create the choreography's topics: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        running.set(false);
        workers.forEach(TaskWorker::close);
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close();
    }
}

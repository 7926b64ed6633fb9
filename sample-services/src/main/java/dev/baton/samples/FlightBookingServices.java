package dev.baton.samples;

import dev.baton.worker.TaskWorker;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the flight-booking saga's services in one JVM, one {@link TaskWorker} per task type
 * (see {@link FlightTasks#ALL}), sharing one {@link Ledger}.
 *
 * <pre>{@code
 * try (FlightBookingServices services = FlightBookingServices.start(bootstrap, Map.of(),
 *         Map.of("charge_payment", 0.2))) {
 *     ...
 *     services.ledger().duplicates();
 * }
 * }</pre>
 */
public final class FlightBookingServices implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FlightBookingServices.class);

    private static final Map<String, BiFunction<Ledger, FaultPolicy, SampleService>> FACTORIES = Map.of(
            FlightTasks.RESERVE_SEAT, ReserveSeatService::new,
            FlightTasks.CHARGE_PAYMENT, ChargePaymentService::new,
            FlightTasks.ISSUE_TICKET, IssueTicketService::new,
            FlightTasks.NOTIFY_CUSTOMER, NotifyCustomerService::new,
            FlightTasks.RELEASE_SEAT, ReleaseSeatService::new,
            FlightTasks.REFUND_PAYMENT, RefundPaymentService::new);

    private final String bootstrapServers;
    private final Map<String, Object> clientProperties;
    private final String groupIdPrefix;
    private final int threads;
    private final int partitions;
    private final boolean createTopics;
    private final Ledger ledger = new Ledger();
    private final Map<String, TaskWorker> workers = new LinkedHashMap<>();
    private final Map<String, SampleService> services = new LinkedHashMap<>();
    private boolean started;
    private boolean closed;

    private FlightBookingServices(Builder config) {
        this.bootstrapServers = config.bootstrapServers;
        this.clientProperties = Map.copyOf(config.clientProperties);
        this.groupIdPrefix = config.groupIdPrefix;
        this.threads = config.threads;
        this.partitions = config.partitions;
        this.createTopics = config.createTopics;
        for (String type : config.taskTypes) {
            double rate = config.failureRates.getOrDefault(type, 0.0);
            long latency = config.latencies.getOrDefault(type, config.defaultLatencyMillis);
            services.put(type, FACTORIES.get(type).apply(ledger, new FaultPolicy(rate, latency, config.seed)));
        }
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts all six services.
     *
     * @param bootstrapServers Kafka bootstrap servers
     * @param clientProperties extra Kafka client properties (e.g. SASL/SSL), may be empty
     * @param failureRates     failure rate (0.0–1.0) per task type; absent types never fail
     */
    public static FlightBookingServices start(
            String bootstrapServers, Map<String, ?> clientProperties, Map<String, Double> failureRates) {
        return builder()
                .bootstrapServers(bootstrapServers)
                .clientProperties(clientProperties)
                .failureRates(failureRates)
                .build()
                .start();
    }

    /** Starts a worker per task type (creating command topics if missing). */
    public synchronized FlightBookingServices start() {
        if (started || closed) {
            throw new IllegalStateException(closed ? "closed" : "already started");
        }
        started = true;
        try {
            services.forEach((type, service) -> {
                TaskWorker.Builder b = TaskWorker.builder()
                        .bootstrapServers(bootstrapServers)
                        .properties(clientProperties)
                        .taskType(type)
                        .groupId(groupIdPrefix + type)
                        .handler(service)
                        .threads(threads)
                        .createTopic(createTopics)
                        .partitions(partitions);
                workers.put(type, b.build().start());
            });
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("flight booking services started: {}", workers.keySet());
        return this;
    }

    /** The ledger of deliveries shared by all services. */
    public Ledger ledger() {
        return ledger;
    }

    /** The worker serving a task type. */
    public TaskWorker worker(String taskType) {
        TaskWorker w = workers.get(taskType);
        if (w == null) {
            throw new IllegalArgumentException("no worker for task type " + taskType);
        }
        return w;
    }

    /** The handler of a task type (with its fault policy). */
    public SampleService service(String taskType) {
        SampleService s = services.get(taskType);
        if (s == null) {
            throw new IllegalArgumentException("no service for task type " + taskType);
        }
        return s;
    }

    /** Task types served. */
    public Set<String> taskTypes() {
        return Collections.unmodifiableSet(services.keySet());
    }

    /** Closes every worker (gracefully). Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // close the workers in parallel: each waits for its consumer to leave the group
        List<Thread> closers = new ArrayList<>();
        List<RuntimeException> errors = Collections.synchronizedList(new ArrayList<>());
        for (TaskWorker w : workers.values()) {
            Thread t = new Thread(
                    () -> {
                        try {
                            w.close();
                        } catch (RuntimeException e) {
                            errors.add(e);
                        }
                    },
                    "close-" + w.taskType());
            closers.add(t);
            t.start();
        }
        for (Thread t : closers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
    }

    /** Builds {@link FlightBookingServices}; {@code bootstrapServers} is required. */
    public static final class Builder {
        private String bootstrapServers;
        private final Map<String, Object> clientProperties = new HashMap<>();
        private final Map<String, Double> failureRates = new HashMap<>();
        private final Map<String, Long> latencies = new HashMap<>();
        private long defaultLatencyMillis;
        private Long seed;
        private int threads = 1;
        private int partitions = 6;
        private boolean createTopics = true;
        private String groupIdPrefix = "baton-worker-";
        private Set<String> taskTypes = new LinkedHashSet<>(FlightTasks.ALL);

        private Builder() {}

        public Builder bootstrapServers(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
            return this;
        }

        /** Extra Kafka client properties for every worker (e.g. SASL/SSL). */
        public Builder clientProperties(Map<String, ?> properties) {
            clientProperties.putAll(Objects.requireNonNull(properties));
            return this;
        }

        /** Failure rate (0.0–1.0) of one task type. */
        public Builder failureRate(String taskType, double rate) {
            requireKnown(taskType);
            new FaultPolicy(rate, 0, null); // validates the rate
            failureRates.put(taskType, rate);
            return this;
        }

        /** Failure rates per task type. */
        public Builder failureRates(Map<String, Double> rates) {
            Objects.requireNonNull(rates).forEach(this::failureRate);
            return this;
        }

        /** Latency (ms) added to every command of every service. */
        public Builder latencyMillis(long millis) {
            new FaultPolicy(0, millis, null);
            this.defaultLatencyMillis = millis;
            return this;
        }

        /** Latency (ms) of one task type (overrides {@link #latencyMillis(long)}). */
        public Builder latencyMillis(String taskType, long millis) {
            requireKnown(taskType);
            new FaultPolicy(0, millis, null);
            latencies.put(taskType, millis);
            return this;
        }

        /** Seed that makes injected failures deterministic per (service, workflow, task, attempt). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Consumer threads per service; default 1. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1");
            }
            this.threads = threads;
            return this;
        }

        /** Partitions of command topics created at start; default 6. */
        public Builder partitions(int partitions) {
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be >= 1");
            }
            this.partitions = partitions;
            return this;
        }

        /** Whether to create missing command topics; default true. */
        public Builder createTopics(boolean createTopics) {
            this.createTopics = createTopics;
            return this;
        }

        /** Consumer group id prefix (task type appended); default {@code baton-worker-}. */
        public Builder groupIdPrefix(String prefix) {
            this.groupIdPrefix = Objects.requireNonNull(prefix);
            return this;
        }

        /** Serve only these task types (default: all of {@link FlightTasks#ALL}). */
        public Builder taskTypes(Collection<String> types) {
            Set<String> set = new LinkedHashSet<>();
            for (String t : types) {
                requireKnown(t);
                set.add(t);
            }
            if (set.isEmpty()) {
                throw new IllegalArgumentException("no task types");
            }
            this.taskTypes = set;
            return this;
        }

        public FlightBookingServices build() {
            if (bootstrapServers == null || bootstrapServers.isBlank()) {
                throw new IllegalStateException("bootstrapServers is required");
            }
            return new FlightBookingServices(this);
        }

        private static void requireKnown(String taskType) {
            if (!FACTORIES.containsKey(taskType)) {
                throw new IllegalArgumentException("unknown task type " + taskType + "; known: " + FlightTasks.ALL);
            }
        }
    }
}

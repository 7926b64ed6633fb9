package dev.baton.orchestrator.ops;

import dev.baton.orchestrator.runtime.StreamsRuntime;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Connects the Streams runtime to the meter registry when the runtime bean is created: its
 * observations go to {@link BatonMeters}; the gauge {@code baton_timers_pending} reads the size of
 * this node's timer store (RocksDB's estimate, exact enough for keys written once and deleted
 * once, as timer keys are; it includes the retention timers of finished instances; NaN while the
 * store cannot be queried); and Kafka Streams' own client metrics are bound under {@code kafka_*},
 * among them the consumer lag {@code kafka_consumer_fetch_manager_records_lag_max}. The instance
 * store gets no gauge: instances are rewritten at every step, which RocksDB's estimate counts
 * several times over.
 */
@Singleton
public class RuntimeMetricsBinder implements BeanCreatedEventListener<StreamsRuntime> {
    static final String TIMERS_PENDING = "baton.timers.pending";

    private final MeterRegistry registry;
    private final BatonMeters meters;
    private KafkaStreamsMetrics streamsMetrics;

    public RuntimeMetricsBinder(MeterRegistry registry, BatonMeters meters) {
        this.registry = registry;
        this.meters = meters;
    }

    @Override
    public StreamsRuntime onCreated(BeanCreatedEvent<StreamsRuntime> event) {
        bind(event.getBean());
        return event.getBean();
    }

    /** Meters {@code runtime}; called for the runtime bean, and by code that creates a runtime by hand. */
    public synchronized void bind(StreamsRuntime runtime) {
        runtime.metrics().listen(meters);
        Gauge.builder(TIMERS_PENDING, runtime, r -> size(r::localTimers))
                .description("Timers held in this node's timer store (estimate; includes retention timers)")
                .register(registry);
        runtime.whenStarted(this::bindStreams);
    }

    /** Kafka Streams' client metrics, once the client exists (it starts after the HTTP server binds). */
    private synchronized void bindStreams(org.apache.kafka.streams.KafkaStreams streams) {
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
    }

    private static double size(Supplier<ReadOnlyKeyValueStore<String, byte[]>> store) {
        try {
            return store.get().approximateNumEntries();
        } catch (InvalidStateStoreException e) {
            return Double.NaN;
        }
    }

    @PreDestroy
    synchronized void close() {
        if (streamsMetrics != null) {
            streamsMetrics.close();
            streamsMetrics = null;
        }
    }
}

package dev.baton.orchestrator.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.health.HealthStatus;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

/** The probes for every Kafka Streams state. */
class StreamsHealthTest {

    @Test
    void readyOnlyWhenRunning() {
        for (State s : State.values()) {
            assertThat(StreamsHealth.readiness(source(s)))
                    .as(s.name())
                    .isEqualTo(s == State.RUNNING ? HealthStatus.UP : HealthStatus.DOWN);
        }
        assertThat(StreamsHealth.readiness(new DrivenStreamsState())).isEqualTo(HealthStatus.DOWN);
    }

    @Test
    void aliveUnlessFailingOrShuttingDown() {
        assertThat(StreamsHealth.liveness(source(State.CREATED))).isEqualTo(HealthStatus.UP);
        assertThat(StreamsHealth.liveness(source(State.REBALANCING))).isEqualTo(HealthStatus.UP);
        assertThat(StreamsHealth.liveness(source(State.RUNNING))).isEqualTo(HealthStatus.UP);
        assertThat(StreamsHealth.liveness(source(State.PENDING_SHUTDOWN))).isEqualTo(HealthStatus.DOWN);
        assertThat(StreamsHealth.liveness(source(State.NOT_RUNNING))).isEqualTo(HealthStatus.DOWN);
        assertThat(StreamsHealth.liveness(source(State.PENDING_ERROR))).isEqualTo(HealthStatus.DOWN);
        assertThat(StreamsHealth.liveness(source(State.ERROR))).isEqualTo(HealthStatus.DOWN);
        assertThat(StreamsHealth.liveness(new DrivenStreamsState()))
                .as("not created yet: starting")
                .isEqualTo(HealthStatus.UP);
    }

    @Test
    void detailsNameTheState() {
        assertThat(StreamsHealth.details(source(State.REBALANCING))).containsEntry("state", "REBALANCING");
        assertThat(StreamsHealth.details(new DrivenStreamsState())).containsEntry("state", "NOT_CREATED");
        StreamsStateSource disabled = new StreamsStateSource() {
            @Override
            public boolean enabled() {
                return false;
            }

            @Override
            public Optional<State> state() {
                return Optional.empty();
            }
        };
        assertThat(StreamsHealth.details(disabled)).containsEntry("state", "DISABLED");
        assertThat(StreamsHealth.readiness(disabled)).isEqualTo(HealthStatus.UP);
        assertThat(StreamsHealth.liveness(disabled)).isEqualTo(HealthStatus.UP);
    }

    private static StreamsStateSource source(State s) {
        DrivenStreamsState d = new DrivenStreamsState();
        d.set(s);
        return d;
    }
}

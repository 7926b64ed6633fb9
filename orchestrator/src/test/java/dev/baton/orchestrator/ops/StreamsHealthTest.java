package dev.baton.orchestrator.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.orchestrator.runtime.RestoreProgress;
import io.micronaut.health.HealthStatus;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
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

    @Test
    void detailsShowWhatIsStillBeingRestored() {
        RestoreProgress restore = new RestoreProgress();
        restore.onRestoreStart(new TopicPartition("app-baton-workflows-changelog", 3), "baton-workflows", 0, 5_000);
        restore.onBatchRestored(
                new TopicPartition("app-baton-workflows-changelog", 3), "baton-workflows", 1_000, 1_000);
        StreamsStateSource running = new StreamsStateSource() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public Optional<State> state() {
                return Optional.of(State.RUNNING);
            }

            @Override
            public Optional<RestoreProgress> restore() {
                return Optional.of(restore);
            }
        };
        assertThat(StreamsHealth.details(running))
                .containsEntry("state", "RUNNING")
                .containsEntry("storesRestoring", 1)
                .containsEntry("recordsToRestore", 4_000L)
                .containsEntry("recordsRestored", 1_000L);
    }

    private static StreamsStateSource source(State s) {
        DrivenStreamsState d = new DrivenStreamsState();
        d.set(s);
        return d;
    }
}

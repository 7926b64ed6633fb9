package dev.baton.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Readiness and liveness from the stream threads: not running past a grace, and replacements in a window. */
class ThreadHealthTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final ThreadHealth health = new ThreadHealth(10_000, 300_000, 3, now::get);

    @Test
    void notReadyUntilEveryThreadFirstRuns() {
        health.observed(List.of("STARTING"));
        assertThat(health.ready()).isFalse();
        assertThat(health.alive()).isTrue();
        health.observed(List.of("RUNNING", "RUNNING"));
        assertThat(health.ready()).isTrue();
    }

    @Test
    void aThreadOtherThanRunningIsToleratedForTheGraceOnly() {
        health.observed(List.of("RUNNING"));
        health.observed(List.of("PARTITIONS_ASSIGNED"));
        now.addAndGet(9_000);
        assertThat(health.ready()).isTrue();
        now.addAndGet(2_000);
        assertThat(health.ready()).isFalse();
        health.observed(List.of("RUNNING"));
        assertThat(health.ready()).isTrue();
    }

    @Test
    void threadsThatKeepDyingMakeTheNodeNeitherReadyNorAliveUntilTheWindowPasses() {
        health.observed(List.of("RUNNING"));
        health.died();
        health.died();
        assertThat(health.ready()).isTrue();
        health.died();
        assertThat(health.ready()).isFalse();
        assertThat(health.alive()).isFalse();
        assertThat(health.recentDeaths()).isEqualTo(3);
        now.addAndGet(300_001);
        assertThat(health.alive()).isTrue();
        assertThat(health.totalDeaths()).isEqualTo(3);
    }
}

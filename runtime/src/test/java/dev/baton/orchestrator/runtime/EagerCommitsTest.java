package dev.baton.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EagerCommitsTest {

    @Test
    void aLightlyLoadedNodeCommitsEveryRecord() {
        EagerCommits eager = new EagerCommits(500); // 50 per tenth of a second
        for (long t = 0; t < 1_000; t += 5) { // 200 records/s
            assertThat(eager.afterRecord(t, true)).as("record at %d ms", t).isTrue();
        }
    }

    @Test
    void recordsCloserThanTheGapRideWithTheLastAsk() {
        EagerCommits eager = new EagerCommits(500);
        assertThat(eager.afterRecord(1_000, true)).isTrue();
        assertThat(eager.afterRecord(1_001, true)).isFalse();
        assertThat(eager.afterRecord(1_000 + EagerCommits.GAP_MS - 1, true)).isFalse();
        assertThat(eager.afterRecord(1_000 + EagerCommits.GAP_MS, true)).isTrue();
    }

    @Test
    void aRecordNobodyWaitsOnNeverAsksAndLeavesTheGapToTheNext() {
        EagerCommits eager = new EagerCommits(500);
        assertThat(eager.afterRecord(1_000, false)).as("a worker's polled").isFalse();
        assertThat(eager.afterRecord(1_001, true))
                .as("its result, a millisecond later")
                .isTrue();
    }

    @Test
    void recordsNobodyWaitsOnStillCountTowardsTheLoad() {
        EagerCommits eager = new EagerCommits(500);
        for (int i = 0; i < 1_000; i++) {
            eager.afterRecord(i / 10, false);
        }
        assertThat(eager.afterRecord(EagerCommits.WINDOW_MS + 50, true)).isFalse();
    }

    @Test
    void underLoadTheCommitIntervalBatchesAgain() {
        EagerCommits eager = new EagerCommits(500);
        int asked = 0;
        for (int i = 0; i < 1_000; i++) { // 1,000 records in the first tenth of a second
            asked += eager.afterRecord(i / 10, true) ? 1 : 0;
        }
        assertThat(asked).as("one ask per gap while the first 50 records came").isEqualTo(1);
        // the next window starts after a busy one: no record asks while the last window was over the threshold
        assertThat(eager.afterRecord(EagerCommits.WINDOW_MS, true)).isFalse();
        assertThat(eager.afterRecord(EagerCommits.WINDOW_MS + 50, true)).isFalse();
    }

    @Test
    void aQuietSpellAfterLoadCommitsEagerlyAgain() {
        EagerCommits eager = new EagerCommits(500);
        for (int i = 0; i < 1_000; i++) {
            eager.afterRecord(i / 10, true);
        }
        // one record a second later: the busy window is no longer the last one
        assertThat(eager.afterRecord(1_000, true)).isTrue();
        assertThat(eager.afterRecord(1_000 + EagerCommits.GAP_MS, true)).isTrue();
    }

    @Test
    void offNeverAsks() {
        EagerCommits eager = EagerCommits.off();
        assertThat(eager.afterRecord(0, true)).isFalse();
        assertThat(eager.afterRecord(10_000, true)).isFalse();
    }
}

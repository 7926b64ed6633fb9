package dev.baton.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The restore counters Kafka Streams' callbacks drive. */
class RestoreProgressTest {
    private static final TopicPartition P0 = new TopicPartition("app-baton-workflows-changelog", 0);
    private static final TopicPartition P1 = new TopicPartition("app-baton-workflows-changelog", 1);

    @Test
    void countsWhatIsRestoredAndWhatIsLeft() {
        RestoreProgress p = new RestoreProgress();
        p.onRestoreStart(P0, "baton-workflows", 0, 1_000);
        p.onRestoreStart(P1, "baton-workflows", 100, 600);
        assertThat(p.restoringNow()).isEqualTo(2);
        assertThat(p.remainingRecords()).isEqualTo(1_500);

        p.onBatchRestored(P0, "baton-workflows", 400, 400);
        p.onBatchRestored(P1, "baton-workflows", 600, 480); // 20 offsets were markers
        assertThat(p.restoredRecords()).isEqualTo(880);
        assertThat(p.remainingRecords()).isEqualTo(620);

        p.onRestoreEnd(P1, "baton-workflows", 480);
        assertThat(p.restoringNow()).isEqualTo(1);
        assertThat(p.remainingRecords())
                .as("the markers' offsets are no longer counted")
                .isEqualTo(600);
        assertThat(p.restoredStorePartitions()).isEqualTo(1);

        p.onBatchRestored(P0, "baton-workflows", 1_000, 590);
        p.onRestoreEnd(P0, "baton-workflows", 990);
        assertThat(p.restoringNow()).isZero();
        assertThat(p.remainingRecords()).isZero();
        assertThat(p.restoredRecords()).isEqualTo(1_470);
        assertThat(p.restoredStorePartitions()).isEqualTo(2);
    }

    @Test
    void aSuspendedRestoreLeavesNothingOutstanding() {
        RestoreProgress p = new RestoreProgress();
        p.onRestoreStart(P0, "baton-instances", 0, 10_000);
        p.onBatchRestored(P0, "baton-instances", 2_000, 2_000);
        p.onRestoreSuspended(P0, "baton-instances", 2_000); // the partition moved to another node
        assertThat(p.restoringNow()).isZero();
        assertThat(p.remainingRecords()).isZero();
        assertThat(p.restoredRecords()).isEqualTo(2_000);
        assertThat(p.restoredStorePartitions()).isZero();
    }
}

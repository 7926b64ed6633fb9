package dev.baton.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DueTimersTest {

    @Test
    void aNewPartitionScansTheWholeStoreAtOnce() {
        DueTimers timers = new DueTimers();
        assertThat(timers.worthScanning(0)).isTrue();
        assertThat(timers.scanFrom()).isZero();
    }

    @Test
    void afterAScanNothingIsReadUntilTheNextTimerIsDue() {
        DueTimers timers = scanned(1_000, 61_000);
        assertThat(timers.worthScanning(1_100)).isFalse();
        assertThat(timers.worthScanning(60_999)).isFalse();
        assertThat(timers.worthScanning(61_000)).isTrue();
        assertThat(timers.scanFrom()).as("what fired is not read again").isEqualTo(1_001);
    }

    @Test
    void anEmptyStoreIsNotReadAgainUntilATimerIsPut() {
        DueTimers timers = scanned(1_000, Long.MAX_VALUE);
        assertThat(timers.worthScanning(Long.MAX_VALUE - 1)).isFalse();
        timers.put(5_000);
        assertThat(timers.worthScanning(4_999)).isFalse();
        assertThat(timers.worthScanning(5_000)).isTrue();
    }

    @Test
    void aTimerPutEarlierThanTheNextOneIsScannedAtItsTime() {
        DueTimers timers = scanned(1_000, 61_000);
        timers.put(1_500);
        assertThat(timers.worthScanning(1_499)).isFalse();
        assertThat(timers.worthScanning(1_500)).isTrue();
        assertThat(timers.scanFrom()).isEqualTo(1_001);
    }

    @Test
    void aTimerPutInThePastMovesTheScanBack() {
        DueTimers timers = scanned(1_000, 61_000);
        timers.put(200); // a due time computed from an older record's time
        assertThat(timers.scanFrom()).isEqualTo(200);
        assertThat(timers.worthScanning(1_100)).isTrue();
    }

    @Test
    void timersPutWhileAScanFiresAreNotLost() {
        DueTimers timers = new DueTimers();
        timers.scanning();
        timers.put(900); // a fired step set a timer due already
        timers.put(30_000);
        timers.scanned(1_000, 61_000); // the store's next live timer, as read after the firing
        assertThat(timers.scanFrom()).isEqualTo(900);
        assertThat(timers.worthScanning(1_100)).isTrue();

        timers.scanning();
        timers.scanned(1_100, 30_000);
        assertThat(timers.scanFrom()).isEqualTo(1_101);
        assertThat(timers.worthScanning(29_999)).isFalse();
        assertThat(timers.worthScanning(30_000)).isTrue();
    }

    @Test
    void aScanCutShortStartsWhereItStopped() {
        DueTimers timers =
                scanned(4_999, 5_000); // the timers due at 5,000 and after were left for the next punctuation
        assertThat(timers.scanFrom()).isEqualTo(5_000);
        assertThat(timers.worthScanning(5_000)).isTrue();
    }

    /** A partition's marks after a first scan that fired up to {@code firedUpTo} and left the next timer at {@code next}. */
    private static DueTimers scanned(long firedUpTo, long next) {
        DueTimers timers = new DueTimers();
        timers.scanning();
        timers.scanned(firedUpTo, next);
        return timers;
    }
}

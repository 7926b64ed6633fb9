package dev.baton.engine.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A WAIT's duration in the forms Conductor reads (its DateTimeUtils): short and long unit names, with spaces. */
class WaitDurationTest {
    @Test
    void unitsAreReadShortOrLong() {
        assertThat(Waits.parseDuration("3 seconds")).isEqualTo(Duration.ofSeconds(3));
        assertThat(Waits.parseDuration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Waits.parseDuration("2 days 1 hour 5 mins 1 sec")).isEqualTo(Duration.parse("P2DT1H5M1S"));
        assertThat(Waits.parseDuration("1h 30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Waits.parseDuration("10 minutes")).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void anythingElseIsRefused() {
        assertThatThrownBy(() -> Waits.parseDuration("ten minutes")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Waits.parseDuration("PT2S")).isInstanceOf(IllegalArgumentException.class);
    }
}

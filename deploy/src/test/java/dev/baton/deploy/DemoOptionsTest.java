package dev.baton.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    @Test
    void defaultsTo200BookingsWithoutFailures() {
        assertThat(DemoOptions.parse(new String[0]))
                .isEqualTo(new DemoOptions(200, 0.0, false, DemoOptions.ORCHESTRATED));
    }

    @Test
    void readsEveryOption() {
        assertThat(DemoOptions.parse(new String[] {"--bookings", "50", "--fail-rate", "0.25", "--stay"}))
                .isEqualTo(new DemoOptions(50, 0.25, true, DemoOptions.ORCHESTRATED));
    }

    @Test
    void theBridgeDemosObserveOrTakeOverThePayment() {
        assertThat(DemoOptions.parse(new String[] {"--observe"}))
                .isEqualTo(new DemoOptions(20, 0.0, false, DemoOptions.OBSERVE));
        assertThat(DemoOptions.parse(new String[] {"--takeover", "payment", "--bookings", "5"}))
                .isEqualTo(new DemoOptions(5, 0.0, false, DemoOptions.TAKEOVER));
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--takeover", "ticket"}))
                .hasMessageContaining("--takeover takes the step to take over: payment");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--observe", "--fail-rate", "0.5"}))
                .hasMessage("--fail-rate goes with the orchestrated demo");
    }

    @Test
    void refusesBadValuesWithAClearMessage() {
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--bookings", "0"}))
                .hasMessage("--bookings must be at least 1");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--fail-rate", "2"}))
                .hasMessage("--fail-rate must be between 0 and 1");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--bookings"})).hasMessage("--bookings needs a value");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--bookings", "many"}))
                .hasMessage("--bookings needs a whole number, got 'many'");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--bogus"}))
                .hasMessage("unknown argument --bogus (try --help)");
    }
}

package dev.baton.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FlightBookingServicesMainTest {

    @Test
    void parsesOptions() {
        FlightBookingServices s = FlightBookingServicesMain.parse(new String[] {
                    "--bootstrap",
                    "127.0.0.1:19092",
                    "--fail-rate",
                    "charge_payment=0.25",
                    "--fail-rate=issue_ticket=1.0,notify_customer=0.5",
                    "--latency-ms",
                    "5",
                    "--latency-ms",
                    "reserve_seat=20",
                    "--seed",
                    "99",
                    "--property",
                    "security.protocol=PLAINTEXT",
                    "--threads",
                    "2",
                    "--partitions",
                    "3"
                })
                .build();
        assertThat(s.service("charge_payment").faults().failureRate()).isEqualTo(0.25);
        assertThat(s.service("issue_ticket").faults().failureRate()).isEqualTo(1.0);
        assertThat(s.service("notify_customer").faults().failureRate()).isEqualTo(0.5);
        assertThat(s.service("reserve_seat").faults().failureRate()).isZero();
        assertThat(s.service("reserve_seat").faults().latencyMillis()).isEqualTo(20);
        assertThat(s.service("release_seat").faults().latencyMillis()).isEqualTo(5);
        assertThat(s.service("refund_payment").faults().seed()).isEqualTo(99L);
        assertThat(s.taskTypes()).containsExactlyElementsOf(FlightTasks.ALL);
    }

    @Test
    void rejectsBadOptions() {
        assertThatThrownBy(() -> FlightBookingServicesMain.parse(new String[] {"--fail-rate", "nosuch=0.1"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown task type");
        assertThatThrownBy(() -> FlightBookingServicesMain.parse(new String[] {"--fail-rate", "charge_payment=2"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FlightBookingServicesMain.parse(new String[] {"--frobnicate"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown option");
        assertThatThrownBy(() -> FlightBookingServicesMain.parse(new String[] {"--seed"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a value");
    }
}

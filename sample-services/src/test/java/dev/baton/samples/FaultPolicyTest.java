package dev.baton.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultPolicyTest {

    private static List<Boolean> decisions(FaultPolicy p, int n) {
        List<Boolean> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(p.shouldFail("charge_payment", Contexts.of("charge_payment", "wf-" + i, "t", 0, "{}")));
        }
        return out;
    }

    @Test
    void seededDecisionsRepeatAndFollowTheRate() {
        List<Boolean> a = decisions(new FaultPolicy(0.3, 0, 42L), 2000);
        List<Boolean> b = decisions(new FaultPolicy(0.3, 0, 42L), 2000);
        List<Boolean> c = decisions(new FaultPolicy(0.3, 0, 7L), 2000);
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
        long failures = a.stream().filter(x -> x).count();
        assertThat(failures).isBetween(500L, 700L);
    }

    @Test
    void attemptsAreDecidedIndependently() {
        FaultPolicy p = new FaultPolicy(0.5, 0, 1L);
        int differing = 0;
        for (int i = 0; i < 200; i++) {
            boolean first = p.shouldFail("s", Contexts.of("s", "wf-" + i, "t", 0, "{}"));
            boolean retry = p.shouldFail("s", Contexts.of("s", "wf-" + i, "t", 1, "{}"));
            if (first != retry) {
                differing++;
            }
        }
        assertThat(differing).isGreaterThan(50);
    }

    @Test
    void extremesAndValidation() {
        assertThat(decisions(new FaultPolicy(0.0, 0, null), 100)).containsOnly(false);
        assertThat(decisions(new FaultPolicy(1.0, 0, null), 100)).containsOnly(true);
        assertThatThrownBy(() -> new FaultPolicy(1.5, 0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FaultPolicy(-0.1, 0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FaultPolicy(0.5, -1, null)).isInstanceOf(IllegalArgumentException.class);
    }
}

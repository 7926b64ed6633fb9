package dev.baton.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimerKeysTest {

    @Test
    void keysSortByDueTimeAndCarryTheirParts() {
        String key = TimerKeys.key(1_700_000_000_123L, "retry/t-1", "wf-9");
        assertThat(key).isEqualTo("1700000000123|retry/t-1|wf-9");
        assertThat(TimerKeys.key(42, "x", "w")).isEqualTo("0000000000042|x|w");
        assertThat(TimerKeys.timerId(key)).isEqualTo("retry/t-1");
        assertThat(TimerKeys.workflowId(key)).isEqualTo("wf-9");
        assertThat(TimerKeys.key(999, "a", "b")).isLessThan(TimerKeys.key(1000, "a", "b"));
        assertThat(TimerKeys.key(1000, "z", "z")).isLessThan(TimerKeys.upperBound(1000));
        assertThat(TimerKeys.upperBound(1000)).isLessThan(TimerKeys.key(1001, "a", "a"));
    }

    @Test
    void boundsForAScanFromADueTime() {
        String key = TimerKeys.key(1_700_000_000_123L, "retry/t-1", "wf-9");
        assertThat(TimerKeys.dueAt(key)).isEqualTo(1_700_000_000_123L);
        assertThat(TimerKeys.dueAt(TimerKeys.key(42, "x", "w"))).isEqualTo(42);
        assertThat(TimerKeys.lowerBound(1_700_000_000_123L)).isLessThanOrEqualTo(key);
        assertThat(TimerKeys.lowerBound(1_700_000_000_124L)).isGreaterThan(key);
        assertThat(TimerKeys.lowerBound(-5)).isEqualTo(TimerKeys.lowerBound());
        assertThat(TimerKeys.end()).isGreaterThan(TimerKeys.key(9_999_999_999_999L, "z", "z"));
    }
}

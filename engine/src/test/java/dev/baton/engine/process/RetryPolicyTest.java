package dev.baton.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.dsl.TaskDef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Retry delays per Conductor's retryLogic. */
class RetryPolicyTest {

    private static TaskDef def(String logic, Integer delay, Integer scale, Integer max) {
        return new TaskDef(
                "t", null, 10, logic, delay, scale, max, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null);
    }

    @ParameterizedTest(name = "{0} delay={1} scale={2} max={3} after attempt {4} -> {5} ms")
    @CsvSource(
            nullValues = "-",
            value = {
                "FIXED,               10, -, -,   0, 10000",
                "FIXED,               10, -, -,   5, 10000",
                "FIXED,               0,  -, -,   3, 0",
                "-,                   -,  -, -,   0, 60000",
                "LINEAR_BACKOFF,      3,  2, -,   0, 6000",
                "LINEAR_BACKOFF,      3,  2, -,   2, 18000",
                "LINEAR_BACKOFF,      3,  -, -,   1, 6000",
                "EXPONENTIAL_BACKOFF, 2,  -, -,   0, 2000",
                "EXPONENTIAL_BACKOFF, 2,  -, -,   3, 16000",
                "EXPONENTIAL_BACKOFF, 10, -, 25,  2, 25000",
                "EXPONENTIAL_BACKOFF, 10, -, 0,   2, 40000",
                "LINEAR_BACKOFF,      10, 1, 15,  4, 15000",
                "FIXED,               30, -, 20,  0, 20000",
            })
    void delay(String logic, Integer delay, Integer scale, Integer max, int retryCount, long expectedMillis) {
        assertThat(RetryPolicy.delayMillis(def(logic, delay, scale, max), retryCount))
                .isEqualTo(expectedMillis);
    }

    @ParameterizedTest
    @CsvSource({"40", "62", "1000"})
    void exponentialBackoffDoesNotOverflowForLargeAttemptNumbers(int retryCount) {
        long millis = RetryPolicy.delayMillis(def("EXPONENTIAL_BACKOFF", 1, null, null), retryCount);
        assertThat(millis).isPositive();
    }

    @Test
    void jitterSpreadsDelaysByTaskIdWithinItsBoundAndRepeatsForTheSameTask() {
        TaskDef jittered = new TaskDef(
                "t", null, 10, "FIXED", 2, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, 500, null, null, null, null, null);
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < 100; i++) {
            long delay = RetryPolicy.delayMillis(jittered, 0, "task-" + i);
            assertThat(delay).isBetween(2_000L, 2_500L);
            assertThat(RetryPolicy.delayMillis(jittered, 0, "task-" + i)).isEqualTo(delay);
            seen.add(delay);
        }
        assertThat(seen).hasSizeGreaterThan(20);
        assertThat(RetryPolicy.delayMillis(def("FIXED", 2, null, null), 0, "any"))
                .isEqualTo(2_000L);
    }
}

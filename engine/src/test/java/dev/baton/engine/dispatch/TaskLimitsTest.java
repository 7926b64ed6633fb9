package dev.baton.engine.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.dsl.DefinitionParser;
import org.junit.jupiter.api.Test;

/** Which definitions limit their tasks, with Conductor's defaults. */
class TaskLimitsTest {

    @Test
    void aDefinitionWithoutLimitsHasNone() {
        assertThat(TaskLimits.of(DefinitionParser.task("{\"name\": \"t\"}"))).isNull();
        assertThat(TaskLimits.of(DefinitionParser.task("{\"name\": \"t\", \"concurrentExecLimit\": 0,"
                        + " \"rateLimitPerFrequency\": 0, \"rateLimitFrequencyInSeconds\": 5}")))
                .isNull();
        assertThat(TaskLimits.of(null)).isNull();
    }

    @Test
    void aConcurrencyLimitAlone() {
        TaskLimits l = TaskLimits.of(DefinitionParser.task("{\"name\": \"t\", \"concurrentExecLimit\": 2}"));
        assertThat(l.concurrencyLimited()).isTrue();
        assertThat(l.concurrentExecLimit()).isEqualTo(2);
        assertThat(l.rateLimited()).isFalse();
    }

    @Test
    void aRateLimitWithoutAWindowUsesConductorsOneSecond() {
        TaskLimits l = TaskLimits.of(DefinitionParser.task("{\"name\": \"t\", \"rateLimitPerFrequency\": 3}"));
        assertThat(l.rateLimited()).isTrue();
        assertThat(l.rateLimitFrequencyInSeconds()).isEqualTo(1);
        assertThat(l.windowMillis()).isEqualTo(1_000);
        assertThat(l.concurrencyLimited()).isFalse();
    }

    @Test
    void aRateLimitWithAZeroWindowLimitsNothingAsInConductor() {
        assertThat(TaskLimits.of(DefinitionParser.task(
                        "{\"name\": \"t\", \"rateLimitPerFrequency\": 3," + " \"rateLimitFrequencyInSeconds\": 0}")))
                .isNull();
    }
}

package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** WAIT as Conductor 3.32.1 shows it: how long it waits, and its reasons for a time it cannot read. */
class WaitTaskTest {
    private final EngineHarness h = new EngineHarness();

    /** A WAIT whose input {@code param} (duration, until, or none) is the workflow input {@code value}. */
    private TaskState waitWith(String param, String value) {
        String name = "w_" + param;
        h.registerWorkflow("""
                {"name": "%s", "version": 1, "tasks": [
                  {"name": "w", "taskReferenceName": "w", "type": "WAIT",
                   "inputParameters": {%s}}]}""".formatted(name, param.isEmpty() ? "" : "\"" + param + "\": \"${workflow.input.v}\""));
        return h.current(h.start(name, "{\"v\": \"" + value + "\"}"), "w");
    }

    @Test
    void callbackAfterSecondsShowsTheWait() {
        assertThat(waitWith("duration", "1m 2s").callbackAfterSeconds).isEqualTo(62);
        assertThat(waitWith("duration", "1d").callbackAfterSeconds).isEqualTo(86_400);
        String inAnHour = java.time.Instant.ofEpochMilli(h.now())
                .plus(Duration.ofHours(1))
                .toString();
        assertThat(waitWith("until", inAnHour).callbackAfterSeconds).isEqualTo(3_600);
        assertThat(waitWith("", "").callbackAfterSeconds).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aTimeThatCannotBeReadFailsTheTaskInConductorsWords() {
        TaskState badDuration = waitWith("duration", "PT2S");
        assertThat(badDuration.status).isEqualTo(TaskStatus.FAILED_WITH_TERMINAL_ERROR);
        assertThat(badDuration.reasonForIncompletion).isEqualTo("Not valid duration: PT2S");

        TaskState badDate = waitWith("until", "tomorrow");
        assertThat(badDate.status).isEqualTo(TaskStatus.FAILED_WITH_TERMINAL_ERROR);
        assertThat(badDate.reasonForIncompletion)
                .isEqualTo("Invalid/Unsupported Wait Until format.  Provided: tomorrow");
    }
}

package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.input.EngineInput;
import dev.baton.engine.input.EngineInput.ReplyStatus;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import org.junit.jupiter.api.Test;

/**
 * Conductor's resetcallbacks on the instance (checked against Conductor 3.32.1): a worker task that reported
 * IN_PROGRESS with a callback shows callbackAfterSeconds 0 afterwards, still SCHEDULED, with its poll count and
 * output; a retry waiting for its delay (not handed out yet) keeps its back-off.
 */
class ResetCallbacksTest {
    private final EngineHarness h = new EngineHarness();

    @Test
    void aTaskWaitingOutItsCallbackShowsNoneAfterwardsAndKeepsTheRest() {
        h.registerWorkflow("""
                {"name": "rc_wf", "version": 1, "schemaVersion": 2, "tasks": [
                  {"name": "task_a", "taskReferenceName": "a", "type": "SIMPLE"}]}""");
        String wf = h.start("rc_wf", "{}");
        TaskState a = h.current(wf, "a");
        h.apply(wf, new EngineInput.TaskPolled(a.taskId));
        h.apply(
                wf,
                new EngineInput.TaskResult(
                        a.taskId, 0, ReplyStatus.IN_PROGRESS, EngineHarness.object("{\"p\": 1}"), null, 60L, null));
        assertThat(h.current(wf, "a").callbackAfterSeconds).isEqualTo(60);

        Transition t = h.apply(wf, new EngineInput.ResetCallbacks());

        TaskState after = h.current(wf, "a");
        assertThat(t.changed()).isTrue();
        assertThat(t.effects()).isEmpty();
        assertThat(after.callbackAfterSeconds).isZero();
        assertThat(after.status).isEqualTo(TaskStatus.SCHEDULED);
        assertThat(after.pollCount).isEqualTo(1);
        assertThat(after.outputData).isEqualTo(EngineHarness.object("{\"p\": 1}"));
        assertThat(h.apply(wf, new EngineInput.ResetCallbacks()).changed()).isFalse();
    }

    @Test
    void aRetryWaitingForItsDelayKeepsItsBackOff() {
        h.registerTask("{\"name\": \"task_b\", \"retryCount\": 1, \"retryDelaySeconds\": 30}");
        h.registerWorkflow("""
                {"name": "rc_retry", "version": 1, "schemaVersion": 2, "tasks": [
                  {"name": "task_b", "taskReferenceName": "b", "type": "SIMPLE"}]}""");
        String wf = h.start("rc_retry", "{}");
        h.fail(wf, "b", "boom");
        assertThat(h.current(wf, "b").callbackAfterSeconds).isEqualTo(30);

        assertThat(h.apply(wf, new EngineInput.ResetCallbacks()).changed()).isFalse();
        assertThat(h.current(wf, "b").callbackAfterSeconds).isEqualTo(30);
    }
}

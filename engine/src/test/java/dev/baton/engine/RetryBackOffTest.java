package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.input.EngineInput;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A retried attempt shows its back-off as Conductor's does: startDelayInSeconds for good,
 * callbackAfterSeconds until a worker takes it, and the reason its predecessor failed until the
 * worker reports; an operator's retry has no back-off.
 */
class RetryBackOffTest {
    private final EngineHarness h = new EngineHarness();

    private String start(String logic, int delaySeconds) {
        h.registerTask("""
                {"name": "task_a", "retryCount": 3, "retryLogic": "%s", "retryDelaySeconds": %d, "backoffJitterMs": 500}""".formatted(logic, delaySeconds));
        h.registerWorkflow(Defs.linear("backoff_wf", "task_a"));
        return h.start("backoff_wf", "{}");
    }

    @Test
    void theBackOffStaysOnTheAttemptAfterItIsSentAndTheCallbackEndsWhenAWorkerTakesIt() {
        String wf = start("FIXED", 10);
        long firstScheduled = h.current(wf, "t1").firstScheduledTime;

        h.fail(wf, "t1", "service unavailable");

        TaskState waiting = h.current(wf, "t1");
        assertThat(waiting.startDelayInSeconds).isEqualTo(10);
        assertThat(waiting.callbackAfterSeconds).isEqualTo(10);
        assertThat(waiting.reasonForIncompletion).isEqualTo("service unavailable");
        assertThat(waiting.firstScheduledTime).isEqualTo(firstScheduled).isEqualTo(EngineHarness.T0);

        h.fireDueTimers(Duration.ofSeconds(11)); // sent
        TaskState sent = h.current(wf, "t1");
        assertThat(sent.awaitingDispatch).isFalse();
        assertThat(sent.startDelayInSeconds).isEqualTo(10);
        assertThat(sent.callbackAfterSeconds).isEqualTo(10);

        h.apply(wf, new EngineInput.TaskPolled(sent.taskId));
        TaskState taken = h.current(wf, "t1");
        assertThat(taken.callbackAfterSeconds).isZero();
        assertThat(taken.startDelayInSeconds).isEqualTo(10);

        h.apply(wf, new EngineInput.TaskResult(taken.taskId, 1, EngineInput.ReplyStatus.IN_PROGRESS, null, null, 5L));
        TaskState reported = h.current(wf, "t1");
        assertThat(reported.callbackAfterSeconds).isEqualTo(5);
        assertThat(reported.reasonForIncompletion).isNull();
        assertThat(reported.startDelayInSeconds).isEqualTo(10);
    }

    @Test
    void exponentialBackOffShowsEachAttemptsOwnDelayWithoutTheJitter() {
        String wf = start("EXPONENTIAL_BACKOFF", 2);

        h.fail(wf, "t1", "1");
        assertThat(h.current(wf, "t1").startDelayInSeconds).isEqualTo(2);
        h.fireDueTimers(Duration.ofSeconds(3));
        h.fail(wf, "t1", "2");
        assertThat(h.current(wf, "t1").startDelayInSeconds).isEqualTo(4);
        h.fireDueTimers(Duration.ofSeconds(5));
        h.fail(wf, "t1", "3");

        TaskState third = h.current(wf, "t1");
        assertThat(third.startDelayInSeconds).isEqualTo(8);
        assertThat(third.callbackAfterSeconds).isEqualTo(8);
        assertThat(third.firstScheduledTime).isEqualTo(EngineHarness.T0);
    }

    @Test
    void anOperatorsRetryHasNoBackOff() {
        String wf = start("FIXED", 0);
        for (int i = 0; i < 4; i++) {
            h.fail(wf, "t1", "boom " + i);
            h.fireDueTimers(Duration.ofSeconds(1)); // the jitter's delay
        }
        h.assertThat(wf).hasStatus(WorkflowStatus.FAILED);

        h.apply(wf, new EngineInput.Retry(false));

        TaskState again = h.current(wf, "t1");
        assertThat(again.retryCount).isEqualTo(4);
        assertThat(again.startDelayInSeconds).isZero();
        assertThat(again.callbackAfterSeconds).isZero();
        assertThat(again.reasonForIncompletion).isNull();
    }
}

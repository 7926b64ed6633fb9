package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.dsl.WorkflowDef;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.input.EngineInput;
import dev.baton.engine.input.EngineInput.ReplyStatus;
import dev.baton.engine.model.TaskState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The engine is a function of (instance, input, now): the same inputs give the same results. */
class DeterminismTest {

    /** A run touching every processor; returns the instance JSON after each step. */
    private static List<String> scenario(EngineHarness h) {
        h.registerTask(Defs.taskDef("task_a", 3, "EXPONENTIAL_BACKOFF", 5));
        h.registerWorkflow(Defs.WIRED);
        List<String> states = new ArrayList<>();
        String wf = h.start("wired_wf", "{\"param1\": \"x\", \"param2\": [1, 2.5, {\"k\": null}]}", "corr-1");
        states.add(h.instanceJson(wf));
        h.advance(Duration.ofMillis(250));
        h.inProgress(wf, "t1");
        states.add(h.instanceJson(wf));
        h.fail(wf, "t1", "first");
        states.add(h.instanceJson(wf));
        h.replyTo(wf, "bogus", 7, ReplyStatus.COMPLETED, "{}", null);
        states.add(h.instanceJson(wf));
        h.fireDueTimers(Duration.ofSeconds(5));
        states.add(h.instanceJson(wf));
        h.pause(wf);
        h.complete(wf, "t1", "{\"op\": \"o\", \"count\": 2}");
        states.add(h.instanceJson(wf));
        h.advance(Duration.ofSeconds(1));
        h.resume(wf);
        states.add(h.instanceJson(wf));
        h.complete(wf, "t2", "{\"uuid\": \"u\"}");
        states.add(h.instanceJson(wf));
        String second = h.start("wired_wf", "{}");
        h.terminate(second, "enough");
        states.add(h.instanceJson(second));
        return states;
    }

    @Test
    void replayingTheSameInputsGivesByteIdenticalInstancesAndEqualEffects() {
        // given
        EngineHarness first = new EngineHarness();
        EngineHarness second = new EngineHarness();

        // when
        List<String> a = scenario(first);
        List<String> b = scenario(second);

        // then
        assertThat(a).containsExactlyElementsOf(b);
        for (String wf : List.of("wf-1", "wf-2")) {
            assertThat(first.effectsAsJson(wf)).containsExactlyElementsOf(second.effectsAsJson(wf));
            assertThat(first.events(wf)).containsExactlyElementsOf(second.events(wf));
            assertThat(first.commands(wf)).containsExactlyElementsOf(second.commands(wf));
        }
    }

    @Test
    void idsAreUniqueWithinAndAcrossInstances() {
        // given
        EngineHarness h = new EngineHarness();
        h.registerTask(Defs.taskDef("task_a", 3, "FIXED", 1));
        h.registerWorkflow(Defs.linear("ids", "task_a", "task_b", "task_c"));
        List<String> wfs = List.of(h.start("ids", "{}"), h.start("ids", "{}"));

        // when
        for (String wf : wfs) {
            for (int i = 0; i < 3; i++) {
                h.fail(wf, "t1", "again");
                h.fireDueTimers(Duration.ofSeconds(1));
            }
            h.complete(wf, "t1", "{}");
            h.complete(wf, "t2", "{}");
            h.complete(wf, "t3", "{}");
        }

        // then
        Set<String> taskIds = new HashSet<>();
        Set<String> timerIds = new HashSet<>();
        int tasks = 0;
        for (String wf : wfs) {
            for (TaskState t : h.instance(wf).tasks) {
                tasks++;
                assertThat(taskIds.add(t.taskId))
                        .as("task id %s unique", t.taskId)
                        .isTrue();
            }
            for (Effect.SetTimer s : h.timersSet(wf)) {
                if (s.timerId().startsWith("retry/")) {
                    assertThat(timerIds.add(s.timerId()))
                            .as("timer id %s unique", s.timerId())
                            .isTrue();
                }
            }
        }
        assertThat(tasks).isEqualTo(12);
        assertThat(timerIds).hasSize(6);
        assertThat(taskIds).allMatch(id -> id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
    }

    /**
     * Effects are records and should be values: equal runs give equal effects, and an effect
     * already handed out must not change when the engine later changes the instance.
     */
    @Test
    void dispatchEffectsAreValues() {
        // given
        EngineHarness h = new EngineHarness();
        WorkflowDef def = h.registerWorkflow(Defs.linear("values", "task_a"));
        EngineInput.Start start = new EngineInput.Start("w", def, null, null, null, null);
        Transition run1 = h.engine().start(start, 0L);
        Transition run2 = h.engine().start(start, 0L);

        // then: same inputs, equal effects
        assertThat(run1.effects()).isEqualTo(run2.effects());

        // when: the task completes
        Effect.DispatchTask sent = run1.effects().stream()
                .filter(Effect.DispatchTask.class::isInstance)
                .map(Effect.DispatchTask.class::cast)
                .reduce((a, b) -> b)
                .orElseThrow();
        String sentJson = EngineHarness.toJson(sent);
        TaskState t = run1.instance().latest("t1").orElseThrow();
        h.engine()
                .apply(
                        run1.instance(),
                        new EngineInput.TaskResult(
                                t.taskId, 0, ReplyStatus.COMPLETED, EngineHarness.object("{\"x\": 1}"), null, null),
                        1L);

        // then: the command that was sent still reads as it was sent
        assertThat(EngineHarness.toJson(sent)).isEqualTo(sentJson);
    }
}

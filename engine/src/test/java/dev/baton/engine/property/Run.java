package dev.baton.engine.property;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.engine.EngineHarness;
import dev.baton.engine.RejectedInputException;
import dev.baton.engine.Transition;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.input.EngineInput;
import dev.baton.engine.input.EngineInput.ReplyStatus;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Drives one generated workflow through an {@link EngineHarness} and records every step: the
 * concrete input, the time, the instance JSON before and after, and the effects. Properties
 * read the record; {@link #replay} feeds the same inputs to a fresh harness.
 */
final class Run {
    static final ObjectMapper JSON = JsonMapper.builder().build();

    /** What a step was, as far as the properties care. */
    enum Kind {
        START,
        REPLY,
        POLL,
        STALE_REPLY,
        STALE_TIMER,
        TIMER,
        PAUSE,
        RESUME,
        TERMINATE
    }

    /**
     * One engine call. {@code rejected}: the engine refused the input (the stored instance is
     * unchanged). The instances are read once from the JSON and shared: properties must not change them.
     */
    record Step(
            Kind kind,
            EngineInput input,
            long now,
            String before,
            String after,
            List<Effect> effects,
            boolean rejected,
            WorkflowInstance beforeInstance,
            WorkflowInstance afterInstance) {

        @Override
        public String toString() {
            return kind + (rejected ? " (rejected) " : " ") + input + " @" + (now - EngineHarness.T0);
        }
    }

    final WorkflowSpec spec;
    final EngineHarness h = new EngineHarness();
    final String wf;
    final List<Step> steps = new ArrayList<>();
    private int replies;

    Run(WorkflowSpec spec) {
        this.spec = spec;
        spec.taskDefJson().forEach(h::registerTask);
        h.registerWorkflow(spec.definitionJson());
        wf = h.start(WorkflowSpec.NAME, spec.inputJson());
        String json = h.instanceJson(wf);
        steps.add(new Step(Kind.START, null, h.now(), null, json, h.effects(wf), false, null, read(json)));
    }

    /** Runs a whole scenario. */
    static Run of(Scenario scenario) {
        Run run = new Run(scenario.workflow());
        scenario.actions().forEach(run::perform);
        return run;
    }

    /** A fresh harness fed the very inputs, at the very times, that {@code original} saw. */
    static Run replay(Run original) {
        Run run = new Run(original.spec);
        for (Step s : original.steps.subList(1, original.steps.size())) {
            run.h.advance(Duration.ofMillis(s.now() - run.h.now()));
            run.apply(s.kind(), copy(s.input()));
        }
        return run;
    }

    /** The instance as it now is (shared with the last step: do not change it). */
    WorkflowInstance instance() {
        return last().afterInstance();
    }

    Step last() {
        return steps.get(steps.size() - 1);
    }

    void perform(Action a) {
        WorkflowInstance inst = instance();
        if (a instanceof Action.Reply r) {
            pick(openDispatched(inst), r.pick()).ifPresent(t -> reply(t, r.status()));
        } else if (a instanceof Action.Poll p) {
            pick(openDispatched(inst), p.pick()).ifPresent(t -> apply(Kind.POLL, new EngineInput.TaskPolled(t.taskId)));
        } else if (a instanceof Action.Stale s) {
            stale(inst, s);
        } else if (a instanceof Action.Advance adv) {
            advance(adv.seconds());
        } else if (a instanceof Action.Pause) {
            apply(Kind.PAUSE, new EngineInput.Pause("paused by property"));
        } else if (a instanceof Action.Resume) {
            apply(Kind.RESUME, new EngineInput.Resume("resumed by property"));
        } else if (a instanceof Action.Terminate) {
            apply(Kind.TERMINATE, new EngineInput.Terminate("terminated by property"));
        }
    }

    /** The worker's reply for a task's current attempt. */
    void reply(TaskState t, ReplyStatus status) {
        int n = ++replies;
        ObjectNode out = JSON.createObjectNode();
        String reason = null;
        Long callback = null;
        switch (status) {
            case COMPLETED -> out.put("result", n);
            case IN_PROGRESS -> {
                out.put("progress", n);
                callback = (long) (n % 2);
            }
            default -> {
                reason = "boom " + n;
                out.put("reason", reason);
            }
        }
        apply(Kind.REPLY, new EngineInput.TaskResult(t.taskId, t.attempt(), status, out, reason, callback));
    }

    /** Moves the clock, then fires every due timer of the instance, earliest first. */
    void advance(int seconds) {
        h.advance(Duration.ofSeconds(seconds));
        for (int guard = 0; guard < 1000; guard++) {
            Map.Entry<String, Long> due = instance().timers.entrySet().stream()
                    .filter(e -> e.getValue() <= h.now())
                    .min(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .orElse(null);
            if (due == null) {
                return;
            }
            apply(Kind.TIMER, new EngineInput.TimerFired(due.getKey()));
        }
        throw new AssertionError("timers keep firing at " + h.now());
    }

    private void stale(WorkflowInstance inst, Action.Stale s) {
        switch (s.kind()) {
            case UNKNOWN_TASK ->
                apply(
                        Kind.STALE_REPLY,
                        new EngineInput.TaskResult(
                                "no-such-task-" + s.pick(),
                                0,
                                ReplyStatus.COMPLETED,
                                JSON.createObjectNode(),
                                null,
                                null));
            case FINISHED_TASK ->
                pick(worker(inst).stream().filter(t -> t.status.isTerminal()).toList(), s.pick())
                        .ifPresent(t -> apply(
                                Kind.STALE_REPLY,
                                new EngineInput.TaskResult(
                                        t.taskId,
                                        t.attempt(),
                                        statusFor(s.pick()),
                                        JSON.createObjectNode().put("late", true),
                                        "late",
                                        null)));
            case WRONG_ATTEMPT ->
                pick(openDispatched(inst), s.pick())
                        .ifPresent(t -> apply(
                                Kind.STALE_REPLY,
                                new EngineInput.TaskResult(
                                        t.taskId,
                                        t.attempt() + 1 + (s.pick() % 2) * -2,
                                        ReplyStatus.COMPLETED,
                                        JSON.createObjectNode(),
                                        null,
                                        null)));
            case NOT_DISPATCHED ->
                pick(
                                worker(inst).stream()
                                        .filter(t -> !t.status.isTerminal() && t.awaitingDispatch)
                                        .toList(),
                                s.pick())
                        .ifPresent(t -> apply(
                                Kind.STALE_REPLY,
                                new EngineInput.TaskResult(
                                        t.taskId,
                                        t.attempt(),
                                        statusFor(s.pick()),
                                        JSON.createObjectNode(),
                                        null,
                                        null)));
            case UNKNOWN_TIMER ->
                apply(Kind.STALE_TIMER, new EngineInput.TimerFired("retry/no-such-timer-" + s.pick()));
        }
    }

    private static ReplyStatus statusFor(int pick) {
        return ReplyStatus.values()[pick % ReplyStatus.values().length];
    }

    /** Applies one input now and records the step; only control inputs may be rejected. */
    Step apply(Kind kind, EngineInput input) {
        Step previous = last();
        String before = previous.after();
        Step step;
        try {
            Transition t = h.apply(wf, input);
            String after = h.instanceJson(wf);
            step = new Step(
                    kind, input, h.now(), before, after, t.effects(), false, previous.afterInstance(), read(after));
        } catch (RejectedInputException e) {
            if (kind != Kind.PAUSE && kind != Kind.RESUME && kind != Kind.TERMINATE) {
                throw new AssertionError(kind + " " + input + " rejected: " + e.getMessage(), e);
            }
            step = new Step(
                    kind,
                    input,
                    h.now(),
                    before,
                    h.instanceJson(wf),
                    List.of(),
                    true,
                    previous.afterInstance(),
                    previous.afterInstance());
        }
        steps.add(step);
        return step;
    }

    // ---- views of an instance ----------------------------------------------------------

    /** Worker (SIMPLE) tasks, in list order. */
    static List<TaskState> worker(WorkflowInstance inst) {
        return inst.tasks.stream().filter(t -> "SIMPLE".equals(t.taskType)).toList();
    }

    /** Worker tasks that were sent and have not ended: the ones a worker may answer. */
    static List<TaskState> openDispatched(WorkflowInstance inst) {
        return worker(inst).stream()
                .filter(t -> !t.status.isTerminal() && !t.awaitingDispatch)
                .toList();
    }

    static boolean isOpen(TaskState t) {
        return !t.status.isTerminal();
    }

    static <T> java.util.Optional<T> pick(List<T> candidates, int pick) {
        return candidates.isEmpty()
                ? java.util.Optional.empty()
                : java.util.Optional.of(candidates.get(Math.floorMod(pick, candidates.size())));
    }

    static boolean terminal(WorkflowInstance inst) {
        return inst.status != null && inst.status.isTerminal();
    }

    static WorkflowInstance read(String json) {
        try {
            return JSON.readValue(json, WorkflowInstance.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The input again, its JSON payload copied (so a replay shares nothing mutable with the original). */
    private static EngineInput copy(EngineInput in) {
        if (in instanceof EngineInput.TaskResult r) {
            return new EngineInput.TaskResult(
                    r.taskId(),
                    r.attempt(),
                    r.status(),
                    r.output() == null ? null : r.output().deepCopy(),
                    r.reason(),
                    r.callbackAfterSeconds());
        }
        return in;
    }

    /** The run, step by step, for failure messages. */
    String trace() {
        StringBuilder sb = new StringBuilder(spec.describe()).append('\n');
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            WorkflowInstance after = s.afterInstance();
            sb.append(i)
                    .append(": ")
                    .append(s)
                    .append(" -> ")
                    .append(after.status)
                    .append(' ');
            after.tasks.stream()
                    .sorted(Comparator.comparingInt(t -> t.seq))
                    .forEach(t -> sb.append(t.referenceTaskName)
                            .append('#')
                            .append(t.retryCount)
                            .append('=')
                            .append(t.status)
                            .append(t.awaitingDispatch ? "(held)" : "")
                            .append(' '));
            sb.append(after.timers.keySet()).append('\n');
        }
        return sb.toString();
    }
}

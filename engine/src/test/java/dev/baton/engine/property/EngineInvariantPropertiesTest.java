package dev.baton.engine.property;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.engine.EngineHarness;
import dev.baton.engine.EngineSettings;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.effect.EventType;
import dev.baton.engine.input.EngineInput;
import dev.baton.engine.input.EngineInput.ReplyStatus;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.model.WorkflowStatus;
import dev.baton.engine.process.WorkflowEngine;
import dev.baton.engine.property.Generators.HappyAction;
import dev.baton.engine.property.Run.Kind;
import dev.baton.engine.property.Run.Step;
import dev.baton.engine.property.WorkflowSpec.Fork;
import dev.baton.engine.property.WorkflowSpec.Loop;
import dev.baton.engine.property.WorkflowSpec.Node;
import dev.baton.engine.property.WorkflowSpec.Simple;
import dev.baton.engine.property.WorkflowSpec.Switch;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Invariants of the pure engine over generated workflows (SIMPLE, SWITCH, FORK_JOIN/JOIN,
 * DO_WHILE over items, optional tasks, retry policies, response timeouts) and generated event
 * sequences (replies of every status, polls, stale replies, clock moves that fire timers,
 * pause/resume/terminate). Each property checks every step of a run; a failure message carries
 * the definition and the run step by step.
 */
class EngineInvariantPropertiesTest {

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Generators.scenarios();
    }

    @Provide
    Arbitrary<WorkflowSpec> workflows() {
        return Generators.workflows();
    }

    @Provide
    Arbitrary<List<HappyAction>> happyActions() {
        return Generators.happyActions();
    }

    /** 1. History events are numbered 1..n without gaps; their timestamps are the step's time and never decrease. */
    @Property(tries = 250)
    void historyIsNumberedWithoutGapsAndNeverGoesBackInTime(@ForAll("scenarios") Scenario scenario) {
        Run run = Run.of(scenario);
        long expected = 0;
        long lastTimestamp = Long.MIN_VALUE;
        for (int i = 0; i < run.steps.size(); i++) {
            Step step = run.steps.get(i);
            for (Effect e : step.effects()) {
                if (e instanceof Effect.HistoryEvent ev) {
                    expected++;
                    check(
                            ev.seq() == expected,
                            run,
                            "step %d: event %s has seq %d, expected %d",
                            i,
                            ev.type(),
                            ev.seq(),
                            expected);
                    check(ev.timestamp() >= lastTimestamp, run, "step %d: event %d goes back in time", i, ev.seq());
                    check(
                            ev.timestamp() == step.now(),
                            run,
                            "step %d: event %d is not dated at the step's time",
                            i,
                            ev.seq());
                    check(
                            expected != 1 || ev.type() == EventType.WORKFLOW_STARTED,
                            run,
                            "the first event is %s",
                            ev.type());
                    lastTimestamp = ev.timestamp();
                }
            }
            check(
                    step.afterInstance().seq == expected,
                    run,
                    "step %d: instance seq %d but %d events were emitted",
                    i,
                    step.afterInstance().seq,
                    expected);
        }
        WorkflowInstance end = run.instance();
        Statistics.label("final status").collect(end.status);
        Statistics.label("engine steps")
                .collect(run.steps.size() < 10 ? "<10" : run.steps.size() < 25 ? "10-24" : "25+");
        Statistics.label("worker attempts")
                .collect(Run.worker(end).size() < 4 ? "<4" : Run.worker(end).size() < 10 ? "4-9" : "10+");
    }

    /** 2. At most one attempt of a reference is open at any time; a retried attempt is terminal and has one successor. */
    @Property(tries = 250)
    void atMostOneAttemptOfAReferenceIsOpen(@ForAll("scenarios") Scenario scenario) {
        Run run = Run.of(scenario);
        for (int i = 0; i < run.steps.size(); i++) {
            WorkflowInstance inst = run.steps.get(i).afterInstance();
            Map<String, Integer> open = new HashMap<>();
            for (TaskState t : inst.tasks) {
                if (Run.isOpen(t)) {
                    int n = open.merge(t.referenceTaskName, 1, Integer::sum);
                    check(n == 1, run, "step %d: %d open attempts of %s", i, n, t.referenceTaskName);
                    check(
                            inst.latest(t.referenceTaskName).orElseThrow() == t,
                            run,
                            "step %d: open attempt %s of %s is not the newest",
                            i,
                            t.taskId,
                            t.referenceTaskName);
                }
                if (t.retried) {
                    check(
                            t.status.isTerminal(),
                            run,
                            "step %d: retried attempt %s of %s is %s",
                            i,
                            t.taskId,
                            t.referenceTaskName,
                            t.status);
                    List<TaskState> next = inst.tasks.stream()
                            .filter(n -> t.taskId.equals(n.retriedTaskId))
                            .toList();
                    check(
                            next.size() == 1
                                    && next.get(0).retryCount == t.retryCount + 1
                                    && next.get(0).referenceTaskName.equals(t.referenceTaskName),
                            run,
                            "step %d: retried attempt %s of %s has successors %s",
                            i,
                            t.taskId,
                            t.referenceTaskName,
                            next);
                }
            }
        }
    }

    /**
     * 3. A terminal workflow has no open task and no pending timer, and never changes afterwards
     * (status, tasks, output). Timer effects mirror the instance's timers at every step, and
     * control inputs are rejected exactly when they do not apply (leaving the instance as it was).
     */
    @Property(tries = 250)
    void aTerminalWorkflowIsQuietAndStaysSo(@ForAll("scenarios") Scenario scenario) {
        Run run = Run.of(scenario);
        Map<String, Long> mirror = new LinkedHashMap<>();
        for (int i = 0; i < run.steps.size(); i++) {
            Step step = run.steps.get(i);
            WorkflowInstance after = step.afterInstance();
            if (step.input() instanceof EngineInput.TimerFired f) {
                mirror.remove(f.timerId());
            }
            for (Effect e : step.effects()) {
                if (e instanceof Effect.SetTimer st && WorkflowEngine.RETENTION_TIMER.equals(st.timerId())) {
                    // not one of the instance's timers: set once, by the step that ends it, for its end + retention
                    check(
                            Run.terminal(after)
                                    && after.endTime == step.now()
                                    && st.dueAt() == after.endTime + EngineSettings.DEFAULT_RETENTION_MILLIS,
                            run,
                            "step %d: retention timer %s set for a %s workflow",
                            i,
                            st,
                            after.status);
                } else if (e instanceof Effect.SetTimer st) {
                    check(
                            !mirror.containsKey(st.timerId()),
                            run,
                            "step %d: timer %s set twice without a cancel",
                            i,
                            st.timerId());
                    check(st.dueAt() >= step.now(), run, "step %d: timer %s due in the past", i, st.timerId());
                    mirror.put(st.timerId(), st.dueAt());
                } else if (e instanceof Effect.CancelTimer ct) {
                    Long due = mirror.remove(ct.timerId());
                    check(
                            due != null && due == ct.dueAt(),
                            run,
                            "step %d: cancel of timer %s that is not pending",
                            i,
                            ct.timerId());
                }
            }
            check(
                    mirror.equals(after.timers),
                    run,
                    "step %d: timer effects %s but instance timers %s",
                    i,
                    mirror,
                    after.timers);
            if (Run.terminal(after)) {
                check(
                        after.tasks.stream().noneMatch(Run::isOpen),
                        run,
                        "step %d: %s workflow has open tasks",
                        i,
                        after.status);
                check(after.timers.isEmpty(), run, "step %d: %s workflow has timers %s", i, after.status, after.timers);
                check(after.endTime > 0, run, "step %d: %s workflow has no end time", i, after.status);
            }
            if (step.kind() == Kind.START) {
                continue;
            }
            WorkflowInstance before = step.beforeInstance();
            // as Conductor's terminate: a workflow that failed or timed out ends TERMINATED, its tasks as they were
            boolean reTerminated = step.kind() == Kind.TERMINATE
                    && (before.status == WorkflowStatus.FAILED || before.status == WorkflowStatus.TIMED_OUT);
            if (reTerminated) {
                check(
                        after.status == WorkflowStatus.TERMINATED,
                        run,
                        "step %d: terminate of a %s workflow left it %s",
                        i,
                        before.status,
                        after.status);
                check(
                        Run.JSON.valueToTree(after.tasks).equals(Run.JSON.valueToTree(before.tasks)),
                        run,
                        "step %d: tasks of a %s workflow changed by terminate",
                        i,
                        before.status);
            } else if (Run.terminal(before)) {
                check(
                        after.status == before.status,
                        run,
                        "step %d: terminal %s became %s",
                        i,
                        before.status,
                        after.status);
                check(
                        Run.JSON.valueToTree(after.tasks).equals(Run.JSON.valueToTree(before.tasks)),
                        run,
                        "step %d: tasks of a %s workflow changed",
                        i,
                        before.status);
                check(
                        java.util.Objects.equals(after.output, before.output),
                        run,
                        "step %d: output of a %s workflow changed",
                        i,
                        before.status);
            }
            boolean shouldReject = switch (step.kind()) {
                case PAUSE -> before.status != WorkflowStatus.RUNNING;
                case RESUME -> before.status != WorkflowStatus.PAUSED;
                case TERMINATE ->
                    before.status == WorkflowStatus.COMPLETED || before.status == WorkflowStatus.TERMINATED;
                default -> false;
            };
            check(
                    step.rejected() == shouldReject,
                    run,
                    "step %d: %s on a %s workflow %s",
                    i,
                    step.kind(),
                    before.status,
                    step.rejected() ? "was rejected" : "was accepted");
            if (step.rejected()) {
                check(step.after().equals(step.before()), run, "step %d: a rejected input changed the instance", i);
            } else if (step.kind() == Kind.PAUSE) {
                check(
                        after.status == WorkflowStatus.PAUSED,
                        run,
                        "step %d: pause left the workflow %s",
                        i,
                        after.status);
            } else if (step.kind() == Kind.TERMINATE) {
                check(
                        after.status == WorkflowStatus.TERMINATED,
                        run,
                        "step %d: terminate left the workflow %s",
                        i,
                        after.status);
            }
        }
    }

    /**
     * 4. Every DispatchTask is for a worker task that is SCHEDULED (not held back) in the
     * resulting RUNNING instance; each task id is dispatched exactly once; and every open worker
     * task that is not held back by a retry delay has been dispatched.
     *
     * <p>Fails on the engine as of 0d16072 (see EngineBugReproducersTest#resumingAfterAFailureDispatchesNothing).
     * Shrunk: {@code [LOOP*1[FORK[[task_0, task_0], [task_0]]]]}, retryCount 0; Pause, Reply COMPLETED,
     * Reply FAILED, Resume: the resume dispatches the task after the completed one, then fails the
     * workflow and cancels it. Also {@code [FORK[[task_0], [task_1]]]} (task_0 retry 1x1s): Reply FAILED,
     * Pause, Reply FAILED, Advance 1 s, Resume: the held-back retry goes out, then is canceled.
     */
    @Property(tries = 250)
    void everyTaskIsDispatchedOnceAndOnlyWhenScheduled(@ForAll("scenarios") Scenario scenario) {
        Run run = Run.of(scenario);
        Set<String> dispatched = new HashSet<>();
        for (int i = 0; i < run.steps.size(); i++) {
            Step step = run.steps.get(i);
            WorkflowInstance after = step.afterInstance();
            for (Effect e : step.effects()) {
                if (e instanceof Effect.DispatchTask d) {
                    String id = d.task().taskId;
                    check(
                            dispatched.add(id),
                            run,
                            "step %d: task %s (%s) dispatched again",
                            i,
                            id,
                            d.task().referenceTaskName);
                    TaskState t = after.task(id).orElse(null);
                    check(t != null, run, "step %d: dispatched task %s is not in the instance", i, id);
                    check(
                            t.status == TaskStatus.SCHEDULED && !t.awaitingDispatch,
                            run,
                            "step %d: dispatched task %s is %s%s",
                            i,
                            t.referenceTaskName,
                            t.status,
                            t.awaitingDispatch ? " (held)" : "");
                    check(
                            "SIMPLE".equals(t.taskType) && t.retryCount == d.task().retryCount,
                            run,
                            "step %d: dispatch of %s does not match the instance's task",
                            i,
                            t.referenceTaskName);
                    check(
                            d.topic().equals(t.taskDefName + ".commands"),
                            run,
                            "step %d: %s sent to %s",
                            i,
                            t.referenceTaskName,
                            d.topic());
                    check(
                            after.status == WorkflowStatus.RUNNING,
                            run,
                            "step %d: dispatch while the workflow is %s",
                            i,
                            after.status);
                }
            }
            for (TaskState t : Run.openDispatched(after)) {
                check(
                        dispatched.contains(t.taskId),
                        run,
                        "step %d: open task %s#%d was never dispatched",
                        i,
                        t.referenceTaskName,
                        t.retryCount);
            }
        }
    }

    /**
     * 5. A stale reply (unknown task, ended attempt, wrong attempt number, attempt not sent yet)
     * adds one REPLY_IGNORED event and changes nothing else; an unknown timer changes nothing at all.
     */
    @Property(tries = 250)
    void staleInputsChangeNothingButTheHistory(@ForAll("scenarios") Scenario scenario) {
        Run run = Run.of(scenario);
        int stale = 0;
        for (int i = 0; i < run.steps.size(); i++) {
            Step step = run.steps.get(i);
            if (step.kind() == Kind.STALE_REPLY) {
                stale++;
                check(
                        step.effects().size() == 1
                                && step.effects().get(0) instanceof Effect.HistoryEvent ev
                                && ev.type() == EventType.REPLY_IGNORED,
                        run,
                        "step %d: stale reply gave %s",
                        i,
                        step.effects());
                Effect.HistoryEvent ev = (Effect.HistoryEvent) step.effects().get(0);
                check(
                        ev.seq() == step.beforeInstance().seq + 1,
                        run,
                        "step %d: REPLY_IGNORED numbered %d",
                        i,
                        ev.seq());
                check(
                        withoutClock(step.after()).equals(withoutClock(step.before())),
                        run,
                        "step %d: stale reply changed the instance",
                        i);
            } else if (step.kind() == Kind.STALE_TIMER) {
                stale++;
                check(
                        step.effects().isEmpty() && step.after().equals(step.before()),
                        run,
                        "step %d: unknown timer changed something: %s",
                        i,
                        step.effects());
            }
        }
        Statistics.label("stale inputs").collect(stale == 0 ? "0" : stale < 3 ? "1-2" : "3+");
    }

    /** 6. Replaying the same inputs at the same times from scratch gives byte-identical instances and equal effects. */
    @Property(tries = 200)
    void replayIsDeterministic(@ForAll("scenarios") Scenario scenario) {
        Run first = Run.of(scenario);
        Run second = Run.replay(first);
        check(first.steps.size() == second.steps.size(), first, "replay took %d steps", second.steps.size());
        for (int i = 0; i < first.steps.size(); i++) {
            Step a = first.steps.get(i);
            Step b = second.steps.get(i);
            check(
                    a.after().equals(b.after()),
                    first,
                    "step %d: replayed instance differs:\n%s\n%s",
                    i,
                    a.after(),
                    b.after());
            check(a.rejected() == b.rejected(), first, "step %d: rejected once, accepted once", i);
            check(
                    effectJson(a.effects()).equals(effectJson(b.effects())),
                    first,
                    "step %d: replayed effects differ:\n%s\n%s",
                    i,
                    effectJson(a.effects()),
                    effectJson(b.effects()));
        }
        check(first.h.effectsAsJson(first.wf).equals(second.h.effectsAsJson(second.wf)), first, "effect logs differ");
    }

    /**
     * 7. Answering every dispatched task COMPLETED (with polls, IN_PROGRESS replies, stale replies
     * and pauses on the way, but no failure) always completes the workflow, having run exactly the
     * worker tasks the definition and input call for.
     *
     * <p>Fails on the engine as of 0d16072 (see EngineBugReproducersTest#aJoinOnTheTaskAfterALoopInAForkBranchEnds).
     * Shrunk: {@code [FORK[[task_0], [LOOP*1[task_0], task_0]]]}, every task COMPLETED: the task after
     * the loop is named {@code t5__1}, the JOIN waits for {@code t5} for ever.
     */
    @Property(tries = 250)
    void completingEveryTaskCompletesTheWorkflow(
            @ForAll("workflows") WorkflowSpec spec, @ForAll("happyActions") List<HappyAction> actions) {
        Run run = new Run(spec);
        for (int i = 0; i < 1000 && !Run.terminal(run.instance()); i++) {
            WorkflowInstance inst = run.instance();
            List<TaskState> open = Run.openDispatched(inst);
            if (open.isEmpty()) {
                check(inst.status == WorkflowStatus.PAUSED, run, "workflow %s with no task to answer", inst.status);
                run.apply(Kind.RESUME, new EngineInput.Resume("resume"));
                continue;
            }
            HappyAction a = i < actions.size() ? actions.get(i) : new HappyAction(Generators.HappyKind.COMPLETE, 0);
            TaskState t = Run.pick(open, a.pick()).orElseThrow();
            switch (a.kind()) {
                case COMPLETE -> run.reply(t, ReplyStatus.COMPLETED);
                case IN_PROGRESS -> run.reply(t, ReplyStatus.IN_PROGRESS);
                case POLL -> run.apply(Kind.POLL, new EngineInput.TaskPolled(t.taskId));
                case PAUSE_OR_RESUME -> {
                    if (inst.status == WorkflowStatus.RUNNING) {
                        run.apply(Kind.PAUSE, new EngineInput.Pause("pause"));
                    } else {
                        run.apply(Kind.RESUME, new EngineInput.Resume("resume"));
                    }
                }
                case STALE ->
                    run.apply(
                            Kind.STALE_REPLY,
                            new EngineInput.TaskResult(
                                    "no-such-task", 0, ReplyStatus.COMPLETED, Run.JSON.createObjectNode(), null, null));
            }
        }
        WorkflowInstance end = run.instance();
        check(end.status == WorkflowStatus.COMPLETED, run, "the workflow ended %s", end.status);
        List<TaskState> workers = Run.worker(end);
        check(workers.stream().allMatch(t -> t.status == TaskStatus.COMPLETED), run, "not every worker task COMPLETED");
        int expected = expectedWorkerTasks(spec.tasks());
        check(
                workers.size() == expected,
                run,
                "%d worker tasks ran, the definition calls for %d",
                workers.size(),
                expected);
        check(
                end.tasks.stream().allMatch(t -> t.status == TaskStatus.COMPLETED),
                run,
                "a system task did not complete");
    }

    /**
     * 8. A live workflow is never stuck: a RUNNING one always has a dispatched task to wait for
     * or a retry timer pending, and an attempt held back always has its timer (or waits for a resume).
     *
     * <p>Fails on the engine as of 0d16072 with the same shrunk sample as property 7.
     */
    @Property(tries = 250)
    void aLiveWorkflowIsNeverStuck(@ForAll("scenarios") Scenario scenario) {
        Run run = Run.of(scenario);
        for (int i = 0; i < run.steps.size(); i++) {
            WorkflowInstance after = run.steps.get(i).afterInstance();
            if (Run.terminal(after)) {
                continue;
            }
            for (TaskState t : Run.worker(after)) {
                if (Run.isOpen(t) && t.awaitingDispatch) {
                    check(
                            after.timers.containsKey("retry/" + t.taskId) || after.status == WorkflowStatus.PAUSED,
                            run,
                            "step %d: %s#%d held back with no timer in a %s workflow",
                            i,
                            t.referenceTaskName,
                            t.retryCount,
                            after.status);
                }
            }
            if (after.status == WorkflowStatus.RUNNING) {
                boolean waiting = !Run.openDispatched(after).isEmpty()
                        || after.timers.keySet().stream().anyMatch(id -> id.startsWith("retry/"));
                check(waiting, run, "step %d: RUNNING workflow waits for nothing", i);
            }
        }
    }

    // ---- helpers -----------------------------------------------------------------------

    /** How many worker tasks a successful run of these nodes dispatches. */
    private static int expectedWorkerTasks(List<Node> nodes) {
        int n = 0;
        for (Node node : nodes) {
            if (node instanceof Simple) {
                n++;
            } else if (node instanceof Switch sw) {
                n += expectedWorkerTasks(
                        switch (sw.value()) {
                            case "a" -> sw.caseA();
                            case "b" -> sw.caseB();
                            default -> sw.defaultCase();
                        });
            } else if (node instanceof Fork f) {
                for (List<Node> branch : f.branches()) {
                    n += expectedWorkerTasks(branch);
                }
            } else if (node instanceof Loop l) {
                n += l.items() * expectedWorkerTasks(l.body());
            }
        }
        return n;
    }

    private static String withoutClock(String instanceJson) {
        ObjectNode n = EngineHarness.object(instanceJson);
        n.remove("seq");
        n.remove("updateTime");
        return n.toString();
    }

    private static List<String> effectJson(List<Effect> effects) {
        return effects.stream()
                .map(e -> e.getClass().getSimpleName() + EngineHarness.toJson(e))
                .toList();
    }

    private static void check(boolean ok, Run run, String format, Object... args) {
        if (!ok) {
            throw new AssertionError(String.format(format, args) + "\n--- run ---\n" + run.trace());
        }
    }
}

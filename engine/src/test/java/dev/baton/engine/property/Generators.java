package dev.baton.engine.property;

import dev.baton.engine.input.EngineInput.ReplyStatus;
import dev.baton.engine.property.WorkflowSpec.Fork;
import dev.baton.engine.property.WorkflowSpec.Loop;
import dev.baton.engine.property.WorkflowSpec.Node;
import dev.baton.engine.property.WorkflowSpec.Simple;
import dev.baton.engine.property.WorkflowSpec.Switch;
import dev.baton.engine.property.WorkflowSpec.TaskDefSpec;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/** jqwik arbitraries for small workflows and the events thrown at them. Everything shrinks towards "less". */
final class Generators {
    /** How many task definitions the SIMPLE tasks draw from. */
    static final int TASK_DEFS = 3;
    /** How deep operators nest (2: an operator inside an operator, whose lists hold SIMPLE tasks only). */
    static final int DEPTH = 2;

    private Generators() {}

    static Arbitrary<Scenario> scenarios() {
        return Combinators.combine(
                        workflows(), actions().list().ofMaxSize(40).withSizeDistribution(RandomDistribution.uniform()))
                .as(Scenario::new);
    }

    static Arbitrary<WorkflowSpec> workflows() {
        return Combinators.combine(nodes(DEPTH, 1, 4), taskDef().list().ofSize(TASK_DEFS))
                .as(WorkflowSpec::new);
    }

    static Arbitrary<TaskDefSpec> taskDef() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.of("FIXED", "LINEAR_BACKOFF", "EXPONENTIAL_BACKOFF"),
                        // half the definitions have no response timeout; the others 2, 4 or 6 s
                        Arbitraries.integers().between(0, 5).map(i -> i < 3 ? null : (i - 2) * 2))
                .as(TaskDefSpec::new);
    }

    /** Embedded edge cases are left out: they would make most shapes the same minimal nesting. */
    static Arbitrary<List<Node>> nodes(int depth, int min, int max) {
        return node(depth)
                .list()
                .ofMinSize(min)
                .ofMaxSize(max)
                .withSizeDistribution(RandomDistribution.uniform())
                .withoutEdgeCases();
    }

    @SuppressWarnings("unchecked")
    static Arbitrary<Node> node(int depth) {
        if (depth <= 0) {
            return simple();
        }
        return Arbitraries.frequencyOf(
                Tuple.of(5, simple()),
                Tuple.of(2, switchNode(depth)),
                Tuple.of(2, fork(depth)),
                Tuple.of(2, loop(depth)));
    }

    static Arbitrary<Node> simple() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, TASK_DEFS - 1),
                        Arbitraries.integers().between(0, 4).map(i -> i == 4))
                .as(Simple::new);
    }

    static Arbitrary<Node> switchNode(int depth) {
        return Combinators.combine(
                        Arbitraries.of("a", "b", "z"),
                        nodes(depth - 1, 0, 2),
                        nodes(depth - 1, 0, 2),
                        nodes(depth - 1, 0, 2))
                .as(Switch::new);
    }

    /** 2–3 branches, each ending with a SIMPLE task (the one the JOIN waits on). */
    static Arbitrary<Node> fork(int depth) {
        Arbitrary<List<Node>> branch = Combinators.combine(nodes(depth - 1, 0, 1), simple())
                .as((head, last) -> {
                    List<Node> b = new ArrayList<>(head);
                    b.add(last);
                    return b;
                });
        return branch.list().ofMinSize(2).ofMaxSize(3).map(Fork::new);
    }

    static Arbitrary<Node> loop(int depth) {
        return Combinators.combine(Arbitraries.integers().between(0, 3), nodes(depth - 1, 1, 2))
                .as(Loop::new);
    }

    @SuppressWarnings("unchecked")
    static Arbitrary<Action> actions() {
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 5);
        Arbitrary<ReplyStatus> status = Arbitraries.frequency(
                Tuple.of(9, ReplyStatus.COMPLETED),
                Tuple.of(3, ReplyStatus.FAILED),
                Tuple.of(1, ReplyStatus.FAILED_WITH_TERMINAL_ERROR),
                Tuple.of(2, ReplyStatus.IN_PROGRESS));
        return Arbitraries.frequencyOf(
                Tuple.of(24, Combinators.combine(pick, status).as(Action.Reply::new)),
                Tuple.of(4, pick.map(Action.Poll::new)),
                Tuple.of(
                        8,
                        Combinators.combine(Arbitraries.of(Action.StaleKind.class), pick)
                                .as(Action.Stale::new)),
                Tuple.of(8, Arbitraries.integers().between(1, 5).map(Action.Advance::new)),
                Tuple.of(2, Arbitraries.just(new Action.Pause())),
                Tuple.of(3, Arbitraries.just(new Action.Resume())),
                Tuple.of(1, Arbitraries.just(new Action.Terminate())));
    }

    /** Events of a run that should succeed: no failures, no operator ending it. */
    enum HappyKind {
        COMPLETE,
        POLL,
        IN_PROGRESS,
        PAUSE_OR_RESUME,
        STALE
    }

    record HappyAction(HappyKind kind, int pick) {}

    static Arbitrary<List<HappyAction>> happyActions() {
        return Combinators.combine(
                        Arbitraries.of(HappyKind.class), Arbitraries.integers().between(0, 5))
                .as(HappyAction::new)
                .list()
                .ofMaxSize(30)
                .withSizeDistribution(RandomDistribution.uniform());
    }
}

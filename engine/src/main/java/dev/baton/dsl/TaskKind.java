package dev.baton.dsl;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The kinds of task a Conductor workflow may declare, each with its properties: who runs it (a
 * worker or the engine), what ends it, whether it holds other tasks. The constant's name is the
 * type name as written in definitions, stored state and records ({@link #typeName()}); what a kind
 * does when it starts is in the engine's {@code SystemTasks}, what it does when it ends in its
 * {@code Decider}.
 */
public enum TaskKind {
    /** A worker task: its name is the task definition (and topic) a worker serves. */
    SIMPLE(Runner.WORKER, Completion.WORKER, Children.NONE),
    /** A worker task whose task definition is named by an input parameter. */
    DYNAMIC(Runner.WORKER, Completion.WORKER, Children.NONE),
    /** Conductor's HTTP system task, run by Baton's built-in HTTP worker. */
    HTTP(Runner.HTTP_WORKER, Completion.WORKER, Children.NONE),
    FORK_JOIN(Runner.ENGINE, Completion.AT_ONCE, Children.FORK),
    FORK_JOIN_DYNAMIC(Runner.ENGINE, Completion.AT_ONCE, Children.FORK),
    DECISION(Runner.ENGINE, Completion.AT_ONCE, Children.BRANCHES),
    SWITCH(Runner.ENGINE, Completion.AT_ONCE, Children.BRANCHES),
    JOIN(Runner.ENGINE, Completion.TASKS, Children.NONE),
    EXCLUSIVE_JOIN(Runner.ENGINE, Completion.TASKS, Children.NONE),
    DO_WHILE(Runner.ENGINE, Completion.TASKS, Children.LOOP),
    SUB_WORKFLOW(Runner.ENGINE, Completion.CHILD_WORKFLOW, Children.NONE),
    /** Starts a workflow and ends at once, without waiting for it. */
    START_WORKFLOW(Runner.ENGINE, Completion.AT_ONCE, Children.NONE),
    /** Publishes an event; ends at once unless the definition asks for {@code asyncComplete}. */
    EVENT(Runner.ENGINE, Completion.AT_ONCE, Children.NONE),
    WAIT(Runner.ENGINE, Completion.SIGNAL, Children.NONE),
    HUMAN(Runner.ENGINE, Completion.SIGNAL, Children.NONE),
    /** Known to Conductor, not supported by Baton: refused at validation. */
    USER_DEFINED(Runner.ENGINE, Completion.NOT_SUPPORTED, Children.NONE),
    LAMBDA(Runner.ENGINE, Completion.AT_ONCE, Children.NONE),
    INLINE(Runner.ENGINE, Completion.AT_ONCE, Children.NONE),
    TERMINATE(Runner.ENGINE, Completion.AT_ONCE, Children.NONE),
    KAFKA_PUBLISH(Runner.ENGINE, Completion.AT_ONCE, Children.NONE),
    JSON_JQ_TRANSFORM(Runner.ENGINE, Completion.AT_ONCE, Children.NONE),
    SET_VARIABLE(Runner.ENGINE, Completion.AT_ONCE, Children.NONE),
    NOOP(Runner.ENGINE, Completion.AT_ONCE, Children.NONE),
    /**
     * Any type name Conductor does not define: refused at validation; a task of it that runs
     * anyway is a system task that fails as not supported. Not a type name itself.
     */
    UNKNOWN(Runner.ENGINE, Completion.NOT_SUPPORTED, Children.NONE);

    /** Who runs a task of a kind. */
    public enum Runner {
        /** The user's worker, which serves the task definition the task names. */
        WORKER,
        /** Baton's built-in HTTP worker, standing in for a Conductor system task. */
        HTTP_WORKER,
        /** The engine itself: a system task. */
        ENGINE
    }

    /** What ends a task of a kind once it has started. */
    public enum Completion {
        /** The reply of the worker its command went to. */
        WORKER,
        /** The engine, as it starts it: a synchronous system task. */
        AT_ONCE,
        /** The tasks it waits on (a join's, a loop's). */
        TASKS,
        /** A signal from outside the workflow (for WAIT also its time). */
        SIGNAL,
        /** The child workflow it started. */
        CHILD_WORKFLOW,
        /** Nothing: it fails as soon as it starts. */
        NOT_SUPPORTED
    }

    /** The tasks a kind holds in its definition entry. */
    public enum Children {
        NONE,
        /** Cases, one of which runs (decisionCases, defaultCase). */
        BRANCHES,
        /** Branches that all run (forkTasks, or the dynamic fork's input); a JOIN follows. */
        FORK,
        /** A body that runs pass after pass (loopOver). */
        LOOP
    }

    private static final Map<String, TaskKind> BY_NAME = Arrays.stream(values())
            .filter(TaskKind::isConductorType)
            .collect(Collectors.toUnmodifiableMap(TaskKind::typeName, Function.identity()));

    private final Runner runner;
    private final Completion completion;
    private final Children children;

    TaskKind(Runner runner, Completion completion, Children children) {
        this.runner = runner;
        this.completion = completion;
        this.children = children;
    }

    /** The kind of a type name as written (case-sensitive); {@link #UNKNOWN} for null or a name Conductor does not define. */
    public static TaskKind of(String typeName) {
        TaskKind kind = typeName == null ? null : BY_NAME.get(typeName);
        return kind == null ? UNKNOWN : kind;
    }

    /** The type name as written in definitions, stored state and records. */
    public String typeName() {
        return name();
    }

    /** False only for {@link #UNKNOWN}. */
    public boolean isConductorType() {
        return this != UNKNOWN;
    }

    /** Whether this build of the engine runs it; the others are refused at validation. */
    public boolean isSupported() {
        return completion != Completion.NOT_SUPPORTED;
    }

    public Runner runner() {
        return runner;
    }

    public Completion completion() {
        return completion;
    }

    public Children children() {
        return children;
    }

    /**
     * Conductor's worker task (SIMPLE, DYNAMIC): it runs the task definition it names on the user's
     * worker, is reported by that name, may go to a domain and gets a worker task's default definition.
     */
    public boolean isWorkerTask() {
        return runner == Runner.WORKER;
    }

    /** Its command goes to a worker (the user's or the built-in HTTP worker), the only one whose reply counts. */
    public boolean isSentToWorker() {
        return runner != Runner.ENGINE;
    }

    /** A system task the engine ends as it starts it. */
    public boolean isSynchronous() {
        return runner == Runner.ENGINE && completion == Completion.AT_ONCE;
    }

    /** A system task that stays IN_PROGRESS until its tasks, a signal or its child workflow end it. */
    public boolean isAsynchronous() {
        return runner == Runner.ENGINE
                && (completion == Completion.TASKS
                        || completion == Completion.SIGNAL
                        || completion == Completion.CHILD_WORKFLOW);
    }

    /** Waits on other tasks (JOIN, EXCLUSIVE_JOIN, DO_WHILE): when the workflow runs again it waits again, in place. */
    public boolean waitsOnTasks() {
        return completion == Completion.TASKS;
    }

    /** Waits for a signal from outside the workflow (WAIT, HUMAN). */
    public boolean waitsForSignal() {
        return completion == Completion.SIGNAL;
    }

    /** Holds other tasks in its definition entry (forks, switches, loops). */
    public boolean hasChildren() {
        return children != Children.NONE;
    }

    /** SWITCH or DECISION. */
    public boolean isSwitch() {
        return children == Children.BRANCHES;
    }

    /** FORK_JOIN or FORK_JOIN_DYNAMIC. */
    public boolean isFork() {
        return children == Children.FORK;
    }

    /** DO_WHILE. */
    public boolean isLoop() {
        return children == Children.LOOP;
    }

    /** JOIN or EXCLUSIVE_JOIN. */
    public boolean isJoin() {
        return this == JOIN || this == EXCLUSIVE_JOIN;
    }
}

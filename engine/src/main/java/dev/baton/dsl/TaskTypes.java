package dev.baton.dsl;

import java.util.Set;

/** Conductor's task type names. */
public final class TaskTypes {
    public static final String SIMPLE = "SIMPLE";

    /** Every type a Conductor workflow may declare. */
    public static final Set<String> ALL = Set.of(
            SIMPLE,
            "DYNAMIC",
            "FORK_JOIN",
            "FORK_JOIN_DYNAMIC",
            "DECISION",
            "SWITCH",
            "JOIN",
            "DO_WHILE",
            "SUB_WORKFLOW",
            "START_WORKFLOW",
            "EVENT",
            "WAIT",
            "HUMAN",
            "USER_DEFINED",
            "HTTP",
            "LAMBDA",
            "INLINE",
            "EXCLUSIVE_JOIN",
            "TERMINATE",
            "KAFKA_PUBLISH",
            "JSON_JQ_TRANSFORM",
            "SET_VARIABLE",
            "NOOP");

    /** The types this build of the engine can run; the rest are refused at validation. */
    public static final Set<String> SUPPORTED = Set.of(
            SIMPLE,
            "DYNAMIC",
            "FORK_JOIN",
            "FORK_JOIN_DYNAMIC",
            "DECISION",
            "SWITCH",
            "JOIN",
            "EXCLUSIVE_JOIN",
            "DO_WHILE",
            "SUB_WORKFLOW",
            "START_WORKFLOW",
            "EVENT",
            "WAIT",
            "HUMAN",
            "HTTP",
            "LAMBDA",
            "INLINE",
            "TERMINATE",
            "KAFKA_PUBLISH",
            "JSON_JQ_TRANSFORM",
            "SET_VARIABLE",
            "NOOP");

    private TaskTypes() {}
}

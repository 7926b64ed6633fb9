package dev.baton.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.TaskKind.Children;
import dev.baton.dsl.TaskKind.Completion;
import dev.baton.dsl.TaskKind.Runner;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The task kinds: each Conductor type name, who runs it, what ends it, what it holds. */
class TaskKindTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParameterizedTest
    @CsvSource({
        "SIMPLE,            WORKER,      WORKER,         NONE",
        "DYNAMIC,           WORKER,      WORKER,         NONE",
        "HTTP,              HTTP_WORKER, WORKER,         NONE",
        "FORK_JOIN,         ENGINE,      AT_ONCE,        FORK",
        "FORK_JOIN_DYNAMIC, ENGINE,      AT_ONCE,        FORK",
        "DECISION,          ENGINE,      AT_ONCE,        BRANCHES",
        "SWITCH,            ENGINE,      AT_ONCE,        BRANCHES",
        "JOIN,              ENGINE,      TASKS,          NONE",
        "EXCLUSIVE_JOIN,    ENGINE,      TASKS,          NONE",
        "DO_WHILE,          ENGINE,      TASKS,          LOOP",
        "SUB_WORKFLOW,      ENGINE,      CHILD_WORKFLOW, NONE",
        "START_WORKFLOW,    ENGINE,      AT_ONCE,        NONE",
        "EVENT,             ENGINE,      AT_ONCE,        NONE",
        "WAIT,              ENGINE,      SIGNAL,         NONE",
        "HUMAN,             ENGINE,      SIGNAL,         NONE",
        "USER_DEFINED,      ENGINE,      NOT_SUPPORTED,  NONE",
        "LAMBDA,            ENGINE,      AT_ONCE,        NONE",
        "INLINE,            ENGINE,      AT_ONCE,        NONE",
        "TERMINATE,         ENGINE,      AT_ONCE,        NONE",
        "KAFKA_PUBLISH,     ENGINE,      AT_ONCE,        NONE",
        "JSON_JQ_TRANSFORM, ENGINE,      AT_ONCE,        NONE",
        "SET_VARIABLE,      ENGINE,      AT_ONCE,        NONE",
        "NOOP,              ENGINE,      AT_ONCE,        NONE"
    })
    void everyConductorTypeNameHasItsKind(String name, Runner runner, Completion completion, Children children) {
        TaskKind kind = TaskKind.of(name);

        assertThat(kind.typeName()).isEqualTo(name);
        assertThat(kind.isConductorType()).isTrue();
        assertThat(kind.runner()).isEqualTo(runner);
        assertThat(kind.completion()).isEqualTo(completion);
        assertThat(kind.children()).isEqualTo(children);
    }

    @Test
    void theKindsAreExactlyConductorsTypesAndUnknown() {
        Set<String> names = Arrays.stream(TaskKind.values())
                .filter(TaskKind::isConductorType)
                .map(TaskKind::typeName)
                .collect(Collectors.toSet());

        assertThat(names)
                .containsExactlyInAnyOrder(
                        "SIMPLE",
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
        assertThat(EnumSet.complementOf(
                        EnumSet.copyOf(names.stream().map(TaskKind::valueOf).toList())))
                .containsExactly(TaskKind.UNKNOWN);
    }

    @ParameterizedTest
    @EnumSource(value = TaskKind.class, mode = EnumSource.Mode.EXCLUDE, names = "UNKNOWN")
    void aKindAndItsTypeNameRoundTrip(TaskKind kind) {
        assertThat(TaskKind.of(kind.typeName())).isSameAs(kind);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"MY_CUSTOM_TYPE", "simple", "Http", " SIMPLE", "FORK", "UNKNOWN"})
    void aNameConductorDoesNotDefineIsUnknown(String name) {
        TaskKind kind = TaskKind.of(name);

        assertThat(kind).isSameAs(TaskKind.UNKNOWN);
        assertThat(kind.isConductorType()).isFalse();
        assertThat(kind.isSupported()).isFalse();
        // as any system task: it is not sent to a worker, and fails when it starts
        assertThat(kind.isSentToWorker()).isFalse();
        assertThat(kind.isWorkerTask()).isFalse();
        assertThat(kind.hasChildren()).isFalse();
    }

    @Test
    void aDefinitionEntryWithoutATypeIsASimpleTask() {
        assertThat(task(null).kind()).isSameAs(TaskKind.SIMPLE);
        assertThat(task(" ").kind()).isSameAs(TaskKind.SIMPLE);
        assertThat(task("SWITCH").kind()).isSameAs(TaskKind.SWITCH);
        assertThat(task("MY_CUSTOM_TYPE").kind()).isSameAs(TaskKind.UNKNOWN);
    }

    @Test
    void allButUserDefinedAreSupported() {
        assertThat(kinds(TaskKind::isSupported))
                .isEqualTo(EnumSet.complementOf(EnumSet.of(TaskKind.USER_DEFINED, TaskKind.UNKNOWN)));
    }

    @Test
    void workerTasksAreSimpleAndDynamicAndHttpIsAlsoSentToAWorker() {
        assertThat(kinds(TaskKind::isWorkerTask)).containsExactlyInAnyOrder(TaskKind.SIMPLE, TaskKind.DYNAMIC);
        assertThat(kinds(TaskKind::isSentToWorker))
                .containsExactlyInAnyOrder(TaskKind.SIMPLE, TaskKind.DYNAMIC, TaskKind.HTTP);
    }

    @Test
    void synchronousSystemTasksEndWhenTheyStartAsynchronousOnesWait() {
        assertThat(kinds(TaskKind::isSynchronous))
                .containsExactlyInAnyOrder(
                        TaskKind.FORK_JOIN,
                        TaskKind.FORK_JOIN_DYNAMIC,
                        TaskKind.DECISION,
                        TaskKind.SWITCH,
                        TaskKind.START_WORKFLOW,
                        TaskKind.EVENT,
                        TaskKind.LAMBDA,
                        TaskKind.INLINE,
                        TaskKind.TERMINATE,
                        TaskKind.KAFKA_PUBLISH,
                        TaskKind.JSON_JQ_TRANSFORM,
                        TaskKind.SET_VARIABLE,
                        TaskKind.NOOP);
        assertThat(kinds(TaskKind::isAsynchronous))
                .containsExactlyInAnyOrder(
                        TaskKind.JOIN,
                        TaskKind.EXCLUSIVE_JOIN,
                        TaskKind.DO_WHILE,
                        TaskKind.SUB_WORKFLOW,
                        TaskKind.WAIT,
                        TaskKind.HUMAN);
    }

    @Test
    void joinsAndLoopsWaitOnTasksWaitAndHumanForASignal() {
        assertThat(kinds(TaskKind::waitsOnTasks))
                .containsExactlyInAnyOrder(TaskKind.JOIN, TaskKind.EXCLUSIVE_JOIN, TaskKind.DO_WHILE);
        assertThat(kinds(TaskKind::waitsForSignal)).containsExactlyInAnyOrder(TaskKind.WAIT, TaskKind.HUMAN);
        assertThat(kinds(TaskKind::isJoin)).containsExactlyInAnyOrder(TaskKind.JOIN, TaskKind.EXCLUSIVE_JOIN);
    }

    @Test
    void forksSwitchesAndLoopsHoldOtherTasks() {
        assertThat(kinds(TaskKind::hasChildren))
                .containsExactlyInAnyOrder(
                        TaskKind.FORK_JOIN,
                        TaskKind.FORK_JOIN_DYNAMIC,
                        TaskKind.SWITCH,
                        TaskKind.DECISION,
                        TaskKind.DO_WHILE);
        assertThat(kinds(TaskKind::isFork)).containsExactlyInAnyOrder(TaskKind.FORK_JOIN, TaskKind.FORK_JOIN_DYNAMIC);
        assertThat(kinds(TaskKind::isSwitch)).containsExactlyInAnyOrder(TaskKind.SWITCH, TaskKind.DECISION);
        assertThat(kinds(TaskKind::isLoop)).containsExactly(TaskKind.DO_WHILE);
    }

    private static Set<TaskKind> kinds(Predicate<TaskKind> property) {
        return Arrays.stream(TaskKind.values()).filter(property).collect(Collectors.toSet());
    }

    private static WorkflowTask task(String type) {
        ObjectNode entry = MAPPER.createObjectNode().put("name", "t").put("taskReferenceName", "t");
        if (type != null) {
            entry.put("type", type);
        }
        return MAPPER.convertValue(entry, WorkflowTask.class);
    }
}

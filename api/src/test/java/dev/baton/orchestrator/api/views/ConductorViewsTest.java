package dev.baton.orchestrator.api.views;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.baton.dsl.DefinitionParser;
import dev.baton.dsl.TaskDef;
import dev.baton.dsl.TaskKind;
import dev.baton.dsl.WorkflowDef;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.model.WorkflowStatus;
import dev.baton.orchestrator.api.model.Task;
import dev.baton.orchestrator.api.model.Workflow;
import dev.baton.orchestrator.api.model.WorkflowSummary;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The views of instances and definitions in Conductor's models, without a server. */
class ConductorViewsTest {
    private static final WorkflowDef DEF = DefinitionParser.workflow("""
            {"name": "v", "version": 2, "tasks": [
              {"name": "work", "taskReferenceName": "w", "startDelay": 4},
              {"name": "f", "taskReferenceName": "f", "type": "FORK_JOIN_DYNAMIC",
               "dynamicForkTasksParam": "tasks", "dynamicForkTasksInputParamName": "inputs"},
              {"name": "j", "taskReferenceName": "j", "type": "JOIN"},
              {"name": "loop", "taskReferenceName": "loop", "type": "DO_WHILE", "loopCondition": "false",
               "loopOver": [{"name": "work", "taskReferenceName": "inner"}]},
              {"name": "dyn", "taskReferenceName": "dyn", "type": "DYNAMIC", "dynamicTaskNameParam": "tn"}]}""");
    private static final TaskDef WORK = DefinitionParser.task("""
            {"name": "work", "retryCount": 2, "retryDelaySeconds": 7, "responseTimeoutSeconds": 30}""");
    private static final DefinitionLookup LOOKUP = DefinitionLookup.of(
            n -> n.equals("work") ? Optional.of(WORK) : Optional.empty(),
            (n, v) -> n.equals("v") && v == 2 ? Optional.of(DEF) : Optional.empty());

    @Test
    void runtimeTypesAreConductorsAndEveryTaskCarriesItsWorkflowTaskAndDefinition() {
        WorkflowInstance wf = instance();
        TaskState fork = add(wf, "f", "f", "FORK_JOIN_DYNAMIC", "f", 0);
        fork.inputData = JsonNodeFactory.instance.objectNode();
        fork.inputData
                .putArray("tasks")
                .addObject()
                .put("name", "work")
                .put("taskReferenceName", "forked")
                .put("description", "from the fork's input");
        add(wf, "forked", "forked", "SIMPLE", "work", 0);
        add(wf, "j", "j", "JOIN", "j", 0);
        add(wf, "dyn", "dyn", "DYNAMIC", "work", 0);
        WorkflowContext ctx = WorkflowContext.of(wf, LOOKUP);

        Task f = TaskViews.task(wf, fork, ctx, null);
        assertThat(f.taskType()).isEqualTo("FORK");
        assertThat(f.taskDefName()).isEqualTo("FORK");
        assertThat(f.workflowTask().type()).isEqualTo("FORK_JOIN_DYNAMIC");
        assertThat(f.taskDefinition().retryCount())
                .as("a system task's default definition")
                .isZero();
        assertThat(f.responseTimeoutSeconds()).isZero();

        Task forked = TaskViews.task(wf, wf.tasks.get(1), ctx, null);
        assertThat(forked.workflowTask().description()).isEqualTo("from the fork's input");
        assertThat(forked.taskDefinition().retryDelaySeconds()).isEqualTo(7);
        assertThat(forked.responseTimeoutSeconds()).isEqualTo(30);

        assertThat(TaskViews.task(wf, wf.tasks.get(2), ctx, null).taskDefName()).isEqualTo("JOIN");

        Task dyn = TaskViews.task(wf, wf.tasks.get(3), ctx, "w-1");
        assertThat(dyn.taskType()).isEqualTo("work");
        assertThat(dyn.workflowTask().type()).isEqualTo("DYNAMIC");
        assertThat(dyn.workflowTask().name()).isEqualTo("work");
        assertThat(dyn.taskDefinition().name()).isEqualTo("work");
        assertThat(dyn.workerId()).isEqualTo("w-1");
        assertThat(dyn.workflowType()).isEqualTo("v");
        assertThat(dyn.correlationId()).isEqualTo("c");
    }

    @Test
    void loopTasksCarryTheirIterationAndTheirDefinitionsTaskWithoutTheSuffix() {
        WorkflowInstance wf = instance();
        TaskState loop = add(wf, "loop", "loop", "DO_WHILE", "loop", 2);
        add(wf, "inner__2", "inner", "SIMPLE", "work", 2);
        add(wf, "w", "w", "SIMPLE", "work", 0);
        WorkflowContext ctx = WorkflowContext.of(wf, LOOKUP);
        assertThat(TaskViews.task(wf, loop, ctx, null).loopOverTask()).isTrue();
        Task inner = TaskViews.task(wf, wf.tasks.get(1), ctx, null);
        assertThat(inner.iteration()).isEqualTo(2);
        assertThat(inner.loopOverTask()).isTrue();
        assertThat(inner.workflowTask().taskReferenceName()).isEqualTo("inner");
        Task plain = TaskViews.task(wf, wf.tasks.get(2), ctx, null);
        assertThat(plain.loopOverTask()).isFalse();
        assertThat(plain.startDelayInSeconds())
                .as("the definition's startDelay")
                .isEqualTo(4);
    }

    @Test
    void aRetryShowsItsBackOffKeptOnTheTaskAfterItWasSentAndItsStartDelayAfterItWasTaken() {
        WorkflowInstance wf = instance();
        TaskState next = add(wf, "w", "w", "SIMPLE", "work", 0);
        next.retryCount = 1;
        next.startDelayInSeconds = 7;
        next.callbackAfterSeconds = 7; // as the engine sets them; sent, no timer pending
        WorkflowContext ctx = WorkflowContext.of(wf, LOOKUP);
        Task sent = TaskViews.task(wf, next, ctx, null);
        assertThat(sent.callbackAfterSeconds()).isEqualTo(7);
        assertThat(sent.startDelayInSeconds()).isEqualTo(7);

        next.callbackAfterSeconds = 0; // a worker took it
        next.status = TaskStatus.IN_PROGRESS;
        Task taken = TaskViews.task(wf, next, ctx, null);
        assertThat(taken.callbackAfterSeconds()).isZero();
        assertThat(taken.startDelayInSeconds()).isEqualTo(7);
    }

    /** An instance stored before tasks kept their back-off (state schema 1): read from the pending timer. */
    @Test
    void aRetryWaitingForItsBackOffShowsTheDelayAndThenNoLonger() {
        WorkflowInstance wf = instance();
        TaskState failed = add(wf, "w", "w", "SIMPLE", "work", 0);
        failed.status = TaskStatus.FAILED;
        TaskState next = add(wf, "w", "w", "SIMPLE", "work", 0);
        next.retryCount = 1;
        next.retriedTaskId = failed.taskId;
        next.scheduledTime = 10_000;
        next.awaitingDispatch = true;
        wf.timers.put("retry/" + next.taskId, 17_000L);
        WorkflowContext ctx = WorkflowContext.of(wf, LOOKUP);
        Task waiting = TaskViews.task(wf, next, ctx, null);
        assertThat(waiting.callbackAfterSeconds()).isEqualTo(7);
        assertThat(waiting.startDelayInSeconds()).isEqualTo(7);

        next.awaitingDispatch = false;
        wf.timers.clear();
        assertThat(TaskViews.task(wf, next, ctx, null).callbackAfterSeconds()).isZero();
    }

    @Test
    void aPolledTaskIsInProgressStartedNowWithTheCommandsInput() {
        WorkflowInstance wf = instance();
        TaskState t = add(wf, "w", "w", "SIMPLE", "work", 0);
        t.scheduledTime = 1_000;
        var input = JsonNodeFactory.instance.objectNode().put("x", 1);
        Task polled =
                TaskViews.polled(wf, t, WorkflowContext.of(wf, LOOKUP), new TaskViews.Poll("w-9", 1_500, 1, input));
        assertThat(polled.status()).isEqualTo("IN_PROGRESS");
        assertThat(polled.startTime()).isEqualTo(1_500);
        assertThat(polled.queueWaitTime()).isEqualTo(500);
        assertThat(polled.pollCount()).isEqualTo(1);
        assertThat(polled.inputData()).isEqualTo(input);
        assertThat(polled.workerId()).isEqualTo("w-9");
        assertThat(polled.seq()).isEqualTo(1);
    }

    @Test
    void failedNamesAreRecordedWhenTheWorkflowEndsAndSummariesUseConductorsFormats() {
        WorkflowInstance wf = instance();
        add(wf, "w", "w", "SIMPLE", "work", 0).status = TaskStatus.FAILED;
        add(wf, "w", "w", "SIMPLE", "work", 0).status = TaskStatus.COMPLETED;
        add(wf, "j", "j", "JOIN", "join_them", 0).status = TaskStatus.FAILED;
        Workflow running = WorkflowViews.workflow(wf, true, LOOKUP);
        assertThat(running.failedReferenceTaskNames()).isEmpty();
        // retried: what failed before the retry stays recorded while it runs again, as in Conductor
        wf.tasks.get(wf.tasks.size() - 1).endTime = 2_000;
        wf.lastRetriedTime = 3_000;
        assertThat(WorkflowViews.workflow(wf, false, LOOKUP).failedReferenceTaskNames())
                .containsExactly("j");
        wf.lastRetriedTime = 0;
        assertThat(running.workflowDefinition().tasks().get(0).taskDefinition().retryCount())
                .isEqualTo(2);
        assertThat(running.workflowDefinition().tasks().get(4).taskDefinition().retryCount())
                .isZero();

        wf.status = WorkflowStatus.COMPLETED;
        wf.endTime = 5_000;
        Workflow done = WorkflowViews.workflow(wf, false, LOOKUP);
        assertThat(done.failedReferenceTaskNames()).containsExactly("w", "j");
        assertThat(done.failedTaskNames()).containsExactly("work", "JOIN"); // as Conductor names a JOIN
        assertThat(done.tasks()).isEmpty();
        WorkflowSummary s = WorkflowViews.summary(wf);
        assertThat(s.startTime()).isEqualTo("1970-01-01T00:00:01.000Z");
        assertThat(s.endTime()).isEqualTo("1970-01-01T00:00:05.000Z");
        assertThat(s.executionTime()).isEqualTo(4_000);
        assertThat(s.input()).isEqualTo("{\"n\":1}");
        assertThat(s.inputSize()).isEqualTo(7);
        assertThat(s.failedReferenceTaskNames()).isEqualTo("w,j");
    }

    @Test
    void definitionsGetConductorsDefaultsAndKeepBatonsExtensionsOnlyWhenSet() {
        var def = DefinitionViews.workflowDef(DEF);
        assertThat(def.schemaVersion()).isEqualTo(2);
        assertThat(def.restartable()).isTrue();
        assertThat(def.timeoutPolicy()).isEqualTo("ALERT_ONLY");
        assertThat(def.eventSources()).isEmpty();
        assertThat(def.tasks().get(0).taskDefinition())
                .as("a registered definition lists no task definitions")
                .isNull();
        assertThat(def.tasks().get(0).type()).isEqualTo("SIMPLE");
        var work = DefinitionViews.taskDef(WORK);
        assertThat(work.timeoutPolicy()).isEqualTo("TIME_OUT_WF");
        assertThat(work.rateLimitFrequencyInSeconds()).isEqualTo(1);
        assertThat(work.commandTopic()).isNull();
        var defaults = DefinitionViews.defaultTaskDef("x", TaskKind.SIMPLE);
        assertThat(defaults.retryCount()).isEqualTo(3);
        assertThat(defaults.responseTimeoutSeconds()).isEqualTo(3600);
        assertThat(DefinitionViews.defaultTaskDef("x", TaskKind.HTTP).responseTimeoutSeconds())
                .isZero();
    }

    private static WorkflowInstance instance() {
        WorkflowInstance wf = new WorkflowInstance();
        wf.workflowId = "wf-1";
        wf.workflowName = "v";
        wf.workflowVersion = 2;
        wf.status = WorkflowStatus.RUNNING;
        wf.correlationId = "c";
        wf.startTime = 1_000;
        wf.updateTime = 1_000;
        wf.input = JsonNodeFactory.instance.objectNode().put("n", 1);
        return wf;
    }

    @Test
    void aStartWorkflowTaskShowsTheWorkflowItStartedInItsOutputOnlyAsConductors() {
        WorkflowInstance wf = instance();
        TaskState start = add(wf, "st", "st", "START_WORKFLOW", "st", 0);
        start.subWorkflowId = "child-1";
        TaskState sub = add(wf, "sub", "sub", "SUB_WORKFLOW", "sub", 0);
        sub.subWorkflowId = "child-2";
        WorkflowContext ctx = WorkflowContext.of(wf, LOOKUP);

        assertThat(TaskViews.task(wf, start, ctx, null).subWorkflowId()).isNull();
        assertThat(TaskViews.task(wf, sub, ctx, null).subWorkflowId()).isEqualTo("child-2");
    }

    private static TaskState add(
            WorkflowInstance wf, String ref, String defRef, String type, String defName, int iteration) {
        TaskState t = new TaskState();
        t.taskId = "t" + (wf.tasks.size() + 1);
        t.referenceTaskName = ref;
        t.defRef = defRef;
        t.taskType = type;
        t.taskDefName = defName;
        t.iteration = iteration;
        t.status = TaskStatus.SCHEDULED;
        t.scheduledTime = 1_000;
        wf.tasks.add(t);
        t.seq = wf.tasks.size();
        return t;
    }
}

package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.effect.Effect;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * taskToDomain given at the start: kept with the instance, turned into each worker task's domain
 * list at dispatch (system tasks get none), and handed down to children as Conductor does.
 */
class TaskDomainDispatchTest {
    private final EngineHarness h = new EngineHarness();

    private static Effect.DispatchTask dispatchOf(List<Effect> effects, String ref) {
        return effects.stream()
                .filter(Effect.DispatchTask.class::isInstance)
                .map(Effect.DispatchTask.class::cast)
                .filter(d -> d.task().referenceTaskName.equals(ref))
                .findFirst()
                .orElseThrow();
    }

    private static Effect.StartWorkflow childStart(List<Effect> effects) {
        return effects.stream()
                .filter(Effect.StartWorkflow.class::isInstance)
                .map(Effect.StartWorkflow.class::cast)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void workerTasksGetTheirDomainListAndTheStarListWhenTheyHaveNone() {
        h.registerWorkflow("""
                {"name": "d_wf", "version": 1, "tasks": [
                  {"name": "fork", "taskReferenceName": "fork", "type": "FORK_JOIN", "forkTasks": [
                    [{"name": "task_a", "taskReferenceName": "a"}],
                    [{"name": "task_b", "taskReferenceName": "b"}],
                    [{"name": "task_c", "taskReferenceName": "c"}],
                    [{"name": "call", "taskReferenceName": "http", "type": "HTTP",
                      "inputParameters": {"http_request": {"uri": "http://127.0.0.1:1/x", "method": "GET"}}}]]},
                  {"name": "join", "taskReferenceName": "join", "type": "JOIN", "joinOn": ["a", "b", "c", "http"]}]}""");
        Map<String, String> map = Map.of("*", "everyone", "task_b", " b1, NO_DOMAIN ", "task_c", "NO_DOMAIN");

        String wf = h.start("d_wf", "{}", null, map);

        assertThat(h.instance(wf).taskToDomain).isEqualTo(map);
        assertThat(dispatchOf(h.effects(wf), "a").domains()).containsExactly("everyone");
        assertThat(dispatchOf(h.effects(wf), "b").domains()).containsExactly("b1", "NO_DOMAIN");
        assertThat(dispatchOf(h.effects(wf), "c").domains()).containsExactly("NO_DOMAIN");
        assertThat(dispatchOf(h.effects(wf), "http").domains())
                .as("a system task has no domain")
                .isEmpty();
    }

    @Test
    void withoutTaskToDomainThereIsNoDomain() {
        h.registerWorkflow(Defs.linear("plain", "task_a"));
        String wf = h.start("plain", "{}");
        assertThat(h.instance(wf).taskToDomain).isNull();
        assertThat(dispatchOf(h.effects(wf), "t1").domains()).isEmpty();
    }

    @Test
    void aRetryIsDispatchedWithTheSameDomainList() {
        h.registerTask(Defs.taskDef("task_a", 1, "FIXED", 0));
        h.registerWorkflow(Defs.linear("retried", "task_a"));
        String wf = h.start("retried", "{}", null, Map.of("task_a", "d1,d2"));
        h.fail(wf, "t1", "boom");
        assertThat(dispatchOf(h.lastEffects(), "t1").domains()).containsExactly("d1", "d2");
    }

    @Test
    void aSubWorkflowInheritsTheParentsMapUnlessItsParamGivesOne() {
        h.registerWorkflow(Defs.linear("child", "task_a"));
        h.registerWorkflow("""
                {"name": "parent", "version": 1, "tasks": [
                  {"name": "sub", "taskReferenceName": "inherit", "type": "SUB_WORKFLOW",
                   "subWorkflowParam": {"name": "child"}},
                  {"name": "sub", "taskReferenceName": "own", "type": "SUB_WORKFLOW",
                   "subWorkflowParam": {"name": "child", "taskToDomain": {"task_a": "${workflow.input.d}"}}}]}""");

        String wf = h.start("parent", "{\"d\": \"child_domain\"}", null, Map.of("*", "parent_domain"));
        assertThat(childStart(h.lastEffects()).taskToDomain()).isEqualTo(Map.of("*", "parent_domain"));

        h.apply(
                wf,
                new dev.baton.engine.input.EngineInput.ChildFinished(
                        h.current(wf, "inherit").taskId,
                        h.current(wf, "inherit").subWorkflowId,
                        dev.baton.engine.model.WorkflowStatus.COMPLETED,
                        EngineHarness.object("{}"),
                        null));
        assertThat(childStart(h.lastEffects()).taskToDomain()).isEqualTo(Map.of("task_a", "child_domain"));
    }

    @Test
    void startWorkflowUsesTheRequestsMapOrElseTheParents() {
        h.registerWorkflow(Defs.linear("other", "task_a"));
        h.registerWorkflow("""
                {"name": "starter", "version": 1, "tasks": [
                  {"name": "s1", "taskReferenceName": "s1", "type": "START_WORKFLOW",
                   "inputParameters": {"startWorkflow": {"name": "other", "taskToDomain": {}}}},
                  {"name": "s2", "taskReferenceName": "s2", "type": "START_WORKFLOW",
                   "inputParameters": {"startWorkflow": {"name": "other", "taskToDomain": {"task_a": "x"}}}}]}""");

        String wf = h.start("starter", "{}", null, Map.of("task_a", "mine"));

        List<Effect.StartWorkflow> starts = h.effects(wf).stream()
                .filter(Effect.StartWorkflow.class::isInstance)
                .map(Effect.StartWorkflow.class::cast)
                .toList();
        assertThat(starts)
                .extracting(Effect.StartWorkflow::taskToDomain)
                .containsExactly(Map.of("task_a", "mine"), Map.of("task_a", "x"));
    }

    @Test
    void anEventCarriesTheWorkflowsTaskToDomainAsConductorsDoes() {
        h.registerWorkflow("""
                {"name": "evt_wf", "version": 1, "tasks": [
                  {"name": "evt", "taskReferenceName": "evt", "type": "EVENT", "sink": "conductor"}]}""");
        String with = h.start("evt_wf", "{}", null, Map.of("*", "d1"));
        String without = h.start("evt_wf", "{}");

        Effect.Publish p = h.effects(with).stream()
                .filter(Effect.Publish.class::isInstance)
                .map(Effect.Publish.class::cast)
                .findFirst()
                .orElseThrow();
        assertThat(p.value().get("taskToDomain").get("*").asText()).isEqualTo("d1");
        Effect.Publish q = h.effects(without).stream()
                .filter(Effect.Publish.class::isInstance)
                .map(Effect.Publish.class::cast)
                .findFirst()
                .orElseThrow();
        assertThat(q.value().get("taskToDomain").isEmpty()).isTrue();
    }
}

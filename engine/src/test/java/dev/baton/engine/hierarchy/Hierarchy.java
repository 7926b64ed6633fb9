package dev.baton.engine.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.EngineHarness;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.model.WorkflowStatus;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * Three workflows nested by SUB_WORKFLOW tasks, as in Conductor's SubWorkflow*Spec and
 * HierarchicalForkJoinSubworkflow*Spec: a root runs a mid-level workflow, which runs a leaf; the
 * leaf's second task fails (no retries), so all three end FAILED. In the sequential shape each
 * workflow runs a task, then its child; in the forked shape each runs its child beside a task in a
 * FORK_JOIN.
 */
final class Hierarchy {
    static final String LEAF = """
            {"name": "leaf", "version": 1, "schemaVersion": 2, "tasks": [
              {"name": "leaf_a", "taskReferenceName": "la", "type": "SIMPLE"},
              {"name": "leaf_b", "taskReferenceName": "lb", "type": "SIMPLE"}]}""";

    final EngineHarness h = new EngineHarness().routeBetweenWorkflows();
    final boolean forked;
    String root;
    String mid;
    String leaf;

    private Hierarchy(boolean forked) {
        this.forked = forked;
        for (String task : List.of("leaf_a", "leaf_b", "mid_a", "root_a")) {
            h.registerTask("{\"name\": \"" + task + "\", \"retryCount\": 0, \"retryDelaySeconds\": 0}");
        }
        h.registerWorkflow(LEAF);
        h.registerWorkflow(
                forked ? forkedLevel("mid", "mf", "leaf", "mid_a") : level("mid", "ma", "msub", "leaf", "mid_a"));
        h.registerWorkflow(
                forked ? forkedLevel("root", "rf", "mid", "root_a") : level("root", "ra", "rsub", "mid", "root_a"));
    }

    /** Root → mid → leaf, each a task then its child. */
    static Hierarchy sequential() {
        return new Hierarchy(false);
    }

    /** Root → mid → leaf, each its child beside a task in a fork, then a JOIN. */
    static Hierarchy forkJoin() {
        return new Hierarchy(true);
    }

    private static String level(String name, String taskRef, String subRef, String child, String task) {
        return """
                {"name": "%s", "version": 1, "schemaVersion": 2, "tasks": [
                  {"name": "%s", "taskReferenceName": "%s", "type": "SIMPLE"},
                  {"name": "sub_%s", "taskReferenceName": "%s", "type": "SUB_WORKFLOW",
                   "subWorkflowParam": {"name": "%s", "version": 1}}]}""".formatted(name, task, taskRef, child, subRef, child);
    }

    private static String forkedLevel(String name, String fork, String child, String task) {
        return """
                {"name": "%s", "version": 1, "schemaVersion": 2, "tasks": [
                  {"name": "fork", "taskReferenceName": "%s", "type": "FORK_JOIN", "forkTasks": [
                    [{"name": "sub_%s", "taskReferenceName": "%s_s", "type": "SUB_WORKFLOW",
                      "subWorkflowParam": {"name": "%s", "version": 1}}],
                    [{"name": "%s", "taskReferenceName": "%s_o", "type": "SIMPLE"}]]},
                  {"name": "join", "taskReferenceName": "%s_join", "type": "JOIN", "joinOn": ["%s_s", "%s_o"]}]}""".formatted(name, fork, child, fork, child, task, fork, fork, fork, fork);
    }

    /** Both shapes, named, for parameterized tests. */
    static Stream<Named<Supplier<Hierarchy>>> shapes() {
        return Stream.of(Named.of("sequential", Hierarchy::sequential), Named.of("fork-join", Hierarchy::forkJoin));
    }

    /** The reference of the SUB_WORKFLOW task of a level. */
    String subRef(String level) {
        return forked ? (level.equals("root") ? "rf_s" : "mf_s") : (level.equals("root") ? "rsub" : "msub");
    }

    /** The reference of the other task of a level. */
    String taskRef(String level) {
        return forked ? (level.equals("root") ? "rf_o" : "mf_o") : (level.equals("root") ? "ra" : "ma");
    }

    /** Starts the root and runs it until all three workflows have FAILED. */
    Hierarchy failed() {
        root = h.start("root", "{}");
        h.complete(root, taskRef("root"), "{}");
        mid = child(root, subRef("root"));
        h.complete(mid, taskRef("mid"), "{}");
        leaf = child(mid, subRef("mid"));
        h.complete(leaf, "la", "{}");
        h.fail(leaf, "lb", "leaf boom");
        h.assertThat(leaf).hasStatus(WorkflowStatus.FAILED);
        h.assertThat(mid).hasStatus(WorkflowStatus.FAILED);
        h.assertThat(root).hasStatus(WorkflowStatus.FAILED);
        return this;
    }

    /** The child the newest task of {@code ref} waits for. */
    String child(String workflowId, String ref) {
        String id = h.current(workflowId, ref).subWorkflowId;
        assertThat(id).as("child of " + ref).isNotNull();
        return id;
    }

    WorkflowInstance wf(String id) {
        return h.instance(id);
    }

    /** Status of every task of a workflow, in list order, as "ref:STATUS". */
    List<String> tasks(String id) {
        return wf(id).tasks.stream()
                .map(t -> t.referenceTaskName + ":" + t.status)
                .toList();
    }

    /** The SUB_WORKFLOW task of a level waits for its child again: RUNNING workflow, task IN_PROGRESS. */
    void waitsForItsChildAgain(String id, String level, String childId) {
        WorkflowInstance w = wf(id);
        assertThat(w.status).isEqualTo(WorkflowStatus.RUNNING);
        assertThat(w.reasonForIncompletion).isNull();
        TaskState sub = w.latest(subRef(level)).orElseThrow();
        assertThat(sub.status).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(sub.subWorkflowId).isEqualTo(childId);
        assertThat(sub.reasonForIncompletion).isNull();
        if (forked) {
            assertThat(w.latest(level.equals("root") ? "rf_join" : "mf_join").orElseThrow().status)
                    .as("the JOIN waits again")
                    .isEqualTo(TaskStatus.IN_PROGRESS);
        }
    }

    /** Completes what a leaf still has to do, then checks that every level completed. */
    void leafCompletes(String leafId, String... otherLeafRefs) {
        for (String ref : otherLeafRefs) {
            h.complete(leafId, ref, "{}");
        }
        h.complete(leafId, "lb", "{\"done\": true}");
        h.assertThat(leafId).hasStatus(WorkflowStatus.COMPLETED);
    }
}

package dev.baton.engine.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.engine.RejectedInputException;
import dev.baton.engine.input.EngineInput;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Restart and rerun on a three-level hierarchy, from the root, the mid-level or the leaf — what
 * Conductor's SubWorkflowRestartSpec, SubWorkflowRerunSpec and the HierarchicalForkJoin specs
 * assert: the workflow runs again under its own id; above it, every workflow waits for its child
 * again; below it, new children are started as its SUB_WORKFLOW tasks run again.
 */
class SubWorkflowRestartRerunTest {

    static Stream<Named<Supplier<Hierarchy>>> shapes() {
        return Hierarchy.shapes();
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void restartOfTheRootStartsNewChildren(Supplier<Hierarchy> shape) {
        Hierarchy x = shape.get().failed();

        x.h.apply(x.root, new EngineInput.Restart(false));

        runsAgainWithNewChildren(x, x.root, "root");
        x.h.assertThat(x.mid).hasStatus(WorkflowStatus.FAILED);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void restartOfTheMidLevelMakesTheRootWaitAgain(Supplier<Hierarchy> shape) {
        Hierarchy x = shape.get().failed();

        x.h.apply(x.mid, new EngineInput.Restart(false));

        x.waitsForItsChildAgain(x.root, "root", x.mid);
        assertThat(x.wf(x.root).lastRetriedTime).isEqualTo(x.h.now());
        runsAgainWithNewChildren(x, x.mid, "mid");
        x.h.assertThat(x.root).hasStatus(WorkflowStatus.COMPLETED);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void restartOfTheLeafMakesTheMidLevelAndTheRootWaitAgain(Supplier<Hierarchy> shape) {
        Hierarchy x = shape.get().failed();

        x.h.apply(x.leaf, new EngineInput.Restart(false));

        assertThat(x.tasks(x.leaf)).containsExactly("la:SCHEDULED");
        x.waitsForItsChildAgain(x.mid, "mid", x.leaf);
        x.waitsForItsChildAgain(x.root, "root", x.mid);
        x.leafCompletes(x.leaf, "la");
        x.h.assertThat(x.mid).hasStatus(WorkflowStatus.COMPLETED);
        x.h.assertThat(x.root).hasStatus(WorkflowStatus.COMPLETED);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void rerunOfTheMidLevelFromTheStartMakesTheRootWaitAgain(Supplier<Hierarchy> shape) {
        Hierarchy x = shape.get().failed();

        x.h.apply(x.mid, new EngineInput.Rerun(null, null, null));

        x.waitsForItsChildAgain(x.root, "root", x.mid);
        runsAgainWithNewChildren(x, x.mid, "mid");
        x.h.assertThat(x.root).hasStatus(WorkflowStatus.COMPLETED);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void rerunOfTheLeafFromItsFirstTaskMakesTheMidLevelAndTheRootWaitAgain(Supplier<Hierarchy> shape) {
        Hierarchy x = shape.get().failed();

        x.h.apply(x.leaf, new EngineInput.Rerun("la", null, null));

        assertThat(x.tasks(x.leaf)).containsExactly("la:SCHEDULED");
        x.waitsForItsChildAgain(x.mid, "mid", x.leaf);
        x.waitsForItsChildAgain(x.root, "root", x.mid);
        x.leafCompletes(x.leaf, "la");
        x.h.assertThat(x.root).hasStatus(WorkflowStatus.COMPLETED);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void rerunFromAFailedSubWorkflowTaskRunsItInPlaceWithANewChild(Supplier<Hierarchy> shape) {
        Hierarchy x = shape.get().failed();
        TaskState before = x.h.current(x.root, x.subRef("root"));
        int tasks = x.wf(x.root).tasks.size();

        x.h.apply(x.root, new EngineInput.Rerun(x.subRef("root"), null, null));

        TaskState after = x.h.current(x.root, x.subRef("root"));
        assertThat(after.taskId).as("same task").isEqualTo(before.taskId);
        assertThat(after.status).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(after.subWorkflowId).isNotEqualTo(x.mid);
        assertThat(x.wf(x.root).tasks).as("nothing dropped").hasSize(tasks);
        x.waitsForItsChildAgain(x.root, "root", after.subWorkflowId);
        if (x.forked) {
            assertThat(x.h.current(x.root, "rf_o").status)
                    .as("the other branch keeps its result")
                    .isEqualTo(TaskStatus.COMPLETED);
        }
        String newMid = after.subWorkflowId;
        x.h.complete(newMid, x.taskRef("mid"), "{}");
        x.leafCompletes(x.child(newMid, x.subRef("mid")), "la");
        x.h.assertThat(x.root).hasStatus(WorkflowStatus.COMPLETED);
        x.h.assertThat(x.mid).hasStatus(WorkflowStatus.FAILED);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void aRunningWorkflowIsNotRerun(Supplier<Hierarchy> shape) {
        Hierarchy x = shape.get();
        String root = x.h.start("root", "{}");

        assertThatThrownBy(() -> x.h.apply(root, new EngineInput.Rerun(x.taskRef("root"), null, null)))
                .isInstanceOf(RejectedInputException.class);
    }

    /** The workflow was restarted or rerun from the start: it runs again, starting new children below it. */
    private static void runsAgainWithNewChildren(Hierarchy x, String id, String level) {
        x.h.assertThat(id).hasStatus(WorkflowStatus.RUNNING);
        x.h.complete(id, x.taskRef(level), "{}");
        String child = x.child(id, x.subRef(level));
        String leaf = child;
        if (level.equals("root")) {
            assertThat(child).isNotEqualTo(x.mid);
            x.h.complete(child, x.taskRef("mid"), "{}");
            leaf = x.child(child, x.subRef("mid"));
        }
        assertThat(leaf).isNotEqualTo(x.leaf);
        x.leafCompletes(leaf, "la");
        x.h.assertThat(id).hasStatus(WorkflowStatus.COMPLETED);
    }
}

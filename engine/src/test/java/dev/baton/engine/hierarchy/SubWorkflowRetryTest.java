package dev.baton.engine.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Retry on a three-level hierarchy, from the root, the mid-level or the leaf, with and without
 * resumeSubworkflowTasks, in the sequential and the forked shape — what Conductor's
 * SubWorkflowRetrySpec and HierarchicalForkJoinSubworkflowRetrySpec assert: a retried SUB_WORKFLOW
 * task starts a new child unless resumed, in which case the deepest failed workflow retries its
 * task; every workflow above the retried one waits for its child again, and all complete when the
 * leaf does.
 */
class SubWorkflowRetryTest {

    static Stream<Named<Supplier<Hierarchy>>> shapes() {
        return Hierarchy.shapes();
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void retryOnTheRootStartsANewMidLevelAndANewLeaf(Supplier<Hierarchy> shape) {
        Hierarchy x = shape.get().failed();

        x.h.apply(x.root, new EngineInput.Retry(false));

        TaskState failed = x.wf(x.root).tasks.stream()
                .filter(t -> t.referenceTaskName.equals(x.subRef("root")))
                .findFirst()
                .orElseThrow();
        TaskState again = x.h.current(x.root, x.subRef("root"));
        assertThat(failed.retried).isTrue();
        assertThat(again.retriedTaskId).isEqualTo(failed.taskId);
        assertThat(again.status).isEqualTo(TaskStatus.IN_PROGRESS);
        String newMid = again.subWorkflowId;
        assertThat(newMid).isNotEqualTo(x.mid);
        x.h.complete(newMid, x.taskRef("mid"), "{}");
        String newLeaf = x.child(newMid, x.subRef("mid"));
        assertThat(newLeaf).isNotEqualTo(x.leaf);
        x.leafCompletes(newLeaf, "la");
        x.h.assertThat(newMid).hasStatus(WorkflowStatus.COMPLETED);
        x.h.assertThat(x.root).hasStatus(WorkflowStatus.COMPLETED);
        x.h.assertThat(x.mid).hasStatus(WorkflowStatus.FAILED);
        x.h.assertThat(x.leaf).hasStatus(WorkflowStatus.FAILED);
        assertThat(x.h.routingNotes()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void retryOnTheRootResumingRetriesTheLeafsFailedTaskAndEveryLevelWaitsAgain(Supplier<Hierarchy> shape) {
        Hierarchy x = shape.get().failed();
        int rootTasks = x.wf(x.root).tasks.size();

        x.h.apply(x.root, new EngineInput.Retry(true));

        x.waitsForItsChildAgain(x.root, "root", x.mid);
        x.waitsForItsChildAgain(x.mid, "mid", x.leaf);
        assertThat(x.wf(x.root).tasks).hasSize(rootTasks);
        assertThat(x.tasks(x.leaf)).containsExactly("la:COMPLETED", "lb:FAILED", "lb:SCHEDULED");
        TaskState lb = x.h.current(x.leaf, "lb");
        assertThat(lb.retryCount).isEqualTo(1);
        x.leafCompletes(x.leaf);
        x.h.assertThat(x.mid).hasStatus(WorkflowStatus.COMPLETED);
        x.h.assertThat(x.root).hasStatus(WorkflowStatus.COMPLETED);
        assertThat(x.wf(x.root).tasks).hasSize(rootTasks);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void retryOnTheMidLevelStartsANewLeafAndTheRootWaitsAgain(Supplier<Hierarchy> shape) {
        Hierarchy x = shape.get().failed();

        x.h.apply(x.mid, new EngineInput.Retry(false));

        x.waitsForItsChildAgain(x.root, "root", x.mid);
        assertThat(x.wf(x.root).lastRetriedTime).isEqualTo(x.h.now());
        String newLeaf = x.h.current(x.mid, x.subRef("mid")).subWorkflowId;
        assertThat(newLeaf).isNotEqualTo(x.leaf);
        x.leafCompletes(newLeaf, "la");
        x.h.assertThat(x.mid).hasStatus(WorkflowStatus.COMPLETED);
        x.h.assertThat(x.root).hasStatus(WorkflowStatus.COMPLETED);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void retryOnTheMidLevelResumingRetriesTheLeafInPlace(Supplier<Hierarchy> shape) {
        Hierarchy x = shape.get().failed();

        x.h.apply(x.mid, new EngineInput.Retry(true));

        x.waitsForItsChildAgain(x.root, "root", x.mid);
        x.waitsForItsChildAgain(x.mid, "mid", x.leaf);
        assertThat(x.tasks(x.leaf)).containsExactly("la:COMPLETED", "lb:FAILED", "lb:SCHEDULED");
        x.leafCompletes(x.leaf);
        x.h.assertThat(x.mid).hasStatus(WorkflowStatus.COMPLETED);
        x.h.assertThat(x.root).hasStatus(WorkflowStatus.COMPLETED);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void retryOnTheLeafMakesTheMidLevelAndTheRootWaitAgain(Supplier<Hierarchy> shape) {
        for (boolean resume : new boolean[] {false, true}) {
            Hierarchy x = shape.get().failed();

            x.h.apply(x.leaf, new EngineInput.Retry(resume));

            assertThat(x.tasks(x.leaf)).containsExactly("la:COMPLETED", "lb:FAILED", "lb:SCHEDULED");
            x.waitsForItsChildAgain(x.mid, "mid", x.leaf);
            x.waitsForItsChildAgain(x.root, "root", x.mid);
            assertThat(x.wf(x.mid).lastRetriedTime).isEqualTo(x.h.now());
            assertThat(x.wf(x.root).lastRetriedTime).isEqualTo(x.h.now());
            x.leafCompletes(x.leaf);
            x.h.assertThat(x.mid).hasStatus(WorkflowStatus.COMPLETED);
            x.h.assertThat(x.root).hasStatus(WorkflowStatus.COMPLETED);
            assertThat(x.h.routingNotes()).isEmpty();
        }
    }
}

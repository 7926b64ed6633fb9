package dev.baton.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.protocol.BatonHeaders;
import dev.baton.protocol.TaskSnapshot;
import dev.baton.protocol.WorkflowSnapshot;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What baton.tasks holds: a task once it has ended; an open task is in its workflow's snapshot on
 * baton.state, and on baton.tasks only when the snapshot has no room for it. Together the two
 * topics always hold the latest state of every task.
 */
class TaskTopicTopologyTest {
    private final TopologyDriver t = new TopologyDriver(null, Duration.ofDays(7), new RuntimeMetrics());

    @AfterEach
    void tearDown() {
        t.close();
    }

    @Test
    void aTaskGoesToTheTaskTopicWhenItEndsWhileItsOpenStateIsInTheWorkflowSnapshot() {
        // given
        t.define("workflow:two:1", """
                {"name": "two", "version": 1, "tasks": [{"name": "a", "taskReferenceName": "a"},
                  {"name": "b", "taskReferenceName": "b"}]}""");
        TestOutputTopic<String, byte[]> a = t.output("a.commands");
        TestOutputTopic<String, byte[]> b = t.output("b.commands");

        // when: started, the first task is open
        t.start("two-1", "two", "{}");

        // then: it is in the snapshot, not yet on baton.tasks
        assertThat(t.lastSnapshot().getTasks())
                .extracting(TaskSnapshot::getTaskRef)
                .containsExactly("a");
        assertThat(t.tasks()).isEmpty();

        // when: it completes
        reply(a.readRecord(), "{\"n\": 1}");

        // then: it is on baton.tasks, ended; the second task is open in the snapshot only
        assertThat(t.tasks()).singleElement().satisfies(task -> {
            assertThat(task.getTaskRef()).isEqualTo("a");
            assertThat(task.getStatus()).isEqualTo("COMPLETED");
            assertThat(task.getOutput()).isEqualTo("{\"n\":1}");
        });
        assertThat(t.lastSnapshot().getTasks())
                .extracting(TaskSnapshot::getTaskRef)
                .containsExactly("b");

        // when: the second completes
        reply(b.readRecord(), "{}");

        // then: both tasks are on baton.tasks, each written once, and the finished workflow lists no open task
        assertThat(t.tasks())
                .extracting(TaskSnapshot::getTaskRef, TaskSnapshot::getStatus)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a", "COMPLETED"),
                        org.assertj.core.groups.Tuple.tuple("b", "COMPLETED"));
        WorkflowSnapshot done = t.lastSnapshot();
        assertThat(done.getStatus().name()).isEqualTo("COMPLETED");
        assertThat(done.getTasks()).isEmpty();
    }

    @Test
    void openTasksBeyondTheSnapshotsRoomAreOnTheTaskTopic() {
        // given: a fork of 130 branches, more open tasks than a snapshot lists
        String branches = IntStream.range(0, 130)
                .mapToObj(i -> "[{\"name\": \"w\", \"taskReferenceName\": \"w" + i + "\"}]")
                .collect(Collectors.joining(","));
        String joinOn = IntStream.range(0, 130).mapToObj(i -> "\"w" + i + "\"").collect(Collectors.joining(","));
        t.define("workflow:wide:1", """
                {"name": "wide", "version": 1, "tasks": [
                  {"name": "fork", "taskReferenceName": "fork", "type": "FORK_JOIN", "forkTasks": [%s]},
                  {"name": "join", "taskReferenceName": "join", "type": "JOIN", "joinOn": [%s]}]}""".formatted(branches, joinOn));

        // when
        t.start("wide-1", "wide", "{}");

        // then: the snapshot lists 100 open tasks; every other open task is on baton.tasks, none listed twice
        WorkflowSnapshot snapshot = t.lastSnapshot();
        assertThat(snapshot.getOpenTaskCount()).isEqualTo(131); // 130 branches and the join
        assertThat(snapshot.getTasks()).hasSize(ProtocolMapper.SNAPSHOT_TASKS);
        Set<String> listed =
                snapshot.getTasks().stream().map(TaskSnapshot::getTaskId).collect(Collectors.toSet());
        List<TaskSnapshot> onTopic = t.tasks();
        List<TaskSnapshot> openOnTopic =
                onTopic.stream().filter(s -> !s.getStatus().equals("COMPLETED")).toList();
        assertThat(openOnTopic)
                .hasSize(131 - ProtocolMapper.SNAPSHOT_TASKS)
                .allSatisfy(s -> assertThat(listed).doesNotContain(s.getTaskId()));
        assertThat(onTopic)
                .filteredOn(s -> s.getTaskRef().equals("fork"))
                .singleElement()
                .satisfies(s -> assertThat(s.getStatus()).isEqualTo("COMPLETED"));
        Set<String> all = new HashSet<>(listed);
        openOnTopic.forEach(s -> all.add(s.getTaskId()));
        assertThat(all).hasSize(131);
    }

    private void reply(TestRecord<String, byte[]> command, String output) {
        Headers h = new RecordHeaders(command.headers().toArray());
        ProtocolHeaders.put(h, BatonHeaders.STATUS, "COMPLETED");
        t.replies.pipeInput(new TestRecord<>(command.key(), TopologyDriver.bytes(output), h));
    }
}

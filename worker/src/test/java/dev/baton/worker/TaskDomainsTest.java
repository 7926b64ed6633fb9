package dev.baton.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A domain's commands travel on their own topic; its name must make a valid topic name. */
class TaskDomainsTest {

    @Test
    void aDomainPrefixesTheCommandTopic() {
        assertThat(TaskDomains.topic("canary", "reserve_seat.commands")).isEqualTo("canary.reserve_seat.commands");
        assertThat(TaskDomains.topic(null, "reserve_seat.commands")).isEqualTo("reserve_seat.commands");
        assertThat(TaskDomains.topic(" ", "reserve_seat.commands")).isEqualTo("reserve_seat.commands");
    }

    @Test
    void onlyNamesThatMakeAValidTopicAreAccepted() {
        assertThat(TaskDomains.problem("canary-2.eu_west", "t.commands")).isNull();
        assertThat(TaskDomains.problem("my domain", "t.commands")).contains("letters, digits");
        assertThat(TaskDomains.problem("a:b", "t.commands")).contains("letters, digits");
        assertThat(TaskDomains.problem("..", "t.commands")).isNotNull();
        assertThat(TaskDomains.problem("", "t.commands")).contains("blank");
        assertThat(TaskDomains.problem("d".repeat(240), "t.commands")).contains("longer than 249");
    }

    @Test
    void aWorkerInADomainReadsItsTopicInItsOwnGroup() {
        TaskWorker w = TaskWorker.builder()
                .bootstrapServers("127.0.0.1:1")
                .taskType("reserve_seat")
                .domain("canary")
                .handler(ctx -> TaskResult.completed())
                .build();
        assertThat(w.commandTopic()).isEqualTo("canary.reserve_seat.commands");
        assertThat(w.groupId()).isEqualTo("baton-worker-canary:reserve_seat");
        assertThat(w.domain()).isEqualTo("canary");
        assertThatThrownBy(() -> TaskWorker.builder().domain("no spaces please"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pollRecordsAreKeyedByConductorsQueueNameAndReadBack() {
        assertThat(PollerRecords.key("t", "d")).isEqualTo("d:t");
        assertThat(PollerRecords.key("t", null)).isEqualTo("t");
        PollerRecords.Poll p = new PollerRecords.Poll("t", "d", "w-1", 123L);
        assertThat(PollerRecords.read(PollerRecords.value(p))).isEqualTo(p);
        assertThat(PollerRecords.read("not json".getBytes())).isNull();
        assertThat(PollerRecords.read("{\"taskType\": \"t\"}".getBytes())).isNull();
        assertThat(PollerRecords.read(null)).isNull();
    }
}

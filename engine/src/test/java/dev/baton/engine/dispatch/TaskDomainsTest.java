package dev.baton.engine.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Conductor's domain rules: which mapping applies to a task, and which domain of a fallback list it goes to. */
class TaskDomainsTest {

    @Test
    void aTasksOwnMappingWinsOverTheStarMapping() {
        Map<String, String> map = Map.of("*", "all", "task_b", "b1,b2");
        assertThat(TaskDomains.candidates(map, "task_a")).containsExactly("all");
        assertThat(TaskDomains.candidates(map, "task_b")).containsExactly("b1", "b2");
    }

    @Test
    void withoutAMappingOrWithABlankStarThereIsNoDomain() {
        assertThat(TaskDomains.candidates(null, "t")).isEmpty();
        assertThat(TaskDomains.candidates(Map.of(), "t")).isEmpty();
        assertThat(TaskDomains.candidates(Map.of("other", "d"), "t")).isEmpty();
        assertThat(TaskDomains.candidates(Map.of("*", "  "), "t")).isEmpty();
    }

    @Test
    void aListIsTrimmedAndBlanksAreLeftOut() {
        assertThat(TaskDomains.parse(" d1 , d2,,NO_DOMAIN ")).containsExactly("d1", "d2", "NO_DOMAIN");
    }

    @Test
    void theFirstDomainWithAnActiveWorkerIsChosen() {
        List<String> list = List.of("d1", "d2", "d3");
        assertThat(TaskDomains.choose(list, Set.of("d2", "d3")::contains)).isEqualTo("d2");
        assertThat(TaskDomains.choose(list, Set.of("d1")::contains)).isEqualTo("d1");
    }

    @Test
    void withNoActiveWorkerTheLastDomainIsChosenEvenIfInactive() {
        assertThat(TaskDomains.choose(List.of("d1", "d2"), d -> false)).isEqualTo("d2");
        assertThat(TaskDomains.choose(List.of("only"), d -> false)).isEqualTo("only");
    }

    @Test
    void noDomainLastMeansTheDefaultQueueWhenNoneIsActive() {
        assertThat(TaskDomains.choose(List.of("d1", "NO_DOMAIN"), d -> false)).isNull();
        assertThat(TaskDomains.choose(List.of("d1", "no_domain"), d -> false)).isNull();
        assertThat(TaskDomains.choose(List.of("NO_DOMAIN"), d -> true)).isNull();
        assertThat(TaskDomains.choose(List.of("d1", "NO_DOMAIN"), "d1"::equals)).isEqualTo("d1");
        assertThat(TaskDomains.choose(List.of(), d -> true)).isNull();
    }

    @Test
    void noDomainIsNeverItselfAnActiveDomain() {
        // even if a worker polled with the domain literally named NO_DOMAIN
        assertThat(TaskDomains.choose(List.of("NO_DOMAIN", "d2"), d -> true)).isEqualTo("d2");
    }

    @Test
    void onlyAListWithMoreThanOnePossibleOutcomeDependsOnWorkers() {
        assertThat(TaskDomains.dependsOnWorkers(List.of("d1"))).isFalse();
        assertThat(TaskDomains.dependsOnWorkers(List.of("NO_DOMAIN"))).isFalse();
        assertThat(TaskDomains.dependsOnWorkers(List.of("d1", "d1"))).isFalse();
        assertThat(TaskDomains.dependsOnWorkers(List.of("d1", "NO_DOMAIN"))).isTrue();
        assertThat(TaskDomains.dependsOnWorkers(List.of("d1", "d2"))).isTrue();
        assertThat(TaskDomains.dependsOnWorkers(List.of())).isFalse();
    }
}

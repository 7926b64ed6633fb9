package dev.baton.orchestrator.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.model.WorkflowInstance;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartialSearchTest {

    private static WorkflowInstance wf(String id, long startTime) {
        WorkflowInstance w = new WorkflowInstance();
        w.workflowId = id;
        w.startTime = startTime;
        return w;
    }

    /** Each node's first {@code limit} matches, newest first, as a node answers. */
    private static PartialSearch node(int limit, List<Integer> partitions, WorkflowInstance... matches) {
        List<WorkflowInstance> sorted = new ArrayList<>(List.of(matches));
        sorted.sort(LocalInstanceQueries.NEWEST_FIRST);
        return new PartialSearch(matches.length, sorted.subList(0, Math.min(limit, sorted.size())), partitions);
    }

    @Test
    void pagesOverTheMergedAnswersNewestFirstAndSumsTheTotals() {
        WorkflowInstance[] onA = {wf("a1", 100), wf("a2", 90), wf("a3", 50), wf("a4", 10)};
        WorkflowInstance[] onB = {wf("b1", 95), wf("b2", 60), wf("b3", 55)};
        List<String> walked = new ArrayList<>();
        for (int start = 0; start < 7; start += 2) {
            int limit = PartialSearch.limitFor(start, 2);
            SearchResult page = PartialSearch.merge(List.of(node(limit, List.of(0, 2), onA), node(limit, List.of(1), onB)),
                    start, 2);
            assertThat(page.totalHits()).isEqualTo(7);
            page.results().forEach(w -> walked.add(w.workflowId));
        }
        assertThat(walked).containsExactly("a1", "b1", "a2", "b2", "b3", "a3", "a4");
    }

    @Test
    void equalStartTimesAreOrderedById() {
        SearchResult page = PartialSearch.merge(List.of(node(3, List.of(0), wf("m", 5), wf("z", 5)),
                node(3, List.of(1), wf("a", 5))), 0, 3);
        assertThat(page.results()).extracting(w -> w.workflowId).containsExactly("a", "m", "z");
    }

    @Test
    void aPagePastTheEndIsEmptyAndOddPagingIsClamped() {
        List<PartialSearch> answers = List.of(node(10, List.of(0), wf("x", 1), wf("y", 2)));
        assertThat(PartialSearch.merge(answers, 5, 10).results()).isEmpty();
        assertThat(PartialSearch.merge(answers, 5, 10).totalHits()).isEqualTo(2);
        assertThat(PartialSearch.merge(answers, -3, 1).results()).extracting(w -> w.workflowId).containsExactly("y");
        assertThat(PartialSearch.merge(answers, 0, -1).results()).isEmpty();
        assertThat(PartialSearch.limitFor(Integer.MAX_VALUE, 10)).isEqualTo(Integer.MAX_VALUE);
        assertThat(PartialSearch.limitFor(-5, 7)).isEqualTo(7);
    }

    @Test
    void roundTripsAsJsonBetweenNodes() throws Exception {
        WorkflowInstance w = wf("id-1", 42);
        w.workflowName = "hold";
        PartialSearch answer = new PartialSearch(3, List.of(w), List.of(1, 4));
        PartialSearch back = QueryJson.readPartial(QueryJson.write(answer));
        assertThat(back.total()).isEqualTo(3);
        assertThat(back.partitions()).containsExactly(1, 4);
        assertThat(back.results()).singleElement().satisfies(r -> {
            assertThat(r.workflowId).isEqualTo("id-1");
            assertThat(r.workflowName).isEqualTo("hold");
            assertThat(r.startTime).isEqualTo(42);
        });
        InstanceSearch search = new InstanceSearch(java.util.Set.of("t"),
                java.util.Set.of(dev.baton.engine.model.WorkflowStatus.PAUSED), "c", 1L, null, "x", 14, 7);
        assertThat(QueryJson.readSearch(QueryJson.write(search))).isEqualTo(search);
    }
}

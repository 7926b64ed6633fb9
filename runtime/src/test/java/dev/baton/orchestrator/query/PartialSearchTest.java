package dev.baton.orchestrator.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.model.WorkflowInstance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

/** Nodes answer keys; the merging node picks the page from them, newest first, and sums the totals. */
class PartialSearchTest {
    private static final SearchPage.Source A = new SearchPage.Source(new HostInfo("a", 1), false);
    private static final SearchPage.Source B = new SearchPage.Source(new HostInfo("b", 2), true);

    private static PartialSearch.Key key(String id, long startTime) {
        return new PartialSearch.Key(id, startTime, id.charAt(0) - 'a');
    }

    /** Each node's first {@code limit} matches, newest first, as keys, as a node answers. */
    private static SearchPage.Answer node(
            SearchPage.Source source, int limit, List<Integer> partitions, PartialSearch.Key... matches) {
        List<PartialSearch.Key> sorted = new ArrayList<>(List.of(matches));
        sorted.sort(Comparator.comparingLong(PartialSearch.Key::startTime)
                .reversed()
                .thenComparing(PartialSearch.Key::workflowId));
        return new SearchPage.Answer(
                source,
                PartialSearch.ofKeys(matches.length, sorted.subList(0, Math.min(limit, sorted.size())), partitions));
    }

    private static List<String> ids(List<SearchPage.Entry> page) {
        return page.stream().map(SearchPage.Entry::workflowId).toList();
    }

    @Test
    void pagesOverTheMergedKeysNewestFirstAndSumsTheTotals() {
        PartialSearch.Key[] onA = {key("a1", 100), key("a2", 90), key("a3", 50), key("a4", 10)};
        PartialSearch.Key[] onB = {key("b1", 95), key("b2", 60), key("b3", 55)};
        List<String> walked = new ArrayList<>();
        for (int start = 0; start < 7; start += 2) {
            int limit = PartialSearch.limitFor(start, 2);
            List<SearchPage.Answer> answers =
                    List.of(node(A, limit, List.of(0, 2), onA), node(B, limit, List.of(1), onB));
            assertThat(SearchPage.total(answers)).isEqualTo(7);
            List<SearchPage.Entry> page = SearchPage.pick(answers, start, 2);
            assertThat(page).allSatisfy(e -> {
                assertThat(e.source()).isEqualTo(e.workflowId().startsWith("a") ? A : B);
                assertThat(e.whole()).as("read afterwards, from its node").isNull();
            });
            walked.addAll(ids(page));
        }
        assertThat(walked).containsExactly("a1", "b1", "a2", "b2", "b3", "a3", "a4");
    }

    @Test
    void equalStartTimesAreOrderedById() {
        List<SearchPage.Entry> page = SearchPage.pick(
                List.of(node(A, 3, List.of(0), key("m", 5), key("z", 5)), node(B, 3, List.of(1), key("a", 5))), 0, 3);
        assertThat(ids(page)).containsExactly("a", "m", "z");
    }

    @Test
    void aPagePastTheEndIsEmptyAndOddPagingIsClamped() {
        List<SearchPage.Answer> answers = List.of(node(A, 10, List.of(0), key("x", 1), key("y", 2)));
        assertThat(SearchPage.pick(answers, 5, 10)).isEmpty();
        assertThat(SearchPage.total(answers)).isEqualTo(2);
        assertThat(ids(SearchPage.pick(answers, -3, 1))).containsExactly("y");
        assertThat(SearchPage.pick(answers, 0, -1)).isEmpty();
        assertThat(PartialSearch.limitFor(Integer.MAX_VALUE, 10)).isEqualTo(Integer.MAX_VALUE);
        assertThat(PartialSearch.limitFor(-5, 7)).isEqualTo(7);
    }

    @Test
    void anAnswerOfWholeInstancesFromAnOlderNodeMergesWithKeys() {
        WorkflowInstance old = new WorkflowInstance();
        old.workflowId = "o1";
        old.startTime = 70;
        List<SearchPage.Answer> answers = List.of(
                node(A, 2, List.of(0), key("a1", 100), key("a2", 50)),
                new SearchPage.Answer(B, PartialSearch.ofInstances(4, List.of(old), List.of(1))));
        List<SearchPage.Entry> page = SearchPage.pick(answers, 1, 2);
        assertThat(ids(page)).containsExactly("o1", "a2");
        assertThat(page.get(0).whole()).isSameAs(old);
        assertThat(SearchPage.total(answers)).isEqualTo(6);
    }

    @Test
    void roundTripsAsJsonBetweenNodes() throws Exception {
        PartialSearch keys = PartialSearch.ofKeys(3, List.of(new PartialSearch.Key("id-1", 42, 4)), List.of(1, 4));
        PartialSearch back = QueryJson.readPartial(QueryJson.write(keys));
        assertThat(back).isEqualTo(keys);
        assertThat(QueryJson.readKeys(QueryJson.write(keys.keys()))).isEqualTo(keys.keys());

        WorkflowInstance w = new WorkflowInstance();
        w.workflowId = "id-1";
        w.startTime = 42;
        w.workflowName = "hold";
        // an older node's answer has no keys: the instances come whole
        byte[] older =
                "{\"total\":3,\"results\":[{\"workflowId\":\"id-1\",\"workflowName\":\"hold\",\"startTime\":42}],\"partitions\":[1,4]}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        PartialSearch whole = QueryJson.readPartial(older);
        assertThat(whole.keys()).isNull();
        assertThat(whole.results()).singleElement().satisfies(r -> {
            assertThat(r.workflowId).isEqualTo("id-1");
            assertThat(r.workflowName).isEqualTo("hold");
            assertThat(r.startTime).isEqualTo(42);
        });
        InstanceReads reads = QueryJson.readReads(QueryJson.write(new InstanceReads(List.of(w), List.of("gone"))));
        assertThat(reads.found()).extracting(r -> r.workflowName).containsExactly("hold");
        assertThat(reads.absent()).containsExactly("gone");

        InstanceSearch search = new InstanceSearch(
                java.util.Set.of("t"),
                java.util.Set.of(dev.baton.engine.model.WorkflowStatus.PAUSED),
                "c",
                1L,
                null,
                "x",
                14,
                7);
        assertThat(QueryJson.readSearch(QueryJson.write(search))).isEqualTo(search);
    }
}

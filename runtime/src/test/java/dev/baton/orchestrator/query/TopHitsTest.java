package dev.baton.orchestrator.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.model.WorkflowStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A search counts every match and keeps only the newest start + size of them, in order. */
class TopHitsTest {

    @Test
    void keepsTheNewestHitsOfManyInOrderAndCountsThemAll() {
        List<long[]> all = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            all.add(new long[] {random.nextInt(50_000), i}); // start times repeat: ties go by id
        }
        Collections.shuffle(all, random);
        for (int limit : new int[] {0, 1, 25, 50, 99_975, 100_000, 200_000}) {
            TopHits<String> hits = new TopHits<>(limit);
            for (long[] h : all) {
                hits.add(id(h[1]), h[0], id -> id);
            }
            List<long[]> expected = new ArrayList<>(all);
            expected.sort((a, b) -> a[0] != b[0] ? Long.compare(b[0], a[0]) : id(a[1]).compareTo(id(b[1])));
            List<String> want = expected.subList(0, Math.min(limit, expected.size())).stream()
                    .map(h -> id(h[1]))
                    .toList();
            assertThat(hits.total()).isEqualTo(100_000);
            assertThat(hits.sorted().stream().map(TopHits.Hit::workflowId).toList())
                    .as("limit " + limit)
                    .isEqualTo(want);
        }
    }

    @Test
    void mergesPartitionsTotalsAndKeepsTheNewestOfAll() {
        TopHits<String> a = new TopHits<>(3);
        TopHits<String> b = new TopHits<>(3);
        for (int i = 0; i < 10; i++) {
            a.add("a" + i, i * 10, id -> "A");
            b.add("b" + i, i * 10 + 5, id -> "B");
        }
        TopHits<String> all = new TopHits<>(3);
        all.addAll(a);
        all.addAll(b);
        assertThat(all.total()).isEqualTo(20);
        assertThat(all.sorted().stream().map(TopHits.Hit::workflowId).toList()).containsExactly("b9", "a9", "b8");
        assertThat(all.sorted().get(0).value()).isEqualTo("B");
    }

    @Test
    void theSearchKeysAreMatchedAsTheWholeInstanceWouldBe() {
        InstanceSearch s = new InstanceSearch(
                Set.of("booking"),
                Set.of(WorkflowStatus.RUNNING, WorkflowStatus.PAUSED),
                "c1",
                100L,
                200L,
                null,
                0,
                25);
        assertThat(s.matchesKeys("booking", "RUNNING", "c1", 150)).isTrue();
        assertThat(s.matchesKeys("booking", "PAUSED", "c1", 100)).isTrue();
        assertThat(s.matchesKeys("other", "RUNNING", "c1", 150)).isFalse();
        assertThat(s.matchesKeys("booking", "FAILED", "c1", 150)).isFalse();
        assertThat(s.matchesKeys("booking", null, "c1", 150)).isFalse();
        assertThat(s.matchesKeys("booking", "RUNNING", "c2", 150)).isFalse();
        assertThat(s.matchesKeys("booking", "RUNNING", "c1", 99)).isFalse();
        assertThat(s.matchesKeys("booking", "RUNNING", "c1", 201)).isFalse();
        assertThat(InstanceSearch.all(0, 10).matchesKeys(null, null, null, 0)).isTrue();
        assertThat(s.hasText()).isFalse();
        assertThat(new InstanceSearch(Set.of(), Set.of(), null, null, null, "*", 0, 1).hasText())
                .isFalse();
        assertThat(new InstanceSearch(Set.of(), Set.of(), null, null, null, "BK-1", 0, 1).hasText())
                .isTrue();
    }

    private static String id(long i) {
        return String.format("wf-%06d", i);
    }
}
